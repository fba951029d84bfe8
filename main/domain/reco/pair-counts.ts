// Item and item-pair basket counts in bounded memory, fed one basket at a time so a model can be built
// from years of sales streamed out of the database.
//
// Pairs live in an open-addressing hash table in one typed array (12 bytes a slot): a JS Map keyed by
// a pair number costs several times that per entry, is several times slower on the hot loop, and V8
// caps it at 2^24 entries. When more than `maxPairs` pairs are tracked the rarest are dropped, as in
// lossy counting (Manku & Motwani, 2002): a surviving count is short by at most `undercount`, and the
// pairs that go are the ones too rare to become anyone's neighbour.

const EMPTY = -1;
const MAX_LOAD = 0.7;
/** After a prune the table holds at most this share of the budget, so prunes stay rare. */
const PRUNE_TO = 0.75;
const FIRST_CAPACITY = 1 << 12;

export interface PairCount {
  a: number;
  b: number;
  count: number;
}

function slotHash(lo: number, hi: number): number {
  let x = Math.imul(lo, 0x9e3779b1) ^ hi;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Counts keyed by two dense item indexes, lo < hi; each slot is (lo, hi, count) side by side. */
class PairTable {
  size = 0;
  private slots: Int32Array;

  constructor(
    private capacity: number,
    private readonly maxCapacity: number,
  ) {
    this.slots = new Int32Array(capacity * 3).fill(EMPTY);
  }

  increment(lo: number, hi: number): void {
    const mask = this.capacity - 1;
    for (let slot = slotHash(lo, hi) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const found = this.slots[at];
      if (found === lo && this.slots[at + 1] === hi) {
        this.slots[at + 2] = (this.slots[at + 2] ?? 0) + 1;
        return;
      }
      if (found === EMPTY) {
        this.slots[at] = lo;
        this.slots[at + 1] = hi;
        this.slots[at + 2] = 1;
        this.size += 1;
        if (this.size > this.capacity * MAX_LOAD && this.capacity < this.maxCapacity) {
          this.rehash(this.capacity * 2, 0);
        }
        return;
      }
    }
  }

  *entries(): Generator<[lo: number, hi: number, count: number]> {
    for (let at = 0; at < this.slots.length; at += 3) {
      const lo = this.slots[at] ?? EMPTY;
      if (lo !== EMPTY) yield [lo, this.slots[at + 1] ?? 0, this.slots[at + 2] ?? 0];
    }
  }

  /** Moves every pair counted more than `floor` times into a table of `capacity` slots. */
  rehash(capacity: number, floor: number): void {
    const old = this.slots;
    this.capacity = capacity;
    this.slots = new Int32Array(capacity * 3).fill(EMPTY);
    this.size = 0;
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += 3) {
      const [lo = EMPTY, hi = 0, count = 0] = old.subarray(from, from + 3);
      if (lo === EMPTY || count <= floor) continue;
      let slot = slotHash(lo, hi) & mask;
      while (this.slots[slot * 3] !== EMPTY) slot = (slot + 1) & mask;
      this.slots.set([lo, hi, count], slot * 3);
      this.size += 1;
    }
  }

  countAtMost(floor: number): number {
    let n = 0;
    for (const [, , count] of this.entries()) if (count <= floor) n += 1;
    return n;
  }

  get slotCount(): number {
    return this.capacity;
  }
}

export class PairCounts {
  private readonly indexOf = new Map<number, number>();
  private readonly productIds: number[] = [];
  private readonly itemBaskets = new Map<number, number>();
  private readonly pairs: PairTable;
  private basketTotal = 0;
  private floor = 0;

  constructor(private readonly maxPairs: number) {
    if (!(maxPairs >= 1)) throw new RangeError(`maxPairs must be at least 1, got ${maxPairs}`);
    let maxCapacity = FIRST_CAPACITY;
    while (maxCapacity * MAX_LOAD < maxPairs) maxCapacity *= 2;
    this.pairs = new PairTable(FIRST_CAPACITY, maxCapacity);
  }

  get baskets(): number {
    return this.basketTotal;
  }

  /** Every pair count may be short by up to this much (0 when nothing was ever pruned). */
  get undercount(): number {
    return this.floor;
  }

  /**
   * Counts one basket: each item once, and each pair of `pairItems` once. `pairItems` is a subset of
   * `items` (large baskets are sampled by the caller), both free of duplicates.
   */
  addBasket(items: readonly number[], pairItems: readonly number[]): void {
    this.basketTotal += 1;
    for (const productId of items) this.itemBaskets.set(productId, this.basketsWith(productId) + 1);
    const indexes = pairItems.map((productId) => this.index(productId)).sort((x, y) => x - y);
    for (let i = 0; i < indexes.length; i += 1) {
      const lo = indexes[i] ?? 0;
      for (let j = i + 1; j < indexes.length; j += 1) this.pairs.increment(lo, indexes[j] ?? 0);
    }
    if (this.pairs.size > this.maxPairs) this.prune();
  }

  /** Baskets containing each product. */
  *items(): Generator<{ productId: number; baskets: number }> {
    for (const [productId, baskets] of this.itemBaskets) yield { productId, baskets };
  }

  basketsWith(productId: number): number {
    return this.itemBaskets.get(productId) ?? 0;
  }

  *pairCounts(): Generator<PairCount> {
    for (const [lo, hi, count] of this.pairs.entries()) {
      yield { a: this.productAt(lo), b: this.productAt(hi), count };
    }
  }

  private productAt(index: number): number {
    const productId = this.productIds[index];
    if (productId === undefined) throw new RangeError(`no product at index ${index}`);
    return productId;
  }

  private index(productId: number): number {
    let index = this.indexOf.get(productId);
    if (index === undefined) {
      index = this.productIds.length;
      this.indexOf.set(productId, index);
      this.productIds.push(productId);
    }
    return index;
  }

  private prune(): void {
    const target = Math.floor(this.maxPairs * PRUNE_TO);
    let floor = this.floor + 1;
    while (this.pairs.size - this.pairs.countAtMost(floor) > target) floor += 1;
    this.floor = floor;
    this.pairs.rehash(this.pairs.slotCount, floor);
  }
}
