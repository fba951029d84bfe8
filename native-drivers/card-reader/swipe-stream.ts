// Cuts a serial card reader's byte stream into swipes at the CR (or LF) the reader ends each one
// with, and reads each swipe. Card bytes are held in one fixed buffer that is zeroed after every
// swipe, and each incoming chunk is zeroed once copied, so no card data lingers in the transport's
// read buffer either: listeners added to the transport after this one see zeros.
import { MAX_SWIPE_BYTES, misread, readSwipe } from './swipe';
import type { CardRanges, CardRead } from './swipe';
import type { SplitOptions } from './tracks';

const CR = 0x0d;
const LF = 0x0a;

export class SwipeStream {
  private readonly buffer = new Uint8Array(MAX_SWIPE_BYTES);
  private length = 0;
  /** After an oversized swipe, bytes are dropped up to the next terminator. */
  private discarding = false;

  constructor(
    private readonly ranges: CardRanges,
    private readonly onRead: (read: CardRead) => void,
    private readonly options: SplitOptions = {},
  ) {}

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === CR || byte === LF) {
        this.endOfSwipe();
      } else if (this.discarding) {
        continue;
      } else if (this.length === this.buffer.length) {
        this.reset();
        this.discarding = true;
        this.onRead(misread('too-long'));
      } else {
        this.buffer[this.length++] = byte;
      }
    }
    chunk.fill(0);
  }

  /** Drops a half-received swipe, e.g. when the reader goes quiet mid-swipe or is unplugged. */
  reset(): void {
    this.buffer.fill(0);
    this.length = 0;
  }

  private endOfSwipe(): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    // CR LF ends a swipe once; an empty line is not a swipe.
    if (this.length === 0) return;
    const read = readSwipe(this.buffer.subarray(0, this.length), this.ranges, this.options);
    this.reset();
    this.onRead(read);
  }
}
