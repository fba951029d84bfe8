import { describe, expect, it } from 'vitest';
import type { RfmBoundaries } from './rfm';
import { quintile, scoreRfm, segmentOf } from './rfm';

const bounds: RfmBoundaries = {
  recency: [14, 45, 90, 180],
  frequency: [1, 2, 4, 8],
  monetary: [100_000, 300_000, 700_000, 1_500_000],
};

describe('quintile', () => {
  it('puts a value on a boundary in the fifth below it', () => {
    expect([0, 1, 2, 3, 4, 8, 9].map((v) => quintile(v, bounds.frequency))).toEqual([1, 1, 2, 3, 3, 4, 5]);
  });
});

describe('scoreRfm', () => {
  it('names a recent, frequent, big spender a champion', () => {
    expect(scoreRfm({ daysSinceLast: 3, purchases: 20, revenueMinor: 5_000_000 }, bounds)).toEqual({
      r: 5,
      f: 5,
      m: 5,
      segment: 'champions',
    });
  });

  it('names a big spender who stopped coming one the store cannot lose', () => {
    expect(scoreRfm({ daysSinceLast: 400, purchases: 30, revenueMinor: 9_000_000 }, bounds)?.segment).toBe(
      'cannot-lose',
    );
  });

  it('names a first purchase this week new, and one long ago lost', () => {
    expect(scoreRfm({ daysSinceLast: 2, purchases: 1, revenueMinor: 50_000 }, bounds)?.segment).toBe('new');
    expect(scoreRfm({ daysSinceLast: 500, purchases: 1, revenueMinor: 50_000 }, bounds)?.segment).toBe(
      'lost',
    );
  });

  it('has nothing to say about a customer who never bought', () => {
    expect(scoreRfm({ daysSinceLast: 0, purchases: 0, revenueMinor: 0 }, bounds)).toBeNull();
  });
});

describe('segmentOf', () => {
  it('names every one of the 125 score combinations', () => {
    const names = new Set<string>();
    for (const r of [1, 2, 3, 4, 5] as const)
      for (const f of [1, 2, 3, 4, 5] as const)
        for (const m of [1, 2, 3, 4, 5] as const) names.add(segmentOf(r, f, m));
    expect(names.size).toBe(11);
  });
});
