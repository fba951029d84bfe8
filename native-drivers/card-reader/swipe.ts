// What a swipe means to the till: a loyalty or gift card number from the retailer's ranges, or a
// refusal. A payment card is refused with "use the payment terminal": its number and tracks are
// never returned, kept or put in a message (PCI DSS: the till is not the payment application). The
// swipe is copied into one buffer this module owns and that buffer is zeroed before returning.
import type { ScannerSettings } from '../../contract/config';
import { matchCardRange } from '../scanner/card-ranges';
import { maskPan, paymentScheme } from '../scanner/payment-card';
import { splitTracks } from './tracks';
import type { SplitOptions, Track, TrackErrorCode, TrackNumber } from './tracks';

/** The retailer's card ranges, as the config file gives them (scanner.loyaltyCards / giftCards). */
export type CardRanges = Pick<ScannerSettings, 'loyaltyCards' | 'giftCards'>;

export type SwipeErrorCode = TrackErrorCode | 'empty' | 'check-digit';

export interface SwipeError {
  code: SwipeErrorCode;
  /** The track at fault, when one is. */
  track: TrackNumber | null;
  /** For logs and as a fallback; the UI words it from `code`. Never holds card data. */
  message: string;
}

export type CardRead =
  | { kind: 'loyalty'; number: string }
  | { kind: 'gift'; number: string }
  /** Refused: the customer pays with it on the payment terminal. */
  | { kind: 'payment-card'; masked: string }
  /** Read well but in none of the retailer's ranges. */
  | { kind: 'unknown-card'; masked: string }
  | { kind: 'misread'; error: SwipeError };

/** A swipe of three full tracks is under 250 bytes; anything much longer is not one swipe. */
export const MAX_SWIPE_BYTES = 512;

const messages: Record<SwipeErrorCode, string> = {
  unreadable: 'The card could not be read; swipe it again.',
  'start-sentinel': 'The swipe was garbled; swipe the card again.',
  'end-sentinel': 'The swipe was cut short; swipe the card again.',
  lrc: 'The swipe failed its check; swipe the card again.',
  format: 'The card data is not in a known layout.',
  'too-long': 'Too much data for one card swipe.',
  empty: 'The card carries no card number.',
  'check-digit': 'The card number did not pass its check digit; swipe the card again.',
};

export const misread = (code: SwipeErrorCode, track: TrackNumber | null = null): CardRead => ({
  kind: 'misread',
  error: { code, track, message: messages[code] },
});

/**
 * Reads one swipe: bytes from a serial or HID reader, or the text a keyboard-mode reader typed,
 * with or without its final CR.
 */
export function readSwipe(
  input: Uint8Array | string,
  ranges: CardRanges,
  options: SplitOptions = {},
): CardRead {
  if (input.length > MAX_SWIPE_BYTES) return misread('too-long');
  const buffer = new Uint8Array(input.length);
  try {
    if (typeof input === 'string') {
      for (let i = 0; i < input.length; i++) {
        const code = input.charCodeAt(i);
        // A stripe holds ASCII only; anything wider cannot be card data, so it fails the character check.
        buffer[i] = code > 0x7f ? 0x7f : code;
      }
    } else {
      buffer.set(input);
    }
    return interpret(buffer, ranges, options);
  } finally {
    buffer.fill(0);
  }
}

function interpret(buffer: Uint8Array, ranges: CardRanges, options: SplitOptions): CardRead {
  const split = splitTracks(buffer, options);
  if (!split.ok) return misread(split.code, split.track);
  const numbers = new Map<TrackNumber, string>();
  for (const track of split.tracks) {
    if (!track.ok || !track.pan) continue;
    const digits = String.fromCharCode(...buffer.subarray(track.pan.start, track.pan.end));
    // Every track is checked, so a payment card with one unreadable track is still refused.
    if (paymentScheme(digits)) return { kind: 'payment-card', masked: maskPan(digits) };
    numbers.set(track.track, digits);
  }
  const number = numbers.get(2) ?? numbers.get(1);
  if (number === undefined) return firstError(split.tracks);
  return classify(number, ranges);
}

function classify(number: string, ranges: CardRanges): CardRead {
  for (const [kind, list] of [
    ['loyalty', ranges.loyaltyCards],
    ['gift', ranges.giftCards],
  ] as const) {
    const match = matchCardRange(number, list);
    if (!match) continue;
    return match.ok ? { kind, number } : misread('check-digit');
  }
  return { kind: 'unknown-card', masked: maskPan(number) };
}

function firstError(tracks: readonly Track[]): CardRead {
  // A real fault (LRC, format) says more than "unreadable", which readers send for blank tracks too.
  const failed = tracks.filter((track) => !track.ok);
  const worst = failed.find((track) => track.code !== 'unreadable') ?? failed[0];
  return worst ? misread(worst.code, worst.track) : misread('empty');
}
