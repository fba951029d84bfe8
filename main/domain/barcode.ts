// What a scanned or typed code is: a manufacturer's GTIN, an in-store code with an embedded weight or
// price, one of our receipt numbers, or an internal SKU code.
import type { EmbeddedBarcodeRule } from '../../contract/config';
import { isReceiptNo } from './receipt';

export type ScannedCode =
  /** Normalised to EAN-13 (UPC-A gets a leading 0) so one catalogue key matches both; EAN-8 stays 8. */
  | { kind: 'gtin'; gtin: string }
  /** `value` is grams for 'weight' rules (= thousandths of a kg) and minor units for 'price' rules. */
  | { kind: 'embedded'; rule: EmbeddedBarcodeRule; plu: string; value: number; code: string }
  | { kind: 'receipt'; receiptNo: string }
  | { kind: 'other'; code: string }
  | { kind: 'invalid'; reason: 'check_digit' | 'format' };

const MAX_CODE_LENGTH = 128;
const EAN13_LENGTH = 13;
const GS = 0x1d;

/**
 * GS1 mod-10 check digit of the digits before it: weights 3, 1, 3, … from the right, so the same
 * routine serves EAN-8, UPC-A, EAN-13 and GTIN-14 (GS1 General Specifications §7.9).
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

const hasValidCheckDigit = (digits: string): boolean =>
  gtinCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));

// GS stays printable for us: GS1 element strings carry FNC1 as GS and must be kept byte-exact.
function isPrintable(code: string): boolean {
  for (const char of code) {
    const point = char.codePointAt(0) ?? 0;
    if (point === GS) continue;
    if (point < 0x20 || (point >= 0x7f && point <= 0x9f)) return false;
  }
  return true;
}

function classifyGtin(digits: string, rules: EmbeddedBarcodeRule[]): ScannedCode {
  if (!hasValidCheckDigit(digits)) return { kind: 'invalid', reason: 'check_digit' };
  if (digits.length === 12) return { kind: 'gtin', gtin: `0${digits}` };
  if (digits.length === EAN13_LENGTH) {
    // Layout 2T PLU VALUE C; prefixes 20–29 without a rule are store-internal codes in the catalogue.
    const rule = rules.find((candidate) => candidate.prefix === digits.slice(0, 2));
    if (rule) {
      const valueStart = 2 + rule.pluDigits;
      return {
        kind: 'embedded',
        rule,
        plu: digits.slice(2, valueStart),
        value: Number(digits.slice(valueStart, EAN13_LENGTH - 1)),
        code: digits,
      };
    }
  }
  return { kind: 'gtin', gtin: digits };
}

export function classifyCode(code: string, rules: EmbeddedBarcodeRule[]): ScannedCode {
  const text = code.trim();
  if (/^\d{8}$|^\d{12,13}$/.test(text)) return classifyGtin(text, rules);
  if (isReceiptNo(text)) return { kind: 'receipt', receiptNo: text };
  if (text.length === 0 || text.length > MAX_CODE_LENGTH || !isPrintable(text)) {
    return { kind: 'invalid', reason: 'format' };
  }
  return { kind: 'other', code: text };
}
