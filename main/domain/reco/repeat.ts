// The customer's own repeat purchases: how likely each item they have bought is to be in today's
// basket. In grocery most of a basket is bought again, so this is the strongest signal there is; what
// makes it better than "their most bought items" is timing. A product has its own cycle for each
// customer (milk every 4 days, coffee every 3 weeks, detergent every 2 months), and right after a
// purchase the chance of buying it again is low, near the usual interval it peaks, and long past it
// the customer has probably moved on (switched brand, stopped needing it). Habits change, so recent
// trips also count for more than old ones.
import type { PastPurchase } from './basket';
import { isBought } from './basket';

export const DAY_MS = 86_400_000;
// Two sales within a few hours are one shopping trip (a forgotten item, a split payment), not a cycle.
const SAME_TRIP_MS = 6 * 3_600_000;

export interface ItemHistory {
  productId: number;
  /** Trips on which the customer bought it. */
  timesBought: number;
  lastAt: number;
  /** The usual gap between those trips (median, so one holiday does not stretch it); null after one trip. */
  cycleMs: number | null;
  /** Those trips weighted by age (see RECENCY_HALF_LIFE_MS). */
  recentTrips: number;
}

export interface CustomerHistory {
  /** Shopping trips in the history, weighted by age. */
  recentTrips: number;
  /** By product id, ascending. */
  items: readonly ItemHistory[];
}

// A trip four months ago counts half as much as today's when judging how often an item is bought: long
// enough to cover items bought monthly, short enough to follow a change of habit within a season.
// (In `npm run eval:reco` anything from 2 to 8 months does as well; no weighting loses 0.001–0.003 of
// Recall@10.)
const RECENCY_HALF_LIFE_MS = 120 * DAY_MS;

const recencyWeight = (at: number, now: number): number => 0.5 ** ((now - at) / RECENCY_HALF_LIFE_MS);
const weighted = (times: readonly number[], now: number): number =>
  times.reduce((sum, at) => sum + recencyWeight(at, now), 0);

/** Collapses purchases (ascending by time) into the start times of the trips they belong to. */
function tripStarts(times: readonly number[]): number[] {
  const starts: number[] = [];
  for (const at of times) {
    const start = starts.at(-1);
    if (start === undefined || at - start >= SAME_TRIP_MS) starts.push(at);
  }
  return starts;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/**
 * Summarises a customer's purchases as of `now`. Returns, voids and lines with a NaN quantity or time
 * are not purchases; a purchase stamped after `now` (a till clock ahead of this one) counts as now.
 */
export function summariseHistory(history: readonly PastPurchase[], now: number): CustomerHistory {
  const byProduct = new Map<number, number[]>();
  const allTimes: number[] = [];
  for (const { productId, at, quantity } of history) {
    if (!isBought(productId, quantity) || !Number.isFinite(at)) continue;
    const time = Math.min(at, now);
    allTimes.push(time);
    const times = byProduct.get(productId);
    if (times === undefined) byProduct.set(productId, [time]);
    else times.push(time);
  }
  allTimes.sort((a, b) => a - b);
  const items: ItemHistory[] = [];
  for (const [productId, times] of byProduct) {
    const trips = tripStarts(times.sort((a, b) => a - b));
    const gaps = trips.slice(1).map((at, i) => at - (trips[i] ?? at));
    items.push({
      productId,
      timesBought: trips.length,
      lastAt: trips.at(-1) ?? 0,
      cycleMs: median(gaps),
      recentTrips: weighted(trips, now),
    });
  }
  items.sort((a, b) => a.productId - b.productId);
  const trips = tripStarts(allTimes);
  return { recentTrips: weighted(trips, now), items };
}

/** How the chance of a repeat changes with time since the last purchase, in units of its cycle. */
function dueFactor(cyclesSince: number): number {
  // Just bought: a fifth of the usual chance, rising towards the cycle; long overdue: fading, by half
  // at three cycles, as the customer has likely replaced it.
  if (cyclesSince < 1) return 0.2 + 0.8 * cyclesSince * cyclesSince;
  const over = (cyclesSince - 1) / 2;
  return 1 / (1 + over * over);
}

// An item bought on one trip only has no cycle: its chance fades with time, by half after this long.
const ONE_OFF_HALF_LIFE_MS = 60 * DAY_MS;

/**
 * A likelihood-like score in [0, 1]: the (recency-weighted) share of the customer's trips that
 * included the item, adjusted by where today falls in its cycle.
 */
export function repeatLikelihood(item: ItemHistory, customer: CustomerHistory, now: number): number {
  // Today's trip joins the denominator: two purchases in two trips is not a certainty.
  const frequency = item.recentTrips / (customer.recentTrips + 1);
  const since = Math.max(0, now - item.lastAt);
  if (item.cycleMs === null) return (frequency * ONE_OFF_HALF_LIFE_MS) / (ONE_OFF_HALF_LIFE_MS + since);
  return frequency * dueFactor(since / Math.max(item.cycleMs, SAME_TRIP_MS));
}
