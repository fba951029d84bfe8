import { describe, expect, it } from 'vitest';
import { MAX_MINOR_UNITS } from '../../contract/common';
import { lineTax, taxTotals } from './tax';

describe('lineTax', () => {
  it('finds 20.00 of VAT inside 120.00 at 20 %', () => {
    expect(lineTax(12_000, 2_000)).toBe(2_000);
  });

  it('finds 10 % VAT inside a price of 89.90 (817.27… → 817)', () => {
    expect(lineTax(8_990, 1_000)).toBe(817);
  });

  it('rounds half a kopeck of tax up (3 kopecks at 20 % hold 0.5)', () => {
    expect(lineTax(3, 2_000)).toBe(1);
  });

  it('rounds less than half a kopeck down', () => {
    expect(lineTax(2, 2_000)).toBe(0);
  });

  it('charges no tax at 0 %', () => {
    expect(lineTax(15_000, 0)).toBe(0);
  });

  it('charges no tax on a free item', () => {
    expect(lineTax(0, 2_000)).toBe(0);
  });

  it('is exact at the money cap', () => {
    expect(lineTax(MAX_MINOR_UNITS, 2_000)).toBe(166_666_666_667);
  });

  it('mirrors a sale for a refund', () => {
    expect(lineTax(-3, 2_000)).toBe(-1);
    expect(lineTax(-12_000, 2_000)).toBe(-2_000);
  });
});

describe('taxTotals', () => {
  const basket = [
    { totalMinor: 89_900, taxRateBp: 2_000 }, // wine
    { totalMinor: 8_990, taxRateBp: 1_000 }, // milk
    { totalMinor: 15_000, taxRateBp: 0 }, // prescription drug, VAT-exempt
    { totalMinor: 34_900, taxRateBp: 2_000 }, // batteries
    { totalMinor: 4_590, taxRateBp: 1_000 }, // bread
  ];

  it('groups a basket with 20, 10 and 0 % by rate, highest rate first', () => {
    expect(taxTotals(basket)).toEqual([
      { rateBp: 2_000, grossMinor: 124_800, taxMinor: 20_800 },
      { rateBp: 1_000, grossMinor: 13_580, taxMinor: 1_235 },
      { rateBp: 0, grossMinor: 15_000, taxMinor: 0 },
    ]);
  });

  it('keeps the gross of every group equal to the basket total', () => {
    const gross = taxTotals(basket).reduce((sum, group) => sum + group.grossMinor, 0);
    expect(gross).toBe(153_380);
  });

  it('rounds once per rate, so three 3-kopeck lines pay 2 kopecks of tax and not 3', () => {
    const lines = [3, 3, 3].map((totalMinor) => ({ totalMinor, taxRateBp: 2_000 }));
    expect(lines.reduce((sum, line) => sum + lineTax(line.totalMinor, line.taxRateBp), 0)).toBe(3);
    expect(taxTotals(lines)).toEqual([{ rateBp: 2_000, grossMinor: 9, taxMinor: 2 }]);
  });

  it('lists a 0 % group with no tax', () => {
    expect(taxTotals([{ totalMinor: 15_000, taxRateBp: 0 }])).toEqual([
      { rateBp: 0, grossMinor: 15_000, taxMinor: 0 },
    ]);
  });

  it('lists a rate whose lines are free', () => {
    expect(taxTotals([{ totalMinor: 0, taxRateBp: 2_000 }])).toEqual([
      { rateBp: 2_000, grossMinor: 0, taxMinor: 0 },
    ]);
  });

  it('lists nothing for no lines', () => {
    expect(taxTotals([])).toEqual([]);
  });

  it('taxes a return with negative amounts symmetrically', () => {
    expect(taxTotals([{ totalMinor: -12_000, taxRateBp: 2_000 }])).toEqual([
      { rateBp: 2_000, grossMinor: -12_000, taxMinor: -2_000 },
    ]);
  });

  it('does not change the lines it is given', () => {
    const lines = Object.freeze(basket.map((line) => Object.freeze({ ...line })));
    taxTotals(lines as typeof basket);
    expect(lines[0]).toEqual({ totalMinor: 89_900, taxRateBp: 2_000 });
  });
});
