import { describe, expect, it } from 'vitest';
import { quickCashAmounts } from './quickCash';

const roubles = (amounts: number[]) => amounts.map((minor) => minor / 100);

describe('quick cash amounts', () => {
  it('offers the notes a customer would hand over for a small rouble sale', () => {
    expect(roubles(quickCashAmounts(8990, 'RUB'))).toEqual([100, 200, 500, 1000]);
  });

  it('rounds up to the notes that matter for a larger sale', () => {
    expect(roubles(quickCashAmounts(123450, 'RUB'))).toEqual([1400, 1500, 2000, 5000]);
  });

  it('offers only amounts made of large notes when the due is large', () => {
    expect(roubles(quickCashAmounts(500000, 'RUB'))).toEqual([6000]);
    expect(roubles(quickCashAmounts(2345600, 'RUB'))).toEqual([25000]);
  });

  it('uses yuan notes for CNY', () => {
    expect(quickCashAmounts(1200, 'CNY').map((minor) => minor / 100)).toEqual([15, 20, 50, 100]);
  });

  it('offers nothing when nothing is due', () => {
    expect(quickCashAmounts(0, 'RUB')).toEqual([]);
  });
});
