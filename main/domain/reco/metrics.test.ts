import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitRateAt, ndcgAt, recallAt } from './metrics';

const basket = new Set([101, 102, 103, 104]);

describe('recallAt', () => {
  it('is the share of the basket found in the top k', () => {
    expect(recallAt(3, [101, 900, 102, 103], basket)).toBe(0.5);
  });

  it('counts a product listed twice once', () => {
    expect(recallAt(10, [101, 101, 101], basket)).toBe(0.25);
  });

  it('is 0 for an empty basket rather than NaN', () => {
    expect(recallAt(10, [101], new Set())).toBe(0);
  });
});

describe('ndcgAt', () => {
  it('is 1 when every slot up to the basket size is a hit', () => {
    expect(ndcgAt(10, [104, 103, 102, 101, 900], basket)).toBeCloseTo(1, 12);
  });

  it('values a hit at the top more than the same hit further down', () => {
    expect(ndcgAt(10, [101, 900], basket)).toBeGreaterThan(ndcgAt(10, [900, 101], basket));
  });

  it('discounts the second rank by log2(3)', () => {
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcgAt(2, [900, 101], new Set([101, 102]))).toBeCloseTo(1 / Math.log2(3) / ideal, 12);
  });
});

describe('hitRateAt', () => {
  it('is 1 with one hit in the top k and 0 when the hit is below it', () => {
    expect(hitRateAt(2, [900, 101], basket)).toBe(1);
    expect(hitRateAt(1, [900, 101], basket)).toBe(0);
  });
});

describe('every metric', () => {
  it('stays within 0..1 for any list and basket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (ranked, relevant, k) => {
          const truth = new Set(relevant);
          for (const metric of [recallAt, ndcgAt, hitRateAt]) {
            const value = metric(k, ranked, truth);
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1 + 1e-12);
          }
        },
      ),
    );
  });
});
