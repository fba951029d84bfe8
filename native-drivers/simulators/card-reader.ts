// A magnetic stripe reader for tests and the demo. `swipeText` gives what a MagTek-style reader in
// keyboard mode types for a card (%…?;…?+…? then Enter); `VirtualSerialCardReader` sends the same
// bytes and a CR over a pseudo-terminal, as a reader in serial mode does.
import { trackLrc } from '../card-reader/tracks';
import type { TrackNumber } from '../card-reader/tracks';
import { PtyPair } from './pty-pair';
import type { PacedWrite } from './pty-pair';
import { bytesOf } from './serial-scanner';

export interface TestCard {
  /** The card number (a test PAN for payment-card tests, never a real one). */
  number: string;
  /** Track 1 name field, "SURNAME/GIVEN". Default "CUSTOMER/TEST". */
  name?: string;
  /** YYMM; default "3012". */
  expiry?: string;
  /** Default "101". */
  serviceCode?: string;
  discretionary?: string;
}

export type TrackContent = 'data' | 'unreadable' | 'absent';

export interface SwipeLayout {
  /** Which tracks the reader sends and how each came out. Default: tracks 1 and 2 with data. */
  tracks?: Partial<Record<TrackNumber, TrackContent>>;
  /** Follow each end sentinel with the track's LRC character, as raw-mode readers do. */
  lrc?: boolean;
}

const START: Record<TrackNumber, string> = { 1: '%', 2: ';', 3: '+' };

/** One track of the card from start to end sentinel, as a keyboard-mode reader types it. */
export function trackText(card: TestCard, track: TrackNumber): string {
  const expiry = card.expiry ?? '3012';
  const service = card.serviceCode ?? '101';
  const extra = card.discretionary ?? '';
  const body: Record<TrackNumber, string> = {
    1: `B${card.number}^${card.name ?? 'CUSTOMER/TEST'}^${expiry}${service}${extra}`,
    2: `${card.number}=${expiry}${service}${extra}`,
    3: `${card.number}=${extra}`,
  };
  return `${START[track]}${body[track]}?`;
}

/** The characters a reader sends for one swipe, without the final CR. */
export function swipeText(card: TestCard, layout: SwipeLayout = {}): string {
  const { tracks = { 1: 'data', 2: 'data' }, lrc = false } = layout;
  let text = '';
  for (const track of [1, 2, 3] as const) {
    const content = tracks[track] ?? 'absent';
    if (content === 'absent') continue;
    if (content === 'unreadable') {
      text += `${START[track]}E?`;
      continue;
    }
    const framed = trackText(card, track);
    text += lrc ? framed + String.fromCharCode(trackLrc(bytesOf(framed), track)) : framed;
  }
  return text;
}

export class VirtualSerialCardReader {
  private constructor(private readonly pty: PtyPair) {}

  static async start(): Promise<VirtualSerialCardReader> {
    return new VirtualSerialCardReader(await PtyPair.create());
  }

  /** The serial port path the driver opens. */
  get devicePath(): string {
    return this.pty.hostPath;
  }

  /** Swipes a card, or sends raw text (a damaged swipe), ending it with CR. */
  async swipe(card: TestCard | string, layout: SwipeLayout & PacedWrite = {}): Promise<void> {
    const text = typeof card === 'string' ? card : swipeText(card, layout);
    await this.pty.write(bytesOf(`${text}\r`), layout);
  }

  async close(): Promise<void> {
    await this.pty.close();
  }
}
