import { describe, expect, it } from 'vitest';
import type { PastPurchase } from './basket';
import { DAY_MS, repeatLikelihood, summariseHistory } from './repeat';

const now = Date.UTC(2025, 2, 1, 12);
const coffee = 401;
const milk = 101;
const daysAgo = (days: number): number => now - days * DAY_MS;
const bought = (productId: number, ...days: number[]): PastPurchase[] =>
  days.map((d) => ({ productId, at: daysAgo(d), quantity: 1 }));

describe('summariseHistory', () => {
  it('takes the median gap between trips as the cycle, so one long gap does not stretch it', () => {
    const [item] = summariseHistory(bought(coffee, 70, 63, 56, 49, 14, 7), now).items;
    expect(item).toMatchObject({ productId: coffee, timesBought: 6, lastAt: daysAgo(7) });
    expect((item?.cycleMs ?? 0) / DAY_MS).toBeCloseTo(7, 9);
  });

  it('counts two sales an hour apart as one trip', () => {
    const history = [...bought(milk, 10, 3), { productId: milk, at: daysAgo(3) + 3_600_000, quantity: 1 }];
    const [item] = summariseHistory(history, now).items;
    expect(item?.timesBought).toBe(2);
    expect((item?.cycleMs ?? 0) / DAY_MS).toBeCloseTo(7, 9);
  });

  it('has no cycle for an item bought on one trip', () => {
    expect(summariseHistory(bought(coffee, 5), now).items[0]?.cycleMs).toBeNull();
  });

  it('ignores returns, NaN quantities and NaN times, and reads a purchase from the future as now', () => {
    const history: PastPurchase[] = [
      { productId: milk, at: daysAgo(2), quantity: -1 },
      { productId: milk, at: daysAgo(4), quantity: Number.NaN },
      { productId: milk, at: Number.NaN, quantity: 1 },
      { productId: coffee, at: now + DAY_MS, quantity: 1 },
    ];
    const summary = summariseHistory(history, now);
    expect(summary.items).toEqual([expect.objectContaining({ productId: coffee, lastAt: now })]);
  });

  it('is empty for an empty history', () => {
    expect(summariseHistory([], now)).toEqual({ recentTrips: 0, items: [] });
  });
});

describe('repeatLikelihood', () => {
  const weekly = (lastDaysAgo: number) => {
    const days = [56, 49, 42, 35, 28, 21, 14, 7].map((d) => d + lastDaysAgo - 7);
    const customer = summariseHistory(bought(coffee, ...days), now);
    const [item] = customer.items;
    if (item === undefined) throw new Error('the history should have one item');
    return repeatLikelihood(item, customer, now);
  };

  it('is low right after a purchase, highest around the usual interval, and fades long after it', () => {
    const justBought = weekly(1);
    const due = weekly(7);
    const forgotten = weekly(40);
    expect(due).toBeGreaterThan(justBought);
    expect(due).toBeGreaterThan(forgotten);
  });

  it('stays between 0 and 1', () => {
    for (const days of [0, 1, 7, 30, 365]) {
      expect(weekly(days)).toBeGreaterThanOrEqual(0);
      expect(weekly(days)).toBeLessThanOrEqual(1);
    }
  });
});
