// ESC/POS bytes back to what a printer would do with them: lines of text (decoded with the code
// table and Chinese mode in force), style and alignment changes, feeds, cuts, drawer pulses,
// barcodes, QR codes and status requests. The virtual printer and the tests use it.
//
// It is incremental: `push` takes chunks split anywhere, even inside a command or a GBK pair, and
// keeps the unfinished tail for the next chunk; the events are the same however the stream is cut.
// It never throws on bad input: unknown commands become `unknown` events, known commands we do not
// model become `other` events, and large data blocks (raster images) are skipped without buffering.
import { codePageTable, decodeDoubleByte } from './charset';
import type { BarcodeSymbology } from './decoder-commands';
import {
  DC4_LENGTHS,
  barcodeText,
  escFixed,
  fsFixed,
  gsFixed,
  hexName,
  symbologyA,
  symbologyB,
} from './decoder-commands';
import type { Alignment, HriPosition } from './encoder';
import type { CodePageName, PrinterProfile } from './profiles';
import { printerProfiles } from './profiles';

export type { BarcodeSymbology };

export interface TextStyle {
  bold: boolean;
  underline: 0 | 1 | 2;
  /** Character width and height multipliers, 1–8. */
  width: number;
  height: number;
}

export interface TextSpan extends TextStyle {
  text: string;
}

export type EscPosEvent =
  | { type: 'init' }
  | { type: 'line'; text: string; align: Alignment; spans: TextSpan[] }
  | { type: 'style'; style: TextStyle }
  | { type: 'align'; align: Alignment }
  | { type: 'code-page'; table: number; codePage: CodePageName | null }
  | { type: 'chinese-mode'; on: boolean }
  | { type: 'feed'; unit: 'line' | 'dot'; amount: number }
  | { type: 'cut'; mode: 'full' | 'partial'; feed: number }
  | { type: 'drawer'; pin: 2 | 5; onMs: number; offMs: number }
  | {
      type: 'barcode';
      symbology: BarcodeSymbology;
      data: string;
      hri: HriPosition;
      height: number;
      moduleWidth: number;
    }
  | { type: 'qr'; payload: string; model: number; moduleSize: number; errorCorrection: 'L' | 'M' | 'Q' | 'H' }
  | { type: 'status-request'; command: 'DLE EOT' | 'GS r'; n: number }
  | { type: 'clear-buffer' }
  | { type: 'other'; command: string; bytes: Uint8Array; skipped: number }
  | { type: 'unknown'; bytes: Uint8Array };

export interface DecoderOptions {
  /** Which code table each ESC t number selects and whether the model starts in Chinese mode. */
  profile?: PrinterProfile;
}

const LF = 0x0a;
const HT = 0x09;
const CR = 0x0d;
const DLE = 0x10;
const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const REPLACEMENT = '\uFFFD';
/** GS k with m = 0–6 ends at NUL; printers cap the data well below this. */
const MAX_NUL_TERMINATED = 255;
const QR_ECC = ['L', 'M', 'Q', 'H'] as const;
const ALIGNMENTS: Alignment[] = ['left', 'center', 'right'];

/** Enough bytes are not there yet: keep the tail and wait for the next chunk. */
const NEED_MORE = -1;

const plainStyle = (): TextStyle => ({ bold: false, underline: 0, width: 1, height: 1 });

export class EscPosDecoder {
  private readonly profile: PrinterProfile;
  private tail = new Uint8Array(0);
  /** Bytes of a data block still to discard (raster images), never buffered. */
  private skip = 0;
  private events: EscPosEvent[] = [];

  private style = plainStyle();
  private align: Alignment = 'left';
  private tableChars: readonly string[] | null;
  private chinese: boolean;
  private spans: TextSpan[] = [];
  private lineAlign: Alignment | null = null;

  private hri: HriPosition = 'none';
  private barcodeHeight = 162;
  private moduleWidth = 3;
  private qrModel = 2;
  private qrSize = 3;
  private qrEcc: 'L' | 'M' | 'Q' | 'H' = 'L';
  private qrData: Uint8Array | null = null;

  constructor(options: DecoderOptions = {}) {
    this.profile = options.profile ?? printerProfiles['generic-80'];
    this.chinese = this.profile.chinese?.onAfterReset ?? false;
    this.tableChars = this.charsOf(0);
  }

