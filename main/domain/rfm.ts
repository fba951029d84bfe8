// RFM: recency, frequency and monetary value scored 1–5 against the quintile boundaries of the
// chain's customers, then named by the usual recency × (frequency+monetary) grid, so a cashier reads
// "At risk" instead of "R2 F4 M4".
import type { Rfm, RfmSegment } from '../../contract/customers';

/** The 20th, 40th, 60th and 80th percentiles of a metric. */
export type Boundaries = readonly [number, number, number, number];

export interface RfmBoundaries {
  /** Days since the last purchase: fewer is better. */
  recency: Boundaries;
  /** Purchases (receipts and orders). */
  frequency: Boundaries;
  /** Revenue in minor units. */
  monetary: Boundaries;
}

export interface RfmFacts {
  daysSinceLast: number;
  purchases: number;
  revenueMinor: number;
}

type Score = 1 | 2 | 3 | 4 | 5;

/** 1 for the lowest fifth up to 5 for the highest; a value on a boundary belongs to the fifth below it. */
export function quintile(value: number, bounds: Boundaries): Score {
  const above = bounds.filter((bound) => value > bound).length;
  return (above + 1) as Score;
}

// Rows: recency score 1..5; columns: the rounded mean of frequency and monetary scores 1..5.
const GRID: readonly (readonly RfmSegment[])[] = [
  ['lost', 'lost', 'at-risk', 'at-risk', 'cannot-lose'],
  ['hibernating', 'hibernating', 'at-risk', 'at-risk', 'cannot-lose'],
  ['about-to-sleep', 'about-to-sleep', 'need-attention', 'loyal', 'loyal'],
  ['promising', 'potential-loyalist', 'potential-loyalist', 'loyal', 'champions'],
  ['new', 'potential-loyalist', 'potential-loyalist', 'champions', 'champions'],
];

export function segmentOf(r: Score, f: Score, m: Score): RfmSegment {
  const fm = Math.round((f + m) / 2) as Score;
  const segment = GRID[r - 1]?.[fm - 1];
  if (!segment) throw new RangeError(`RFM scores out of range: ${r} ${f} ${m}`);
  return segment;
}

/** Null for a customer with no purchases: there is nothing to score. */
export function scoreRfm(facts: RfmFacts, bounds: RfmBoundaries): Rfm | null {
  if (facts.purchases === 0) return null;
  const r = (6 - quintile(facts.daysSinceLast, bounds.recency)) as Score;
  const f = quintile(facts.purchases, bounds.frequency);
  const m = quintile(facts.revenueMinor, bounds.monetary);
  return { r, f, m, segment: segmentOf(r, f, m) };
}
