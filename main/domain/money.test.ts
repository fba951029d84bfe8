import { describe, expect, it } from 'vitest';
import { MAX_MINOR_UNITS } from '../../contract/common';
import { allocate, divideHalfUp, lineTotal, prorate, sumMinor } from './money';

const tooLarge = {
  ok: false,
  error: expect.objectContaining({ code: 'AMOUNT_TOO_LARGE', params: { max: MAX_MINOR_UNITS } }),
};

describe('divideHalfUp', () => {
  it('rounds half a kopeck up, not to even', () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(15n, 10n)).toBe(2n);
    expect(divideHalfUp(25n, 10n)).toBe(3n);
  });

  it('rounds just below half down', () => {
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(1_499n, 1_000n)).toBe(1n);
  });

  it('rounds a negative half away from zero, mirroring the positive case', () => {
    expect(divideHalfUp(-5n, 10n)).toBe(-1n);
    expect(divideHalfUp(-4n, 10n)).toBe(0n);
    expect(divideHalfUp(5n, -10n)).toBe(-1n);
    expect(divideHalfUp(-15n, -10n)).toBe(2n);
  });

  it('treats a zero denominator as a bug', () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('lineTotal', () => {
  it('multiplies a piece price by whole pieces', () => {
    expect(lineTotal(8_990, 3_000)).toEqual({ ok: true, value: 26_970 });
  });

  it('prices 455 g of cheese at 349.90 per kg to the kopeck (15 920.45 → 15 920)', () => {
    expect(lineTotal(34_990, 455)).toEqual({ ok: true, value: 15_920 });
  });

  it('prices 1.250 kg of apples at 149.90 per kg half-up (18 737.5 → 18 738)', () => {
    expect(lineTotal(14_990, 1_250)).toEqual({ ok: true, value: 18_738 });
  });

  it('rounds an exact half kopeck up', () => {
    expect(lineTotal(1, 500)).toEqual({ ok: true, value: 1 });
    expect(lineTotal(3, 500)).toEqual({ ok: true, value: 2 });
    expect(lineTotal(5, 1_100)).toEqual({ ok: true, value: 6 });
  });

  it('rounds less than half a kopeck down', () => {
    expect(lineTotal(1, 499)).toEqual({ ok: true, value: 0 });
    expect(lineTotal(999, 1)).toEqual({ ok: true, value: 1 });
    expect(lineTotal(499, 1)).toEqual({ ok: true, value: 0 });
  });

  it('charges nothing for a free item', () => {
    expect(lineTotal(0, 9_999_000)).toEqual({ ok: true, value: 0 });
  });

  it('accepts a line of exactly the cap', () => {
    expect(lineTotal(MAX_MINOR_UNITS, 1_000)).toEqual({ ok: true, value: MAX_MINOR_UNITS });
    expect(lineTotal(100_000_000, 9_999_000)).toEqual({ ok: true, value: 999_900_000_000 });
  });

  it('refuses a line one kopeck over the cap', () => {
    expect(lineTotal(MAX_MINOR_UNITS, 1_001)).toEqual(tooLarge);
    expect(lineTotal(1_000_000_001, 1_000_000)).toEqual(tooLarge);
  });

  it('refuses the largest price times the largest quantity instead of losing precision', () => {
    expect(lineTotal(MAX_MINOR_UNITS, 9_999_000)).toEqual(tooLarge);
  });

  it('refuses a unit price over the cap even for a few grams', () => {
    expect(lineTotal(MAX_MINOR_UNITS + 1, 1)).toEqual(tooLarge);
  });

  it('rounds a negative amount away from zero', () => {
    expect(lineTotal(-1, 500)).toEqual({ ok: true, value: -1 });
  });

  it('treats a fractional price or quantity as a bug', () => {
    expect(() => lineTotal(89.9, 1_000)).toThrow(RangeError);
    expect(() => lineTotal(8_990, 0.5)).toThrow(RangeError);
  });
});

describe('prorate', () => {
  it('gives one of three pieces a third of the line, half-up', () => {
    expect(prorate(1_000, 1_000, 3_000)).toBe(333);
    expect(prorate(1_000, 2_000, 3_000)).toBe(667);
  });

  it('rounds half a kopeck up', () => {
    expect(prorate(1_001, 1_000, 2_000)).toBe(501);
  });

  it('gives the whole quantity the whole total', () => {
    expect(prorate(26_970, 3_000, 3_000)).toBe(26_970);
  });

  it('gives nothing for a zero part', () => {
    expect(prorate(26_970, 0, 3_000)).toBe(0);
  });

  it('stays exact where a float product would round (10^12 × 9 998 999 / 9 999 000)', () => {
    expect(prorate(MAX_MINOR_UNITS, 9_998_999, 9_999_000)).toBe(999_999_899_990);
    expect(prorate(MAX_MINOR_UNITS, 1, 9_999_000)).toBe(100_010);
  });

  it('rounds a negative share away from zero', () => {
    expect(prorate(-1_001, 1_000, 2_000)).toBe(-501);
  });

  it('treats a zero or negative whole as a bug', () => {
    expect(() => prorate(1_000, 1_000, 0)).toThrow(RangeError);
    expect(() => prorate(1_000, 1_000, -1_000)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits 10.00 over three equal weights as 3.34 + 3.33 + 3.33', () => {
    expect(allocate(1_000, [1, 1, 1])).toEqual([334, 333, 333]);
  });

  it('gives leftover kopecks to the largest remainders first', () => {
    expect(allocate(100, [1, 2])).toEqual([33, 67]);
    expect(allocate(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocate(100, [1, 1, 4])).toEqual([17, 17, 66]);
  });

  it('breaks ties in favour of the earlier weight', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('splits exactly when the weights divide the total', () => {
    expect(allocate(10_000, [5_000, 3_000, 2_000])).toEqual([5_000, 3_000, 2_000]);
  });

  it('gives a zero weight nothing', () => {
    expect(allocate(100, [0, 1, 1])).toEqual([0, 50, 50]);
  });

  it('splits evenly when every weight is zero', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });

  it('splits a negative total with the same magnitudes', () => {
    expect(allocate(-10, [1, 1, 1])).toEqual([-4, -3, -3]);
  });

  it('splits the cap over three lines without losing a kopeck', () => {
    expect(allocate(MAX_MINOR_UNITS, [1, 1, 1])).toEqual([333_333_333_334, 333_333_333_333, 333_333_333_333]);
  });

  it('handles weights whose products exceed 2^53', () => {
    const parts = allocate(MAX_MINOR_UNITS, [999_999_999_999, 1, 999_999_999_999]);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(MAX_MINOR_UNITS);
    expect(parts).toEqual([500_000_000_000, 0, 500_000_000_000]);
  });

  it('always sums to the total', () => {
    let seed = 42;
    const next = (max: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % max;
    };
    for (let round = 0; round < 500; round++) {
      const total = next(10_000_000) - 1_000_000;
      const weights = Array.from({ length: 1 + next(12) }, () => next(50_000));
      const parts = allocate(total, weights);
      expect(parts).toHaveLength(weights.length);
      expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
    }
  });

  it('allocates nothing over no weights', () => {
    expect(allocate(0, [])).toEqual([]);
  });

  it('treats money with nowhere to go, or a negative weight, as a bug', () => {
    expect(() => allocate(5, [])).toThrow(RangeError);
    expect(() => allocate(5, [1, -1])).toThrow(RangeError);
    expect(() => allocate(5, [0.5])).toThrow(RangeError);
  });
});

describe('sumMinor', () => {
  it('adds amounts exactly', () => {
    expect(sumMinor([8_990, 4_590, 89_900])).toEqual({ ok: true, value: 103_480 });
  });

  it('sums nothing to zero', () => {
    expect(sumMinor([])).toEqual({ ok: true, value: 0 });
  });

  it('accepts a sum of exactly the cap', () => {
    expect(sumMinor([MAX_MINOR_UNITS - 1, 1])).toEqual({ ok: true, value: MAX_MINOR_UNITS });
    expect(sumMinor([-MAX_MINOR_UNITS])).toEqual({ ok: true, value: -MAX_MINOR_UNITS });
  });

  it('refuses a sum one kopeck past the cap, in either direction', () => {
    expect(sumMinor([MAX_MINOR_UNITS, 1])).toEqual(tooLarge);
    expect(sumMinor([-MAX_MINOR_UNITS, -1])).toEqual(tooLarge);
  });

  it('refuses an amount past the cap even when others would offset it', () => {
    expect(sumMinor([MAX_MINOR_UNITS + 1, -2])).toEqual(tooLarge);
  });

  it('nets refunds against sales', () => {
    expect(sumMinor([MAX_MINOR_UNITS, 1, -1])).toEqual({ ok: true, value: MAX_MINOR_UNITS });
  });

  it('treats a fractional amount as a bug', () => {
    expect(() => sumMinor([89.9])).toThrow(RangeError);
  });
});
