// What a scanned or typed code is: a manufacturer's GTIN, an in-store code with an embedded weight or
// price, one of our receipt numbers, or an internal SKU code. The check digit and the in-store label
// layout live in native-drivers/scanner (pure modules, the single source for drivers and domain);
// this file keeps the cart's view of a code.
import type { EmbeddedBarcodeRule, TillConfig } from '../../contract/config';
import { decodeEmbedded } from '../../native-drivers/scanner/embedded';
import { hasValidGtinCheckDigit } from '../../native-drivers/scanner/gtin';
import type { ScanRules } from '../../native-drivers/scanner/interpret';
import { RECEIPT_NO_PATTERN, RETURN_RECEIPT_NO_PATTERN, isReceiptNo } from './receipt';

export { gtinCheckDigit } from '../../native-drivers/scanner/gtin';

export type ScannedCode =
  /** Normalised to EAN-13 (UPC-A gets a leading 0) so one catalogue key matches both; EAN-8 stays 8. */
  | { kind: 'gtin'; gtin: string }
  /** `value` is grams for 'weight' rules (= thousandths of a kg) and minor units for 'price' rules. */
  | { kind: 'embedded'; rule: EmbeddedBarcodeRule; plu: string; value: number; code: string }
  | { kind: 'receipt'; receiptNo: string }
  | { kind: 'other'; code: string }
  | { kind: 'invalid'; reason: 'check_digit' | 'format' };

const MAX_CODE_LENGTH = 128;
const GS = 0x1d;

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
  if (!hasValidGtinCheckDigit(digits)) return { kind: 'invalid', reason: 'check_digit' };
  if (digits.length === 12) return { kind: 'gtin', gtin: `0${digits}` };
  // Prefixes 20–29 without a rule are store-internal codes in the catalogue: decodeEmbedded says null.
  const embedded = decodeEmbedded(digits, rules);
  return embedded ? { kind: 'embedded', ...embedded } : { kind: 'gtin', gtin: digits };
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

/** The rules interpretScan (native-drivers/scanner) reads a scan by: the store's config and our receipt formats. */
export const scanRules = (config: TillConfig): ScanRules => ({
  embeddedBarcodes: config.embeddedBarcodes,
  scanner: config.scanner,
  receiptPatterns: { sale: RECEIPT_NO_PATTERN, return: RETURN_RECEIPT_NO_PATTERN },
});
