// ESC/POS encoder: a builder that turns text and commands into the bytes a receipt printer reads.
//
// Why our own encoder rather than a package:
// - the `escpos` family (escpos, escpos-usb, @node-escpos) bundles transports with the encoder, and
//   its USB adapter declares `usb: "*"` and breaks with usb >= 2 ("usb.on is not a function",
//   escpos issues 376/428/441; the fix is merged but unpublished). We own the transports anyway
//   (native-drivers/transports), so all we need is bytes;
// - @point-of-sale/receipt-printer-encoder returns bytes and has printer profiles, but has no
//   double-byte Chinese mode: it prints '?' for 中文, and zh-CN receipts are a requirement;
// - what a receipt needs is small (init, code tables, Chinese mode, style, alignment, feed,
//   CODE128/EAN-13, QR, cut, drawer kick), the command set is stable since the 1990s, and every
//   byte here is checked against Epson's ESC/POS reference in encoder.test.ts.
// Text goes out in the first code table of the printer's profile that has each character (CP866
// for Cyrillic and ASCII, then CP858, CP437), switching with ESC t only when needed; characters no
// table has go out in Chinese mode (FS & … FS .) as GBK pairs when the model has it; anything else
// prints as '?', is counted and reported as a warning — never an exception.
import { codePageByte, gbkCode } from './charset';
import { gtinCheckDigit } from '../scanner/gtin';
import type { CodeTable, PrinterProfile } from './profiles';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;
const QUESTION_MARK = 0x3f;

export type Alignment = 'left' | 'center' | 'right';
export type UnderlineMode = 0 | 1 | 2;
export type HriPosition = 'none' | 'above' | 'below' | 'both';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface BarcodeOptions {
  /** Bar height in dots (GS h), 1–255. */
  height?: number;
  /** Narrowest bar in dots (GS w), 2–6. */
  moduleWidth?: number;
  /** Where the human-readable text goes (GS H). */
  hri?: HriPosition;
}

export interface QrOptions {
  /** Module size in dots (GS ( k fn 67), 1–16. */
  moduleSize?: number;
  errorCorrection?: QrErrorCorrection;
}

export type EncoderWarning =
  | { code: 'UNPRINTABLE_CHARACTERS'; count: number; characters: string }
  | { code: 'BARCODE_SKIPPED'; symbology: 'code128' | 'ean13'; data: string; reason: string }
  | { code: 'QR_SKIPPED'; reason: string };

export interface EncodedJob {
  bytes: Uint8Array;
  /** Characters printed as '?' because no code table of the printer has them. */
  unprintable: number;
  warnings: EncoderWarning[];
}

const ALIGN: Record<Alignment, number> = { left: 0, center: 1, right: 2 };
const HRI: Record<HriPosition, number> = { none: 0, above: 1, below: 2, both: 3 };
const QR_ECC: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };
/** Byte-mode capacity of the largest QR symbol (version 40) at level L. */
const QR_MAX_BYTES = 2953;
const MAX_UNPRINTABLE_SAMPLES = 10;

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, Math.round(value)));

/** A growable byte buffer: receipts are built byte by byte, so avoid an array of numbers. */
class ByteSink {
  private buffer = new Uint8Array(2048);
  length = 0;

  push(...bytes: number[]): void {
    this.reserve(bytes.length);
    for (const byte of bytes) this.buffer[this.length++] = byte;
  }

  pushByte(byte: number): void {
    if (this.length === this.buffer.length) this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  pushAll(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }
}

export class EscPosEncoder {
  private readonly sink = new ByteSink();
  private table: CodeTable | null = null;
  private chinese = false;
  private unprintable = 0;
  private readonly unprintableSamples = new Set<string>();
  private readonly warnings: EncoderWarning[] = [];

  constructor(readonly profile: PrinterProfile) {}

  /** ESC @, then a known state: Chinese mode off (FS .) where the model starts in it, first code table. */
  initialize(): this {
    this.sink.push(ESC, 0x40);
    this.chinese = this.profile.chinese?.onAfterReset ?? false;
    this.table = null;
    if (this.chinese) this.leaveChinese();
    const first = this.profile.codeTables[0];
    if (first) this.selectTable(first);
    return this;
  }

  /** Text in the current style; '\n' feeds a line. */
  text(text: string): this {
    for (const char of text) {
      const codePoint = char.codePointAt(0) ?? QUESTION_MARK;
      if (codePoint >= 0x20 && codePoint < 0x7f) this.sink.pushByte(codePoint);
      else if (codePoint === LF) this.sink.pushByte(LF);
      else this.encodeNonAscii(char, codePoint);
    }
    return this;
  }

  line(text = ''): this {
    return this.text(text).newline();
  }

