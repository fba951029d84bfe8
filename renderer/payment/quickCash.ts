import { currencyDigits } from '../i18n/format';

/** Banknotes in circulation, in major units; customers pay with these. */
const banknotes: Record<string, readonly number[]> = {
  RUB: [50, 100, 200, 500, 1000, 2000, 5000],
  CNY: [1, 5, 10, 20, 50, 100],
  USD: [1, 2, 5, 10, 20, 50, 100],
  EUR: [5, 10, 20, 50, 100, 200, 500],
};
const anyCurrency = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/**
 * Amounts a customer is likely to hand over for `dueMinor`: the due rounded up to each note that
 * is not tiny beside it (a tenth of the due or more), smallest first, strictly above the due.
 */
export function quickCashAmounts(dueMinor: number, currency: string, count = 4): number[] {
  if (dueMinor <= 0) return [];
  const minorPerMajor = 10 ** currencyDigits(currency);
  const notes = (banknotes[currency] ?? anyCurrency).map((note) => note * minorPerMajor);
  const largest = notes.at(-1) ?? minorPerMajor;
  const amounts = new Set<number>();
  for (const note of notes) {
    if (note * 10 < dueMinor && note !== largest) continue;
    const rest = dueMinor % note;
    const rounded = rest === 0 ? dueMinor : dueMinor - rest + note;
    if (rounded > dueMinor) amounts.add(rounded);
  }
  return [...amounts].sort((a, b) => a - b).slice(0, count);
}
