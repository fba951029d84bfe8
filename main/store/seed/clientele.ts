// The generated customers as shoppers: how often each one shops (a few regulars, a long tail of
// occasional ones), whether they also buy at other stores and online, and what they buy. It attributes
// this till's sales to customers who had joined by then and shares HQ's history out among them, in
// proportion to how much each one shops.
import { CHAIN_HISTORY_DAYS, DAY_MS, customerTimeline } from './calendar';
import { FIRST_GENERATED_CUSTOMER_ID, demoHabits } from './demo-customers';
import type { Rng } from './prng';
import { Stream, normal, pick, rngFor } from './prng';
import type { Habits, Shelf } from './shopping';
import { drawHabits } from './shopping';

export interface Shopper {
  /** Relative visits: log-normal, so one customer in a hundred shops ten times as often as the median. */
  frequency: number;
  /** Share of their shopping done elsewhere in the chain; 0 for those who shop only here. */
  elsewhere: number;
  /** Of that, the share done online. */
  onlineShare: number;
  /** The other store they use, when they do. */
  homeStore: string;
}

const STORE_ONLY_SHARE = 0.35;
const ONLINE_SHARES = [0, 0.2, 0.5, 0.8, 1] as const;

const frequencyFrom = (rng: Rng) => Math.exp(1.3 * normal(rng));

/** How often generated customer `id` shops, relative to others: the first draw of their shopper stream. */
export const frequencyOf = (seed: number, id: number): number =>
  frequencyFrom(rngFor(seed, Stream.shopper, id));

/** Generated customer `id` as a shopper, from their own stream: the same for the same seed. */
export function shopperOf(seed: number, id: number, stores: readonly string[]): Shopper {
  const rng = rngFor(seed, Stream.shopper, id);
  const frequency = frequencyFrom(rng);
  const elsewhere = rng() < STORE_ONLY_SHARE ? 0 : 0.2 + 0.8 * rng();
  return { frequency, elsewhere, onlineShare: pick(rng, ONLINE_SHARES), homeStore: pick(rng, stores) };
}

/** When generated customer `id` joined: the first draw of their own stream, so it is cheap to recompute. */
export function joinedAt(seed: number, id: number, count: number, end: number): number {
  const { start, step } = customerTimeline(count, end);
  return Math.floor(start + (id - FIRST_GENERATED_CUSTOMER_ID + rngFor(seed, Stream.customer, id)()) * step);
}

export class Clientele {
  private readonly localWeights: Float64Array;
  private readonly historyWeights: Float64Array;
  private readonly timeline: { start: number; step: number };

  constructor(
    readonly seed: number,
    /** Generated customers, ids from FIRST_GENERATED_CUSTOMER_ID. */
    readonly count: number,
    readonly end: number,
    readonly stores: readonly string[],
    private readonly shelf: Shelf,
  ) {
    this.timeline = customerTimeline(count, end);
    // Cumulative weights, in id order (which is join order): a prefix is "everyone who had joined".
    this.localWeights = new Float64Array(count);
    this.historyWeights = new Float64Array(count);
    const chainStart = end - CHAIN_HISTORY_DAYS * DAY_MS;
    let local = 0;
    let history = 0;
    for (let n = 0; n < count; n++) {
      const shopper = shopperOf(seed, FIRST_GENERATED_CUSTOMER_ID + n, stores);
      const joined = this.timeline.start + (n + 0.5) * this.timeline.step;
      const activeDays = (end - Math.max(joined, chainStart)) / DAY_MS;
      local += shopper.frequency * (1 - 0.5 * shopper.elsewhere);
      history += shopper.frequency * shopper.elsewhere * activeDays;
      this.localWeights[n] = local;
      this.historyWeights[n] = history;
    }
  }

  shopper(id: number): Shopper {
    return shopperOf(this.seed, id, this.stores);
  }

  /** Generated customers who had joined by `time`. */
  joinedBy(time: number): number {
    if (this.timeline.step === 0) return 0;
    return Math.max(0, Math.min(this.count, Math.floor((time - this.timeline.start) / this.timeline.step)));
  }

  /** A customer among the first `joined`, the frequent shoppers more likely: a binary search of the weights. */
  pick(rng: Rng, joined: number): number {
    const target = rng() * (this.localWeights[joined - 1] ?? 0);
    let low = 0;
    let high = joined - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.localWeights[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return FIRST_GENERATED_CUSTOMER_ID + low;
  }

  /**
   * How many of `total` history documents customer `id` has: systematic sampling over the cumulative
   * weights, so the shares add up to `total` exactly and each is computed on its own.
   */
  historyDocuments(id: number, total: number): number {
    const n = id - FIRST_GENERATED_CUSTOMER_ID;
    const sum = this.historyWeights[this.count - 1] ?? 0;
    if (sum === 0 || n < 0 || n >= this.count) return 0;
    const upTo = (index: number) =>
      index < 0 ? 0 : Math.round((total * (this.historyWeights[index] ?? 0)) / sum);
    return upTo(n) - upTo(n - 1);
  }

  habits(id: number): Habits {
    return demoHabits[id] ?? drawHabits(rngFor(this.seed, Stream.habits, id), this.shelf);
  }
}
