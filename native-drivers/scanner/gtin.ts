// GTIN check digits and forms (GS1 General Specifications §7.9 and §2.1): the one place the till
// computes a mod-10 check digit. main/domain/barcode.ts re-exports gtinCheckDigit from here.
import { err, ok } from './result';
import type { Result } from './result';

/**
 * GS1 mod-10 check digit of the digits before it: weights 3, 1, 3, … from the right, so the same
 * routine serves EAN-8, UPC-A, EAN-13, GTIN-14, SSCC (18) and GLN (13).
 * A body that is not all digits is a programming error here, hence the throw: callers validate first.
 */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`a GTIN body is digits only, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `digits` (two or more digits) ends in the GS1 check digit of the rest. */
export function hasValidGtinCheckDigit(digits: string): boolean {
  return (
    /^\d{2,}$/.test(digits) &&
    gtinCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48
  );
}

/**
 * The key the catalogue stores a GTIN under: UPC-A gets a leading 0 and a GTIN-14 with indicator 0
 * loses it (one key for the same item however it was printed); a GTIN-8 padded to 14 digits becomes
 * 8 again. A GTIN-14 with a packaging indicator 1–8 names a case, not the unit, so it stays 14.
 */
export function catalogueGtin(gtin: string): string {
  if (gtin.length === 12) return `0${gtin}`;
  if (gtin.length === 14 && gtin.startsWith('000000')) return gtin.slice(6);
  if (gtin.length === 14 && gtin.startsWith('0')) return gtin.slice(1);
  return gtin;
}

export type UpcEError = { kind: 'format' } | { kind: 'number-system' } | { kind: 'check-digit' };

/**
 * UPC-E → UPC-A (GS1 General Specifications §5.2.2.4.2, zero suppression). Accepts the 6 encoded
 * digits (number system 0 assumed), 7 digits (with the number system) or 8 (with the check digit,
 * which is the UPC-A's and is verified).
 */
export function expandUpcE(code: string): Result<string, UpcEError> {
  if (!/^\d{6,8}$/.test(code)) return err({ kind: 'format' });
  const withSystem = code.length === 6 ? `0${code}` : code.slice(0, 7);
  const system = withSystem.charAt(0);
  if (system !== '0' && system !== '1') return err({ kind: 'number-system' });
  const d = withSystem.slice(1);
  const last = d.charAt(5);
  let body: string;
  if (last === '0' || last === '1' || last === '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d.charAt(4)}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  const upcA = `${system}${body}${gtinCheckDigit(`${system}${body}`)}`;
  if (code.length === 8 && upcA.at(-1) !== code.at(-1)) return err({ kind: 'check-digit' });
  return ok(upcA);
}
