// The ESC/POS command table the decoder walks: how many parameter bytes each command we do not model
// takes (so its parameters are never mistaken for text), the GS k symbology numbers, and how barcode
// data reads back as text. Lengths per Epson's ESC/POS command reference.
import { gtinCheckDigit } from '../scanner/gtin';

const REPLACEMENT = '\uFFFD';

export type BarcodeSymbology =
  | 'upca'
  | 'upce'
  | 'ean13'
  | 'ean8'
  | 'code39'
  | 'itf'
  | 'codabar'
  | 'code93'
  | 'code128'
  | 'gs1-128'
  | 'gs1-databar'
  | 'unknown';

export const symbologyA: BarcodeSymbology[] = ['upca', 'upce', 'ean13', 'ean8', 'code39', 'itf', 'codabar'];

export const symbologyB: Record<number, BarcodeSymbology> = {
  65: 'upca',
  66: 'upce',
  67: 'ean13',
  68: 'ean8',
  69: 'code39',
  70: 'itf',
  71: 'codabar',
  72: 'code93',
  73: 'code128',
  74: 'gs1-128',
  75: 'gs1-databar',
  76: 'gs1-databar',
  77: 'gs1-databar',
  78: 'gs1-databar',
  79: 'gs1-databar',
};

/** DLE DC4 fn …: whole lengths of the real-time commands (pulse, power-off, status, clear buffer). */
export const DC4_LENGTHS: Record<number, number> = { 1: 5, 2: 5, 7: 4, 8: 10 };

/** Parameter bytes after ESC x for commands with a fixed length that we do not model. */
export const escFixed: Record<number, number> = {
  0x20: 1, // ESC SP n: right-side character spacing
  0x24: 2, // ESC $ nL nH: absolute position
  0x25: 1, // ESC % n: user-defined characters
  0x32: 0, // ESC 2: default line spacing
  0x33: 1, // ESC 3 n: line spacing
  0x3c: 0, // ESC <: return home
  0x3d: 1, // ESC = n: peripheral device
  0x3f: 1, // ESC ? n: cancel user-defined character
  0x47: 1, // ESC G n: double-strike
  0x4c: 0, // ESC L: page mode
  0x4d: 1, // ESC M n: font
  0x52: 1, // ESC R n: international character set
  0x53: 0, // ESC S: standard mode
  0x54: 1, // ESC T n: print direction in page mode
  0x55: 1, // ESC U n: unidirectional printing
  0x56: 1, // ESC V n: 90° rotation
  0x57: 8, // ESC W: print area in page mode
  0x5c: 2, // ESC \ nL nH: relative position
  0x65: 1, // ESC e n: reverse feed
  0x72: 1, // ESC r n: colour
  0x75: 1, // ESC u n: peripheral status (old)
  0x76: 0, // ESC v: paper sensor status (old)
  0x7b: 1, // ESC { n: upside-down
  0x0c: 0, // ESC FF: print data in page mode
};

export const gsFixed: Record<number, number> = {
  0x23: 1, // GS # n: NV image select (old)
  0x24: 2, // GS $ nL nH: absolute vertical position
  0x2f: 1, // GS / m: print downloaded bit image
  0x3a: 0, // GS :: macro definition
  0x42: 1, // GS B n: reverse printing
  0x49: 1, // GS I n: transmit printer id
  0x4c: 2, // GS L nL nH: left margin
  0x50: 2, // GS P x y: motion units
  0x54: 1, // GS T n: print position to line start
  0x57: 2, // GS W nL nH: print area width
  0x5c: 2, // GS \ nL nH: relative vertical position
  0x5e: 3, // GS ^ r t m: execute macro
  0x61: 1, // GS a n: automatic status back
  0x62: 1, // GS b n: smoothing
  0x66: 1, // GS f n: HRI font
};

export const fsFixed: Record<number, number> = {
  0x21: 1, // FS ! n: Chinese print mode
  0x2d: 1, // FS - n: Chinese underline
  0x43: 1, // FS C n: Kanji code system
  0x53: 2, // FS S n1 n2: Chinese character spacing
  0x57: 1, // FS W n: Chinese quadruple size
  0x70: 2, // FS p n m: print NV bit image
};

export const hexName = (prefix: string, byte: number): string =>
  byte >= 0x21 && byte < 0x7f ? `${prefix} ${String.fromCharCode(byte)}` : `${prefix} 0x${byte.toString(16)}`;

/** The text a barcode encodes: CODE128 code sets and shifts resolved, EAN/UPC check digits added. */
export function barcodeText(symbology: BarcodeSymbology, data: Uint8Array): string {
  if (symbology === 'code128' || symbology === 'gs1-128') return code128Text(data);
  const text = String.fromCharCode(...data);
  if (symbology === 'ean13' && /^\d{12}$/.test(text)) return text + gtinCheckDigit(text);
  if ((symbology === 'ean8' && /^\d{7}$/.test(text)) || (symbology === 'upca' && /^\d{11}$/.test(text)))
    return text + gtinCheckDigit(text);
  return text;
}

function code128Text(data: Uint8Array): string {
  let set: 'A' | 'B' | 'C' | null = null;
  let text = '';
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[i + 1] ?? 0);
      i += 1;
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '{') text += '{';
      else if (next === '1') text += '\x1d'; // FNC1, transmitted as GS by scanners
      continue;
    }
    if (set === 'C') text += byte <= 99 ? String(byte).padStart(2, '0') : REPLACEMENT;
    else text += byte < 0x80 ? String.fromCharCode(byte) : REPLACEMENT;
  }
  return text;
}