  /** Decodes a chunk; returns the events it completes. */
  push(chunk: Uint8Array): EscPosEvent[] {
    const bytes = this.tail.length === 0 ? chunk : concat(this.tail, chunk);
    let at = 0;
    while (at < bytes.length) {
      if (this.skip > 0) {
        const step = Math.min(this.skip, bytes.length - at);
        this.skip -= step;
        at += step;
        continue;
      }
      const used = this.step(bytes, at);
      if (used === NEED_MORE) break;
      at += used;
    }
    this.tail = bytes.slice(at);
    return this.take();
  }

  /** The stream ended: an unfinished command is reported as unknown, unfinished text as a line. */
  end(): EscPosEvent[] {
    if (this.tail.length > 0) this.events.push({ type: 'unknown', bytes: this.tail });
    this.tail = new Uint8Array(0);
    this.skip = 0;
    if (this.spans.length > 0) this.flushLine();
    return this.take();
  }

  private take(): EscPosEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Handles the item starting at `at`; returns the bytes it used or NEED_MORE. */
  private step(bytes: Uint8Array, at: number): number {
    const byte = bytes[at] ?? 0;
    if (byte >= 0x20 && byte !== 0x7f) return this.text(bytes, at);
    switch (byte) {
      case LF:
        this.flushLine();
        return 1;
      case CR:
        // Ignored with automatic line feed off, the default of receipt printers.
        return 1;
      case HT:
        this.appendText('\t');
        return 1;
      case DLE:
        return this.dle(bytes, at);
      case ESC:
        return this.esc(bytes, at);
      case GS:
        return this.gs(bytes, at);
      case FS:
        return this.fs(bytes, at);
      default:
        this.events.push({ type: 'unknown', bytes: bytes.slice(at, at + 1) });
        return 1;
    }
  }

  private text(bytes: Uint8Array, at: number): number {
    const byte = bytes[at] ?? 0;
    if (byte < 0x80) {
      this.appendText(String.fromCharCode(byte));
      return 1;
    }
    if (!this.chinese) {
      this.appendText(this.tableChars?.[byte] ?? REPLACEMENT);
      return 1;
    }
    if (byte === 0x80 || byte === 0xff) {
      this.appendText(REPLACEMENT);
      return 1;
    }
    if (at + 1 >= bytes.length) return NEED_MORE;
    const second = bytes[at + 1] ?? 0;
    if (second >= 0x30 && second <= 0x39) {
      // A four-byte GB18030 sequence.
      if (at + 3 >= bytes.length) return NEED_MORE;
      const third = bytes[at + 2] ?? 0;
      const fourth = bytes[at + 3] ?? 0;
      if (third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39) {
        this.appendText(decodeDoubleByte(bytes.slice(at, at + 4)));
        return 4;
      }
      this.appendText(REPLACEMENT);
      return 1;
    }
    if (second >= 0x40 && second <= 0xfe && second !== 0x7f) {
      this.appendText(decodeDoubleByte(bytes.slice(at, at + 2)));
      return 2;
    }
    this.appendText(REPLACEMENT);
    return 1;
  }

  private appendText(text: string): void {
    const last = this.spans[this.spans.length - 1];
    if (this.lineAlign === null) this.lineAlign = this.align;
    if (last && sameStyle(last, this.style)) last.text += text;
    else this.spans.push({ ...this.style, text });
  }

  private flushLine(): void {
    const spans = this.spans;
    this.events.push({
      type: 'line',
      text: spans.map((span) => span.text).join(''),
      align: this.lineAlign ?? this.align,
      spans,
    });
    this.spans = [];
    this.lineAlign = null;
  }

  private setStyle(change: Partial<TextStyle>): void {
    this.style = { ...this.style, ...change };
    this.events.push({ type: 'style', style: { ...this.style } });
  }

  private other(bytes: Uint8Array, at: number, length: number, command: string, skipped = 0): number {
    this.events.push({ type: 'other', command, bytes: bytes.slice(at, at + length), skipped });
    return length;
  }

  private unknown(bytes: Uint8Array, at: number, length: number): number {
    this.events.push({ type: 'unknown', bytes: bytes.slice(at, at + length) });
    return length;
  }