  newline(): this {
    this.sink.pushByte(LF);
    return this;
  }

  /** ESC d n: prints the buffer and feeds n lines. */
  feed(lines: number): this {
    let left = Math.max(0, Math.round(lines));
    while (left > 0) {
      const step = Math.min(255, left);
      this.sink.push(ESC, 0x64, step);
      left -= step;
    }
    return this;
  }

  /** ESC E n: emphasised (bold) on or off. */
  bold(on: boolean): this {
    this.sink.push(ESC, 0x45, on ? 1 : 0);
    return this;
  }

  /** ESC - n: underline off, 1 dot or 2 dots thick. */
  underline(mode: UnderlineMode): this {
    this.sink.push(ESC, 0x2d, mode);
    return this;
  }

  /** GS ! n: character width and height multipliers, 1–8 each. */
  size(width: number, height: number): this {
    this.sink.push(GS, 0x21, ((clamp(width, 1, 8) - 1) << 4) | (clamp(height, 1, 8) - 1));
    return this;
  }

  /** ESC a n: alignment of the lines (and barcodes) that start after it. */
  align(alignment: Alignment): this {
    this.sink.push(ESC, 0x61, ALIGN[alignment]);
    return this;
  }

  /**
   * GS k m=73: CODE128, starting in code set B ({B) and switching to code set C ({C, two digits a
   * byte) for runs of four or more digits, which keeps a receipt number narrow enough for 58 mm.
   */
  barcodeCode128(data: string, options: BarcodeOptions = {}): this {
    if (!/^[\x20-\x7e]{1,80}$/.test(data)) {
      return this.skipBarcode('code128', data, 'CODE128 code set B takes 1 to 80 printable ASCII characters');
    }
    const { bytes, symbols } = code128Data(data);
    const moduleWidth = clamp(options.moduleWidth ?? 2, 2, 6);
    // Start, data symbols and check symbol are 11 modules each, the stop 13, plus 10-module quiet zones.
    const modules = 11 * (symbols + 2) + 13 + 20;
    if (modules * moduleWidth > this.profile.dotsPerLine) {
      return this.skipBarcode(
        'code128',
        data,
        `${modules * moduleWidth} dots wide, the paper has ${this.profile.dotsPerLine}`,
      );
    }
    this.barcodeSetup(options, moduleWidth);
    this.sink.push(GS, 0x6b, 73, bytes.length);
    this.sink.pushAll(bytes);
    return this;
  }

  /** GS k m=67: EAN-13 from 12 digits (the printer adds the check digit) or 13 with a valid one. */
  barcodeEan13(data: string, options: BarcodeOptions = {}): this {
    if (!/^\d{12,13}$/.test(data)) return this.skipBarcode('ean13', data, 'EAN-13 takes 12 or 13 digits');
    const body = data.slice(0, 12);
    if (data.length === 13 && String(gtinCheckDigit(body)) !== data[12]) {
      return this.skipBarcode('ean13', data, 'wrong check digit');
    }
    this.barcodeSetup(options, clamp(options.moduleWidth ?? 2, 2, 6));
    this.sink.push(GS, 0x6b, 67, 12);
    for (const digit of body) this.sink.pushByte(digit.charCodeAt(0));
    return this;
  }

  /** GS ( k: QR model 2, module size, error correction, store the data, print it. */
  qrCode(payload: string, options: QrOptions = {}): this {
    const data = new TextEncoder().encode(payload);
    if (data.length === 0 || data.length > QR_MAX_BYTES) {
      this.warnings.push({
        code: 'QR_SKIPPED',
        reason: `QR data must be 1 to ${QR_MAX_BYTES} bytes, got ${data.length}`,
      });
      return this;
    }
    const store = data.length + 3;
    this.sink.push(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0); // fn 65: model 2
    this.sink.push(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, clamp(options.moduleSize ?? 6, 1, 16)); // fn 67: size
    this.sink.push(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, QR_ECC[options.errorCorrection ?? 'M']); // fn 69: ECC
    this.sink.push(GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30); // fn 80: store
    this.sink.pushAll(data);
    this.sink.push(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30); // fn 81: print
    return this;
  }

  /**
   * GS V: without `feed`, function A (1D 56 00 full / 01 partial) cuts where the paper is; with it,
   * function B (1D 56 41/42 n) first feeds to the cutter plus n motion units, so the last line is
   * not cut through. Printers without a cutter ignore it.
   */
  cut(mode: 'full' | 'partial' = 'partial', feed?: number): this {
    if (feed === undefined) this.sink.push(GS, 0x56, mode === 'full' ? 0 : 1);
    else this.sink.push(GS, 0x56, mode === 'full' ? 0x41 : 0x42, clamp(feed, 0, 255));
    return this;
  }

