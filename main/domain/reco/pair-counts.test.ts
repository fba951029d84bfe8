import { describe, expect, it } from 'vitest';
import { PairCounts } from './pair-counts';

const pairsOf = (counts: PairCounts) =>
  [...counts.pairCounts()]
    .map(({ a, b, count }) => ({ pair: [Math.min(a, b), Math.max(a, b)], count }))
    .sort((x, y) => (x.pair[0] ?? 0) - (y.pair[0] ?? 0) || (x.pair[1] ?? 0) - (y.pair[1] ?? 0));

describe('PairCounts', () => {
  it('counts baskets per item and per pair exactly while within budget', () => {
    const counts = new PairCounts(1_000);
    counts.addBasket([101, 102, 103], [101, 102, 103]);
    counts.addBasket([101, 102], [101, 102]);
    expect(counts.baskets).toBe(2);
    expect(counts.basketsWith(101)).toBe(2);
    expect(counts.basketsWith(103)).toBe(1);
    expect(counts.basketsWith(999)).toBe(0);
    expect(pairsOf(counts)).toEqual([
      { pair: [101, 102], count: 2 },
      { pair: [101, 103], count: 1 },
      { pair: [102, 103], count: 1 },
    ]);
    expect(counts.undercount).toBe(0);
  });

  it('counts items outside the pair sample but pairs only the sample', () => {
    const counts = new PairCounts(1_000);
    counts.addBasket([101, 102, 103], [101, 102]);
    expect(counts.basketsWith(103)).toBe(1);
    expect(pairsOf(counts)).toEqual([{ pair: [101, 102], count: 1 }]);
  });

  it('drops the rarest pairs past the budget, keeps frequent ones, and says how far counts may be short', () => {
    const counts = new PairCounts(50);
    for (let i = 0; i < 30; i += 1) counts.addBasket([1, 2], [1, 2]);
    for (let i = 0; i < 200; i += 1) counts.addBasket([1_000 + i, 2_000 + i], [1_000 + i, 2_000 + i]);
    const pairs = pairsOf(counts);
    expect(pairs.length).toBeLessThanOrEqual(50);
    expect(pairs).toContainEqual({ pair: [1, 2], count: 30 });
    expect(counts.undercount).toBeGreaterThan(0);
  });

  it('grows past its first table without losing counts', () => {
    const counts = new PairCounts(1_000_000);
    for (let i = 0; i < 10_000; i += 1) counts.addBasket([i, i + 1], [i, i + 1]);
    counts.addBasket([0, 1], [0, 1]);
    const pairs = pairsOf(counts);
    expect(pairs).toHaveLength(10_000);
    expect(pairs[0]).toEqual({ pair: [0, 1], count: 2 });
  });
});
