// Cuts a serial scanner's byte stream into labels by the prefix and suffix it was programmed with,
// or by silence when it sends no suffix. Stateful but pure: the serial driver passes each chunk with
// its arrival time and calls tick() at deadline(); nothing here sets a timer or touches a port.
import type { SerialScannerFraming } from '../../contract/config';
import { splitAimPrefix, symbologyFromAim } from './aim';
import { err, ok, zeroCounts } from './result';
import type { RejectCounts, Result } from './result';
import { decodeUtf8 } from './text';
import type { ScanEvent } from './types';

export type SerialFrameError =
  /** The frame outgrew maxFrameBytes before its suffix; bytes are skipped up to the next suffix. */
  | { kind: 'oversize'; max: number }
  /** The line went quiet in the middle of a frame that should have ended with a suffix. */
  | { kind: 'incomplete'; bytes: number }
  /** Bytes outside a frame while waiting for the prefix (line noise, a half-sent label). */
  | { kind: 'noise'; bytes: number }
  | { kind: 'encoding' };

export type SerialFrameErrorKind = SerialFrameError['kind'];
export type SerialOutcome = Result<ScanEvent, SerialFrameError>;

const ERROR_KINDS: readonly SerialFrameErrorKind[] = ['oversize', 'incomplete', 'noise', 'encoding'];

const CR = 0x0d;
const LF = 0x0a;
const NAMED: Readonly<Record<string, readonly number[]>> = {
  none: [],
  STX: [0x02],
  ETX: [0x03],
  TAB: [0x09],
  CR: [CR],
  LF: [LF],
  CRLF: [CR, LF],
};

const bytesOf = (delimiter: string | readonly number[]): readonly number[] =>
  typeof delimiter === 'string' ? (NAMED[delimiter] ?? []) : delimiter;

type Mode = 'hunting' | 'in-frame' | 'discarding';

export class SerialFramer {
  private readonly counts: RejectCounts<SerialFrameErrorKind> = zeroCounts(ERROR_KINDS);
  private readonly prefix: readonly number[];
  private readonly suffix: readonly number[];
  private readonly anyLineEnd: boolean;
  private mode: Mode;
  private buffer: number[] = [];
  private prefixMatched = 0;
  private noise = 0;
  private lastAt = 0;

  constructor(
    private readonly framing: SerialScannerFraming,
    private readonly deviceId: string | null,
  ) {
    this.prefix = bytesOf(framing.prefix);
    this.anyLineEnd = framing.suffix === 'EOL';
    this.suffix = this.anyLineEnd ? [] : bytesOf(framing.suffix);
    this.mode = this.prefix.length > 0 ? 'hunting' : 'in-frame';
  }

  get rejected(): Readonly<RejectCounts<SerialFrameErrorKind>> {
    return { ...this.counts };
  }

  /** When tick() must next run, or null when nothing is held. */
  deadline(): number | null {
    return this.holding() ? this.lastAt + this.framing.interByteTimeoutMs : null;
  }

  /** Applies the silence rule: with no suffix, a quiet line ends the label; otherwise it abandons it. */
  tick(now: number): SerialOutcome[] {
    const out: SerialOutcome[] = [];
    if (this.holding() && now - this.lastAt > this.framing.interByteTimeoutMs) this.idle(out);
    return out;
  }

  push(chunk: Uint8Array, at: number): SerialOutcome[] {
    const out = this.tick(at);
    this.lastAt = at;
    for (const byte of chunk) this.take(byte, at, out);
    return out;
  }

  private holding(): boolean {
    return this.buffer.length > 0 || this.prefixMatched > 0 || this.noise > 0 || this.mode === 'discarding';
  }

  private idle(out: SerialOutcome[]): void {
    if (this.noise > 0 || this.prefixMatched > 0) {
      out.push(this.reject({ kind: 'noise', bytes: this.noise + this.prefixMatched }));
    }
    if (this.mode === 'in-frame' && this.buffer.length > 0) {
      const waitsForSuffix = this.anyLineEnd || this.suffix.length > 0;
      if (waitsForSuffix) out.push(this.reject({ kind: 'incomplete', bytes: this.buffer.length }));
      else out.push(this.emit(this.buffer, this.lastAt));
    }
    this.restart();
  }

