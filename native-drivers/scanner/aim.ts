// AIM symbology identifiers (ISO/IEC 15424; the GS1 General Specifications §5.1.2 list the GS1 ones):
// `]` + a code character naming the symbology + a modifier character. Scanners put it before the
// data when told to; it is the only reliable way to tell a Code 128 "4600682000181" from an EAN-13.
import { guessSymbology } from './guess';
import type { Symbology } from './types';

const FLAG = ']';
/** The code character is a letter; modifiers are digits or letters (Code 39 `]A0`–`]A7`, QR `]Q0`–`]Q6`). */
const AIM_ID = /^\][A-Za-z][0-9A-Za-z]$/;

export const isAimId = (text: string): boolean => AIM_ID.test(text);

/** Splits a leading AIM identifier off scanned text; null when the text does not start with one. */
export function splitAimPrefix(text: string): { aim: string; rest: string } | null {
  if (!text.startsWith(FLAG) || text.length < 3) return null;
  const aim = text.slice(0, 3);
  return isAimId(aim) ? { aim, rest: text.slice(3) } : null;
}

// By code character, then modifier ('*' = any other modifier of that code).
const TABLE: Readonly<Record<string, Readonly<Record<string, Symbology>>>> = {
  A: { '*': 'code39' },
  // C0 plain Code 128, C1 FNC1 in first position = GS1-128, C2 FNC1 in second position (AIM), C4 ISBT.
  C: { '1': 'gs1-128', '*': 'code128' },
  // E0 EAN-13 / UPC-A / UPC-E as 13 digits, E1 2-digit add-on, E2 5-digit add-on, E3 main + add-on
  // in one message, E4 EAN-8.
  E: { '0': 'ean13', '1': 'ean-addon', '2': 'ean-addon', '3': 'ean13', '4': 'ean8' },
  // e0 GS1 DataBar (and e1/e2 composite components, still GS1 element strings).
  e: { '*': 'gs1-databar' },
  F: { '*': 'codabar' },
  G: { '*': 'code93' },
  I: { '*': 'itf' },
  L: { '*': 'pdf417' },
  // Q1 model 2, Q2 with ECI; Q3/Q4 FNC1 in first position = GS1 QR Code.
  Q: { '3': 'gs1-qr', '4': 'gs1-qr', '*': 'qr' },
  // d1 ECC 200, d2 FNC1 in first position = GS1 DataMatrix, d5 the same with ECI.
  d: { '2': 'gs1-datamatrix', '5': 'gs1-datamatrix', '*': 'datamatrix' },
  z: { '*': 'aztec' },
};

/**
 * The symbology an AIM identifier names. `]E0` covers EAN-13, UPC-A and UPC-E, which the data's
 * length tells apart when a scanner sends UPC forms unexpanded (many do, against the standard).
 * An unknown or absent identifier falls back to a guess from the data.
 */
export function symbologyFromAim(aim: string | null, data: string): Symbology {
  if (aim === null || !isAimId(aim)) return guessSymbology(data);
  const byModifier = TABLE[aim.charAt(1)];
  const symbology = byModifier?.[aim.charAt(2)] ?? byModifier?.['*'] ?? 'unknown';
  if (aim === ']E0' && /^\d+$/.test(data)) {
    if (data.length === 12) return 'upca';
    if (data.length >= 6 && data.length <= 8) return 'upce';
  }
  return symbology;
}
