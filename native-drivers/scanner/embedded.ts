// In-store EAN-13 codes with prefixes 20–29 (GS1 "restricted circulation numbers") carry a PLU and a
// weight or a price instead of a manufacturer's GTIN. The layout is a store setting, `2T PPPPP VVVVV C`
// in contract/config.ts: T the second prefix digit, P the PLU, V the value, C the check digit.
import type { EmbeddedBarcodeRule } from '../../contract/config';

const EAN13_LENGTH = 13;

export interface EmbeddedCode {
  rule: EmbeddedBarcodeRule;
  plu: string;
  /** Grams for 'weight' rules (= thousandths of a kg), minor units for 'price' rules. */
  value: number;
  code: string;
}

/**
 * Reads an EAN-13 whose check digit the caller has verified. Null when no rule claims its prefix:
 * prefixes 20–29 without a rule are store-internal item codes, looked up like any GTIN.
 */
export function decodeEmbedded(ean13: string, rules: readonly EmbeddedBarcodeRule[]): EmbeddedCode | null {
  if (ean13.length !== EAN13_LENGTH || !/^\d+$/.test(ean13)) return null;
  const rule = rules.find((candidate) => candidate.prefix === ean13.slice(0, 2));
  if (!rule) return null;
  const valueStart = 2 + rule.pluDigits;
  return {
    rule,
    plu: ean13.slice(2, valueStart),
    value: Number(ean13.slice(valueStart, EAN13_LENGTH - 1)),
    code: ean13,
  };
}
