// The demo store's calendar. Everything is a function of the seed and of the UTC day of `now`: the
// history ends at that day's midnight, so the same seed and day give the same store whatever the time
// of day the seed runs.
import type { Rng } from './prng';
import { weightedPicker } from './prng';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** This till's own sales go back this many whole days. */
export const HISTORY_DAYS = 180;
/** HQ's copy of the chain's purchases (other stores, online) goes back about two years. */
export const CHAIN_HISTORY_DAYS = 730;
/** Customers joined over the three years before the end. */
const CUSTOMER_HISTORY_DAYS = 3 * 365;
// Moscow (UTC+3, no DST).
const MOSCOW_OFFSET_HOURS = 3;

/** Midnight UTC at the start of `now`'s day: where the history ends and sign-ups stop. */
export function historyEnd(now: Date): number {
  const time = now.getTime();
  if (!Number.isFinite(time)) throw new RangeError('the seed needs a valid date');
  return Math.floor(time / DAY_MS) * DAY_MS;
}

export const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

// Opening hours 08:00–22:00 local; busiest after work.
// prettier-ignore
const hourWeights: readonly [number, number][] = [
  [8, 3], [9, 5], [10, 6], [11, 6], [12, 8], [13, 8], [14, 6], [15, 6], [16, 7], [17, 10], [18, 12], [19, 11], [20, 8], [21, 5],
];
const pickHour = weightedPicker(hourWeights, ([, weight]) => weight);
// Online orders come round the clock, mostly in the evening.
// prettier-ignore
const onlineHourWeights: readonly [number, number][] = [
  [0, 2], [1, 1], [6, 1], [7, 2], [8, 3], [9, 3], [10, 4], [11, 4], [12, 5], [13, 5], [14, 4], [15, 4], [16, 4],
  [17, 5], [18, 6], [19, 8], [20, 9], [21, 9], [22, 7], [23, 4],
];
const pickOnlineHour = weightedPicker(onlineHourWeights, ([, weight]) => weight);

/** A moment of the Moscow day that starts at `midnightUtc` (a UTC midnight), in shop hours or online. */
export function momentOfDay(rng: Rng, midnightUtc: number, online: boolean): number {
  const [hour] = online ? pickOnlineHour(rng) : pickHour(rng);
  return midnightUtc - MOSCOW_OFFSET_HOURS * HOUR_MS + hour * HOUR_MS + Math.floor(rng() * HOUR_MS);
}

/**
 * Customers join at an even pace over the three years before the history ends, in id order as cards
 * are issued: generated customer number `n` (from 0) joined before `start + (n + 1) × step`, which
 * lets a sale pick only customers who existed.
 */
export function customerTimeline(count: number, end: number): { start: number; step: number } {
  const start = end - CUSTOMER_HISTORY_DAYS * DAY_MS;
  return { start, step: count > 0 ? (CUSTOMER_HISTORY_DAYS * DAY_MS) / count : 0 };
}
