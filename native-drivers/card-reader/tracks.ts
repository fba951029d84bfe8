// Splits what a magnetic stripe reader sends for one swipe into its tracks (ISO/IEC 7813):
//   track 1  %B<PAN ≤19>^<NAME ≤26>^<YYMM><service code><discretionary>?   6-bit characters 0x20–0x5F
//   track 2  ;<PAN ≤19>=<YYMM><service code><discretionary>?               4-bit characters 0x30–0x3F
//   track 3  +<data>?  (MagTek's keyboard output marks it with +)
// MagTek-style readers send the tracks back to back and a CR; an unreadable track comes as %E?, ;E?
// or +E?. Readers in raw mode follow each end sentinel with the track's LRC character.
// Works on bytes and returns positions, never copies of card data: the caller owns the one buffer
// and wipes it (see swipe.ts).

export type TrackNumber = 1 | 2 | 3;

export type TrackErrorCode =
  /** The reader could not read the track (it sent E). */
  | 'unreadable'
  /** Bytes where a track should start. */
  | 'start-sentinel'
  /** A track without its end sentinel. */
  | 'end-sentinel'
  /** The LRC character does not match the track. */
  | 'lrc'
  /** Characters or fields ISO/IEC 7813 does not allow. */
  | 'format'
  /** Longer than the track can hold. */
  | 'too-long';

/** Where a field lies in the swipe buffer: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type Track =
  /** `pan` is null when the track carries no account number (blank, track 3, not format B). */
  | { track: TrackNumber; ok: true; pan: Span | null }
  | { track: TrackNumber; ok: false; code: TrackErrorCode };

export type SplitResult =
  | { ok: true; tracks: Track[] }
  /** The framing is broken, so no track can be trusted. */
  | { ok: false; code: 'start-sentinel' | 'end-sentinel' | 'empty'; track: TrackNumber | null };

const PERCENT = 0x25;
const SEMICOLON = 0x3b;
const PLUS = 0x2b;
const QUESTION = 0x3f;
const CARET = 0x5e;
const EQUALS = 0x3d;
const LETTER_B = 0x42;
const LETTER_E = 0x45;
const CR = 0x0d;
const LF = 0x0a;

const START: Readonly<Record<number, TrackNumber>> = { [PERCENT]: 1, [SEMICOLON]: 2, [PLUS]: 3 };

/** The most characters a track holds, sentinels and LRC included (ISO/IEC 7811-2, 7811-6). */
const MAX_LENGTH: Readonly<Record<TrackNumber, number>> = { 1: 79, 2: 40, 3: 107 };
const MAX_PAN_DIGITS = 19;
const MAX_NAME = 26;

export interface SplitOptions {
  /** The reader sends an LRC character after each track's end sentinel. Default false. */
  lrc?: boolean;
}

export function splitTracks(buffer: Uint8Array, options: SplitOptions = {}): SplitResult {
  let end = buffer.length;
  while (end > 0 && (buffer[end - 1] === CR || buffer[end - 1] === LF)) end--;
  if (end === 0) return { ok: false, code: 'empty', track: null };
  const tracks: Track[] = [];
  let index = 0;
  while (index < end) {
    const track = START[buffer[index] ?? 0];
    if (!track) return { ok: false, code: 'start-sentinel', track: null };
    const close = buffer.indexOf(QUESTION, index + 1);
    if (close < 0 || close >= end) return { ok: false, code: 'end-sentinel', track };
    const content: Span = { start: index + 1, end: close };
    const unreadable = close - index === 2 && buffer[index + 1] === LETTER_E;
    // The reader makes up E tracks itself and sends no LRC after them.
    const hasLrc = options.lrc === true && !unreadable;
    if (hasLrc && close + 1 >= end) return { ok: false, code: 'end-sentinel', track };
    const next = close + 1 + (hasLrc ? 1 : 0);
    if (tracks.some((seen) => seen.track === track)) {
      tracks.push({ track, ok: false, code: 'format' });
    } else if (unreadable) {
      tracks.push({ track, ok: false, code: 'unreadable' });
    } else if (next - index > MAX_LENGTH[track]) {
      tracks.push({ track, ok: false, code: 'too-long' });
    } else if (!charactersAllowed(buffer, content, track)) {
      tracks.push({ track, ok: false, code: 'format' });
    } else if (hasLrc && buffer[close + 1] !== trackLrc(buffer.subarray(index, close + 1), track)) {
      tracks.push({ track, ok: false, code: 'lrc' });
    } else {
      tracks.push(accountNumber(buffer, content, track));
    }
    index = next;
  }
  return { ok: true, tracks };
}

/**
 * The LRC character of a track from its start sentinel to its end sentinel: the exclusive OR of the
 * characters' data bits (6 on track 1, 4 on tracks 2 and 3), as the character with those bits.
 */
export function trackLrc(sentinelToSentinel: Uint8Array, track: TrackNumber): number {
  const base = track === 1 ? 0x20 : 0x30;
  let lrc = 0;
  sentinelToSentinel.forEach((byte, i) => {
    // On the stripe track 3 starts with the same sentinel as track 2; + is only how MagTek prints it.
    lrc ^= (i === 0 && track === 3 ? SEMICOLON : byte) - base;
  });
  return base + (lrc & (track === 1 ? 0x3f : 0x0f));
}

function charactersAllowed(buffer: Uint8Array, span: Span, track: TrackNumber): boolean {
  const [low, high] = track === 1 ? [0x20, 0x5f] : [0x30, 0x3f];
  for (let i = span.start; i < span.end; i++) {
    const byte = buffer[i] ?? 0;
    // Sentinels are not data: a second start sentinel inside a track means two swipes ran together.
    if (byte < low || byte > high || byte === PERCENT || byte === SEMICOLON || byte === QUESTION)
      return false;
  }
  return true;
}

function accountNumber(buffer: Uint8Array, content: Span, track: TrackNumber): Track {
  if (track === 3 || content.end === content.start) return { track, ok: true, pan: null };
  if (track === 1) {
    // Format code B is the bank card layout; other codes are proprietary and carry no PAN we know.
    if (buffer[content.start] !== LETTER_B) return { track, ok: true, pan: null };
    const pan = digitsUntil(buffer, content.start + 1, content.end, CARET);
    if (!pan) return { track, ok: false, code: 'format' };
    const nameEnd = buffer.indexOf(CARET, pan.end + 1);
    if (nameEnd < 0 || nameEnd >= content.end || nameEnd - pan.end - 1 > MAX_NAME) {
      return { track, ok: false, code: 'format' };
    }
    return { track, ok: true, pan };
  }
  // Track 2 of a loyalty card often holds the number alone, without a separator.
  const pan = digitsUntil(buffer, content.start, content.end, EQUALS);
  return pan ? { track, ok: true, pan } : { track, ok: false, code: 'format' };
}

/** 1–19 digits from `start` up to `separator` (or `end` for track 2), else null. */
function digitsUntil(buffer: Uint8Array, start: number, end: number, separator: number): Span | null {
  let i = start;
  while (i < end && isDigit(buffer[i])) i++;
  const length = i - start;
  if (length < 1 || length > MAX_PAN_DIGITS) return null;
  if (i < end && buffer[i] !== separator) return null;
  if (i === end && separator === CARET) return null;
  return { start, end: i };
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}
