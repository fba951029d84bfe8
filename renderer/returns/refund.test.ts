import { describe, expect, it } from 'vitest';
import type { ReturnableLine } from '../../contract/ipc';
import { refundFor, remainingMilli } from './refund';

const line = (over: Partial<ReturnableLine>): ReturnableLine => ({
  saleLineId: '11111111-1111-4111-8111-111111111111',
  names: { en: 'Apples' },
  unit: 'piece',
  quantityMilli: 3000,
  returnedMilli: 0,
  unitPriceMinor: 3333,
  totalMinor: 10000,
  ...over,
});

describe('refund on the return screen', () => {
  it('refunds the whole line total when everything comes back', () => {
    expect(refundFor(line({}), 3000)).toBe(10000);
  });

  it('shares a line total by quantity, rounding half up', () => {
    expect(refundFor(line({}), 1000)).toBe(3333);
    expect(refundFor(line({}), 2000)).toBe(6667);
    expect(refundFor(line({ unit: 'kg', quantityMilli: 455, totalMinor: 5005 }), 200)).toBe(2200);
  });

  it('stays exact for the largest amounts', () => {
    expect(refundFor(line({ quantityMilli: 9_999_000, totalMinor: 999_999_999_999 }), 9_999_000)).toBe(
      999_999_999_999,
    );
  });

  it('knows what is left after earlier returns', () => {
    expect(remainingMilli(line({ returnedMilli: 1000 }))).toBe(2000);
    expect(remainingMilli(line({ returnedMilli: 3000 }))).toBe(0);
  });
});