  private restart(): void {
    this.buffer = [];
    this.prefixMatched = 0;
    this.noise = 0;
    this.mode = this.prefix.length > 0 ? 'hunting' : 'in-frame';
  }

  private take(byte: number, at: number, out: SerialOutcome[]): void {
    switch (this.mode) {
      case 'hunting':
        return this.hunt(byte, out);
      case 'discarding':
        if (this.endsLabel(byte)) this.restart();
        return;
      case 'in-frame':
        return this.collect(byte, at, out);
    }
  }

  private hunt(byte: number, out: SerialOutcome[]): void {
    // The LF of a CRLF that closed the previous label is not noise.
    if (this.anyLineEnd && this.prefixMatched === 0 && (byte === CR || byte === LF)) return;
    if (byte === this.prefix[this.prefixMatched]) {
      this.prefixMatched++;
    } else {
      // Prefixes are one or a few distinct bytes (STX, a letter pair); restarting the match on a
      // mismatch is enough, a full KMP table is not worth its code here.
      this.noise += this.prefixMatched + 1;
      this.prefixMatched = 0;
      if (byte === this.prefix[0]) {
        this.noise--;
        this.prefixMatched = 1;
      }
    }
    if (this.prefixMatched === this.prefix.length) {
      if (this.noise > 0) out.push(this.reject({ kind: 'noise', bytes: this.noise }));
      this.noise = 0;
      this.prefixMatched = 0;
      this.mode = 'in-frame';
    }
  }

  /** For resynchronising after an oversize frame: the byte that closes the label being skipped. */
  private endsLabel(byte: number): boolean {
    if (this.anyLineEnd) return byte === CR || byte === LF;
    const last = this.suffix.at(-1);
    return last !== undefined && byte === last;
  }

  private collect(byte: number, at: number, out: SerialOutcome[]): void {
    if (this.anyLineEnd && (byte === CR || byte === LF)) {
      // CRLF ends a label at CR and then closes an empty one at LF, which is dropped.
      if (this.buffer.length > 0) out.push(this.emit(this.buffer, at));
      this.restart();
      return;
    }
    this.buffer.push(byte);
    const suffixLength = this.suffix.length;
    if (suffixLength > 0 && this.buffer.length >= suffixLength && this.endsWithSuffix()) {
      const label = this.buffer.slice(0, this.buffer.length - suffixLength);
      if (label.length > 0) out.push(this.emit(label, at));
      this.restart();
      return;
    }
    if (this.buffer.length > this.framing.maxFrameBytes + Math.max(0, suffixLength - 1)) {
      out.push(this.reject({ kind: 'oversize', max: this.framing.maxFrameBytes }));
      this.buffer = [];
      // With no suffix to wait for, the skipped label ends when the line goes quiet.
      this.mode = 'discarding';
    }
  }

  private endsWithSuffix(): boolean {
    const offset = this.buffer.length - this.suffix.length;
    return this.suffix.every((byte, i) => this.buffer[offset + i] === byte);
  }

  private emit(bytes: readonly number[], at: number): SerialOutcome {
    const text = decodeUtf8(Uint8Array.from(bytes));
    if (!text.ok) return this.reject(text.error);
    const found = this.framing.aimIds ? splitAimPrefix(text.value) : null;
    // A label that is nothing but "]X0" is data, not an identifier with nothing after it.
    const split = found && found.rest.length > 0 ? found : null;
    const aim = split?.aim ?? null;
    const data = split?.rest ?? text.value;
    return ok({
      data,
      symbology: symbologyFromAim(aim, data),
      aim,
      source: 'serial',
      deviceId: this.deviceId,
      at,
    });
  }

  private reject(error: SerialFrameError): { ok: false; error: SerialFrameError } {
    this.counts[error.kind]++;
    return err(error);
  }
}