  /** A fixed-length command of `length` bytes, once all of them are there. */
  private need(bytes: Uint8Array, at: number, length: number): boolean {
    return at + length <= bytes.length;
  }

  /** A command followed by a data block of `dataLength` bytes we skip without keeping. */
  private skipBlock(
    bytes: Uint8Array,
    at: number,
    header: number,
    dataLength: number,
    command: string,
  ): number {
    this.events.push({ type: 'other', command, bytes: bytes.slice(at, at + header), skipped: dataLength });
    this.skip = dataLength;
    return header;
  }

  private dle(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 2)) return NEED_MORE;
    const fn = bytes[at + 1] ?? 0;
    if (fn === 0x04) {
      if (!this.need(bytes, at, 3)) return NEED_MORE;
      const n = bytes[at + 2] ?? 0;
      if (n >= 1 && n <= 4) {
        this.events.push({ type: 'status-request', command: 'DLE EOT', n });
        return 3;
      }
      if (n === 7 || n === 8 || n === 18) {
        if (!this.need(bytes, at, 4)) return NEED_MORE;
        return this.other(bytes, at, 4, 'DLE EOT');
      }
      return this.unknown(bytes, at, 3);
    }
    if (fn === 0x05) {
      if (!this.need(bytes, at, 3)) return NEED_MORE;
      return this.other(bytes, at, 3, 'DLE ENQ');
    }
    if (fn === 0x14) {
      if (!this.need(bytes, at, 3)) return NEED_MORE;
      const sub = bytes[at + 2] ?? 0;
      const length = DC4_LENGTHS[sub];
      if (length === undefined) return this.unknown(bytes, at, 3);
      if (!this.need(bytes, at, length)) return NEED_MORE;
      if (sub === 1) {
        // DLE DC4 1 m t: a real-time drawer pulse of t × 100 ms on and off.
        const m = bytes[at + 3] ?? 0;
        const t = bytes[at + 4] ?? 0;
        if (m <= 1 && t >= 1 && t <= 8) {
          this.events.push({ type: 'drawer', pin: m === 0 ? 2 : 5, onMs: t * 100, offMs: t * 100 });
          return length;
        }
      }
      if (sub === 8 && [1, 3, 20, 1, 6, 2, 8].every((value, i) => bytes[at + 3 + i] === value)) {
        this.events.push({ type: 'clear-buffer' });
        return length;
      }
      return this.other(bytes, at, length, 'DLE DC4');
    }
    return this.unknown(bytes, at, 1);
  }

  private esc(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 2)) return NEED_MORE;
    const cmd = bytes[at + 1] ?? 0;
    const fixed = escFixed[cmd];
    if (fixed !== undefined) {
      if (!this.need(bytes, at, 2 + fixed)) return NEED_MORE;
      return this.other(bytes, at, 2 + fixed, hexName('ESC', cmd));
    }
    switch (cmd) {
      case 0x40: // ESC @
        this.reset();
        this.events.push({ type: 'init' });
        return 2;
      case 0x69: // ESC i: partial cut (legacy)
      case 0x6d: // ESC m: partial cut (legacy)
        this.events.push({ type: 'cut', mode: 'partial', feed: 0 });
        return 2;
      case 0x44: {
        // ESC D n1 … nk NUL: horizontal tab positions, at most 32.
        for (let i = at + 2; i < Math.min(bytes.length, at + 35); i++) {
          if (bytes[i] === 0) return this.other(bytes, at, i - at + 1, 'ESC D');
        }
        if (bytes.length < at + 35) return NEED_MORE;
        return this.unknown(bytes, at, 2);
      }
      case 0x2a: {
        // ESC * m nL nH d1 … dk: bit image, k = n (8-dot) or 3n (24-dot).
        if (!this.need(bytes, at, 5)) return NEED_MORE;
        const m = bytes[at + 2] ?? 0;
        const n = (bytes[at + 3] ?? 0) + (bytes[at + 4] ?? 0) * 256;
        return this.skipBlock(bytes, at, 5, m <= 1 ? n : 3 * n, 'ESC *');
      }
      case 0x26:
        return this.userCharacters(bytes, at);
    }
    if (!this.need(bytes, at, 3)) {
      return [0x74, 0x45, 0x2d, 0x61, 0x64, 0x4a, 0x21, 0x70, 0x63].includes(cmd)
        ? NEED_MORE
        : this.unknown(bytes, at, 2);
    }
    const n = bytes[at + 2] ?? 0;
    switch (cmd) {
      case 0x74: // ESC t n
        this.tableChars = this.charsOf(n);
        this.events.push({ type: 'code-page', table: n, codePage: this.codePageOf(n) });
        return 3;
      case 0x45: // ESC E n
        this.setStyle({ bold: (n & 1) === 1 });
        return 3;
      case 0x2d: // ESC - n
        this.setStyle({ underline: underlineOf(n) });
        return 3;
      case 0x61: // ESC a n
        this.align = ALIGNMENTS[n >= 48 ? n - 48 : n] ?? this.align;
        this.events.push({ type: 'align', align: this.align });
        return 3;
      case 0x64: // ESC d n
        if (this.spans.length > 0) this.flushLine();
        this.events.push({ type: 'feed', unit: 'line', amount: n });
        return 3;
      case 0x4a: // ESC J n
        if (this.spans.length > 0) this.flushLine();
        this.events.push({ type: 'feed', unit: 'dot', amount: n });
        return 3;
      case 0x21: // ESC ! n: bold (bit 3), double height (4), double width (5), underline (7)
        this.setStyle({
          bold: (n & 0x08) !== 0,
          height: n & 0x10 ? 2 : 1,
          width: n & 0x20 ? 2 : 1,
          underline: n & 0x80 ? 1 : 0,
        });
        return 3;
      case 0x70: {
        // ESC p m t1 t2
        if (!this.need(bytes, at, 5)) return NEED_MORE;
        const pin = n === 0 || n === 48 ? 2 : n === 1 || n === 49 ? 5 : null;
        if (pin === null) return this.other(bytes, at, 5, 'ESC p');
        this.events.push({
          type: 'drawer',
          pin,
          onMs: (bytes[at + 3] ?? 0) * 2,
          offMs: (bytes[at + 4] ?? 0) * 2,
        });
        return 5;
      }
      case 0x63: // ESC c 3/4/5 n: paper sensors, panel buttons
        if (!this.need(bytes, at, 4)) return NEED_MORE;
        return this.other(bytes, at, 4, 'ESC c');
      default:
        return this.unknown(bytes, at, 2);
    }
  }

  /** ESC & y c1 c2 [x d1 … d(y×x)] for each character c1…c2: user-defined characters. */
  private userCharacters(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 5)) return NEED_MORE;
    const y = bytes[at + 2] ?? 0;
    const first = bytes[at + 3] ?? 0;
    const last = bytes[at + 4] ?? 0;
    if (y < 1 || y > 3 || first < 0x20 || last > 0x7e || first > last) return this.unknown(bytes, at, 2);
    let offset = at + 5;
    for (let c = first; c <= last; c++) {
      if (offset >= bytes.length) return NEED_MORE;
      offset += 1 + y * (bytes[offset] ?? 0);
    }
    if (offset > bytes.length) return NEED_MORE;
    return this.other(bytes, at, offset - at, 'ESC &');
  }

  private gs(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 2)) return NEED_MORE;
    const cmd = bytes[at + 1] ?? 0;
    const fixed = gsFixed[cmd];
    if (fixed !== undefined) {
      if (!this.need(bytes, at, 2 + fixed)) return NEED_MORE;
      return this.other(bytes, at, 2 + fixed, hexName('GS', cmd));
    }
    switch (cmd) {
      case 0x28: // GS ( X pL pH …
        return this.gsParen(bytes, at);
      case 0x76: {
        // GS v 0 m xL xH yL yH d1 … dk: raster image, k = x × y.
        if (!this.need(bytes, at, 8)) return NEED_MORE;
        if (bytes[at + 2] !== 0x30) return this.unknown(bytes, at, 2);
        const x = (bytes[at + 4] ?? 0) + (bytes[at + 5] ?? 0) * 256;
        const y = (bytes[at + 6] ?? 0) + (bytes[at + 7] ?? 0) * 256;
        return this.skipBlock(bytes, at, 8, x * y, 'GS v 0');
      }
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 …: graphics with a four-byte length.
        if (!this.need(bytes, at, 7)) return NEED_MORE;
        if (bytes[at + 2] !== 0x4c) return this.unknown(bytes, at, 2);
        const length =
          (bytes[at + 3] ?? 0) +
          (bytes[at + 4] ?? 0) * 0x100 +
          (bytes[at + 5] ?? 0) * 0x10000 +
          (bytes[at + 6] ?? 0) * 0x1000000;
        return this.skipBlock(bytes, at, 7, length, 'GS 8 L');
      }
      case 0x2a: {
        // GS * x y d1 … d(x × y × 8): downloaded bit image.
        if (!this.need(bytes, at, 4)) return NEED_MORE;
        return this.skipBlock(bytes, at, 4, (bytes[at + 2] ?? 0) * (bytes[at + 3] ?? 0) * 8, 'GS *');
      }
      case 0x6b:
        return this.barcode(bytes, at);
    }
    if (!this.need(bytes, at, 3)) {
      return [0x21, 0x56, 0x48, 0x68, 0x77, 0x72].includes(cmd) ? NEED_MORE : this.unknown(bytes, at, 2);
    }
    const n = bytes[at + 2] ?? 0;
    switch (cmd) {
      case 0x21: // GS ! n
        this.setStyle({ width: (n >> 4) + 1, height: (n & 0x0f) + 1 });
        return 3;
      case 0x48: // GS H n
        this.hri = (['none', 'above', 'below', 'both'] as const)[n >= 48 ? n - 48 : n] ?? this.hri;
        return 3;
      case 0x68: // GS h n
        this.barcodeHeight = n;
        return 3;
      case 0x77: // GS w n
        this.moduleWidth = n;
        return 3;
      case 0x72: // GS r n: status after the data before it
        this.events.push({ type: 'status-request', command: 'GS r', n: n >= 48 ? n - 48 : n });
        return 3;
      case 0x56: {
        // GS V m [n]
        if (n === 0 || n === 48 || n === 1 || n === 49) {
          if (this.spans.length > 0) this.flushLine();
          this.events.push({ type: 'cut', mode: n === 0 || n === 48 ? 'full' : 'partial', feed: 0 });
          return 3;
        }
        if (!this.need(bytes, at, 4)) return NEED_MORE;
        const feed = bytes[at + 3] ?? 0;
        if (n === 65 || n === 66 || n === 97 || n === 98 || n === 103 || n === 104) {
          if (this.spans.length > 0) this.flushLine();
          this.events.push({ type: 'cut', mode: n % 2 === 1 ? 'full' : 'partial', feed });
          return 4;
        }
        return this.unknown(bytes, at, 3);
      }
      default:
        return this.unknown(bytes, at, 2);
    }
  }

  private gsParen(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 5)) return NEED_MORE;
    const kind = bytes[at + 2] ?? 0;
    const length = (bytes[at + 3] ?? 0) + (bytes[at + 4] ?? 0) * 256;
    if (kind !== 0x6b) return this.skipBlock(bytes, at, 5, length, hexName('GS (', kind));
    if (!this.need(bytes, at, 5 + length)) return NEED_MORE;
    const total = 5 + length;
    const cn = bytes[at + 5];
    const fn = bytes[at + 6];
    if (cn !== 0x31 || length < 3) return this.other(bytes, at, total, 'GS ( k');
    const value = bytes[at + 7] ?? 0;
    switch (fn) {
      case 0x41: // fn 65: model
        this.qrModel = value - 48;
        return total;
      case 0x43: // fn 67: module size
        this.qrSize = value;
        return total;
      case 0x45: // fn 69: error correction
        this.qrEcc = QR_ECC[value - 48] ?? this.qrEcc;
        return total;
      case 0x50: // fn 80: store data
        this.qrData = bytes.slice(at + 8, at + total);
        return total;
      case 0x51: // fn 81: print the stored symbol
        if (this.spans.length > 0) this.flushLine();
        this.events.push({
          type: 'qr',
          payload: new TextDecoder().decode(this.qrData ?? new Uint8Array(0)),
          model: this.qrModel,
          moduleSize: this.qrSize,
          errorCorrection: this.qrEcc,
        });
        return total;
      default:
        return this.other(bytes, at, total, 'GS ( k');
    }
  }

  private barcode(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 3)) return NEED_MORE;
    const m = bytes[at + 2] ?? 0;
    let data: Uint8Array;
    let used: number;
    let symbology: BarcodeSymbology;
    if (m <= 6) {
      let end = -1;
      const limit = Math.min(bytes.length, at + 3 + MAX_NUL_TERMINATED + 1);
      for (let i = at + 3; i < limit; i++) {
        if (bytes[i] === 0) {
          end = i;
          break;
        }
      }
      if (end < 0) return limit === at + 3 + MAX_NUL_TERMINATED + 1 ? this.unknown(bytes, at, 3) : NEED_MORE;
      data = bytes.slice(at + 3, end);
      used = end - at + 1;
      symbology = symbologyA[m] ?? 'unknown';
    } else if (m >= 65 && m <= 79) {
      if (!this.need(bytes, at, 4)) return NEED_MORE;
      const n = bytes[at + 3] ?? 0;
      if (!this.need(bytes, at, 4 + n)) return NEED_MORE;
      data = bytes.slice(at + 4, at + 4 + n);
      used = 4 + n;
      symbology = symbologyB[m] ?? 'unknown';
    } else {
      return this.unknown(bytes, at, 3);
    }
    if (this.spans.length > 0) this.flushLine();
    this.events.push({
      type: 'barcode',
      symbology,
      data: barcodeText(symbology, data),
      hri: this.hri,
      height: this.barcodeHeight,
      moduleWidth: this.moduleWidth,
    });
    return used;
  }

  private fs(bytes: Uint8Array, at: number): number {
    if (!this.need(bytes, at, 2)) return NEED_MORE;
    const cmd = bytes[at + 1] ?? 0;
    if (cmd === 0x26 || cmd === 0x2e) {
      this.chinese = cmd === 0x26;
      this.events.push({ type: 'chinese-mode', on: this.chinese });
      return 2;
    }
    const fixed = fsFixed[cmd];
    if (fixed !== undefined) {
      if (!this.need(bytes, at, 2 + fixed)) return NEED_MORE;
      return this.other(bytes, at, 2 + fixed, hexName('FS', cmd));
    }
    if (cmd === 0x32) {
      // FS 2 c1 c2 d1 … d72: a user-defined Chinese character.
      if (!this.need(bytes, at, 76)) return NEED_MORE;
      return this.other(bytes, at, 76, 'FS 2');
    }
    if (cmd === 0x28) {
      if (!this.need(bytes, at, 5)) return NEED_MORE;
      const length = (bytes[at + 3] ?? 0) + (bytes[at + 4] ?? 0) * 256;
      return this.skipBlock(bytes, at, 5, length, hexName('FS (', bytes[at + 2] ?? 0));
    }
    return this.unknown(bytes, at, 2);
  }

  /** ESC @ also clears the print buffer: a line not yet fed is dropped, as on paper. */
  private reset(): void {
    this.spans = [];
    this.lineAlign = null;
    this.style = plainStyle();
    this.align = 'left';
    this.tableChars = this.charsOf(0);
    this.chinese = this.profile.chinese?.onAfterReset ?? false;
    this.hri = 'none';
    this.barcodeHeight = 162;
    this.moduleWidth = 3;
  }

  private codePageOf(table: number): CodePageName | null {
    return (
      this.profile.codeTables.find((entry) => entry.escT === table)?.codePage ??
      (table === 0 ? 'cp437' : null)
    );
  }

  private charsOf(table: number): readonly string[] | null {
    const codePage = this.codePageOf(table);
    return codePage ? codePageTable(codePage) : null;
  }
}

/** Decodes a whole stream at once. */
export function decodeEscPos(bytes: Uint8Array, options: DecoderOptions = {}): EscPosEvent[] {
  const decoder = new EscPosDecoder(options);
  return [...decoder.push(bytes), ...decoder.end()];
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.bold === b.bold && a.underline === b.underline && a.width === b.width && a.height === b.height;
}

function underlineOf(n: number): 0 | 1 | 2 {
  const mode = n >= 48 ? n - 48 : n;
  return mode === 1 ? 1 : mode === 2 ? 2 : 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
