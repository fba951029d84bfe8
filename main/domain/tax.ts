// VAT on VAT-inclusive prices: the tax inside a gross amount is gross × rate / (100 % + rate).
import type { TaxTotal } from '../../contract/ipc';
import { divideHalfUp, toBigInt } from './money';

const WHOLE_BP = 10_000n;

/** Tax inside one VAT-inclusive amount at `taxRateBp`, rounded half-up; stored on each sale line. */
export function lineTax(totalMinor: number, taxRateBp: number): number {
  const rate = toBigInt(taxRateBp, 'taxRateBp');
  return Number(divideHalfUp(toBigInt(totalMinor, 'totalMinor') * rate, WHOLE_BP + rate));
}

/**
 * Tax per rate for a receipt, highest rate first. The tax is computed once per rate on the sum of
 * that rate's gross amounts, not summed from rounded per-line taxes, so rounding does not accumulate
 * with the number of lines — and it is the one VAT amount per rate that a fiscal receipt prints.
 * A 0 % group still appears (with tax 0) because receipts list tax-exempt sales separately.
 */
export function taxTotals(lines: { totalMinor: number; taxRateBp: number }[]): TaxTotal[] {
  const grossByRate = new Map<number, number>();
  for (const line of lines) {
    grossByRate.set(line.taxRateBp, (grossByRate.get(line.taxRateBp) ?? 0) + line.totalMinor);
  }
  return [...grossByRate]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, grossMinor]) => ({ rateBp, grossMinor, taxMinor: lineTax(grossMinor, rateBp) }));
}