  /** ESC p m t1 t2: a pulse on drawer pin 2 (m=0) or 5 (m=1), on and off times in 2 ms units. */
  kickDrawer(pin: 2 | 5 = 2, onMs = 50, offMs = 500): this {
    this.sink.push(ESC, 0x70, pin === 2 ? 0 : 1, clamp(onMs / 2, 0, 255), clamp(offMs / 2, 0, 255));
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.sink.pushAll(bytes);
    return this;
  }

  encode(): EncodedJob {
    const warnings = [...this.warnings];
    if (this.unprintable > 0) {
      warnings.unshift({
        code: 'UNPRINTABLE_CHARACTERS',
        count: this.unprintable,
        characters: [...this.unprintableSamples].join(''),
      });
    }
    return { bytes: this.sink.toBytes(), unprintable: this.unprintable, warnings };
  }

  private encodeNonAscii(char: string, codePoint: number): void {
    if (!this.chinese && this.table) {
      const byte = codePageByte(this.table.codePage, char);
      if (byte !== undefined) {
        this.sink.pushByte(byte);
        return;
      }
    }
    for (const table of this.profile.codeTables) {
      const byte = codePageByte(table.codePage, char);
      if (byte === undefined) continue;
      if (this.chinese) this.leaveChinese();
      if (table !== this.table) this.selectTable(table);
      this.sink.pushByte(byte);
      return;
    }
    const gbk = this.profile.chinese ? gbkCode(codePoint) : 0;
    if (gbk !== 0) {
      if (!this.chinese) {
        this.sink.push(FS, 0x26);
        this.chinese = true;
      }
      this.sink.push(gbk >> 8, gbk & 0xff);
      return;
    }
    this.unprintable += 1;
    if (this.unprintableSamples.size < MAX_UNPRINTABLE_SAMPLES) this.unprintableSamples.add(char);
    this.sink.pushByte(QUESTION_MARK);
  }

  private selectTable(table: CodeTable): void {
    this.sink.push(ESC, 0x74, table.escT);
    this.table = table;
  }

  private leaveChinese(): void {
    this.sink.push(FS, 0x2e);
    this.chinese = false;
  }

  private barcodeSetup(options: BarcodeOptions, moduleWidth: number): void {
    this.sink.push(GS, 0x48, HRI[options.hri ?? 'below']);
    this.sink.push(GS, 0x68, clamp(options.height ?? 80, 1, 255));
    this.sink.push(GS, 0x77, moduleWidth);
  }

  private skipBarcode(symbology: 'code128' | 'ean13', data: string, reason: string): this {
    this.warnings.push({ code: 'BARCODE_SKIPPED', symbology, data, reason });
    return this;
  }
}

/** GS k CODE128 data: '{B' text, '{C' digit pairs as one byte each; a literal '{' is sent as '{{'. */
function code128Data(data: string): { bytes: Uint8Array; symbols: number } {
  const bytes: number[] = [];
  let symbols = 0;
  let set: 'B' | 'C' | null = null;
  const switchTo = (next: 'B' | 'C') => {
    if (set === next) return;
    if (set !== null) symbols += 1; // a code switch is a symbol; the first one is the start symbol
    bytes.push(0x7b, next.charCodeAt(0));
    set = next;
  };
  let i = 0;
  while (i < data.length) {
    const run = /^\d*/.exec(data.slice(i))?.[0].length ?? 0;
    if (run >= 4) {
      const odd = run % 2;
      const pairs = Array.from({ length: (run - odd) / 2 }, (_, k) =>
        Number(data.slice(i + odd + 2 * k, i + odd + 2 * k + 2)),
      );
      // Pairs that read as DLE EOT/ENQ/DC4 would be acted on by the printer even inside barcode
      // data: then one more digit goes out in code set B, which shifts the pairing.
      if (!looksLikeRealTimeCommand(pairs)) {
        if (odd === 1) {
          switchTo('B');
          bytes.push(data.charCodeAt(i));
          symbols += 1;
        }
        switchTo('C');
        bytes.push(...pairs);
        symbols += pairs.length;
        i += run;
        continue;
      }
    }
    switchTo('B');
    const code = data.charCodeAt(i);
    if (code === 0x7b) bytes.push(0x7b, 0x7b);
    else bytes.push(code);
    symbols += 1;
    i += 1;
  }
  return { bytes: Uint8Array.from(bytes), symbols };
}

/** DLE (0x10) followed by EOT, ENQ or DC4: a real-time command to the printer, wherever it appears. */
function looksLikeRealTimeCommand(bytes: number[]): boolean {
  return bytes.some((byte, i) => byte === 0x10 && [0x04, 0x05, 0x14].includes(bytes[i + 1] ?? -1));
}
