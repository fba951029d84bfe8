// Item and item-pair basket counts in bounded memory, fed one basket at a time so a model can be built
// from years of sales streamed out of the database.
//
// Pairs are kept in one Map keyed by two dense item indexes (lo * 2^26 + hi, exact in a double): a Map
// of Maps costs several times more per entry, and V8 caps one Map at 2^24 entries, so the budget must
// stay below that anyway. When the budget is exceeded the rarest pairs are dropped, as in lossy
// counting (Manku & Motwani, 2002): a surviving count is short by at most `floor`, and the pairs that
// go are the ones too rare to become anyone's neighbour.

const INDEX_LIMIT = 2 ** 26;
/** After a prune the map is at most this share of the budget, so prunes stay rare. */
const PRUNE_TO = 0.75;

export interface PairCount {
  a: number;
  b: number;
  count: number;
}

export class PairCounts {
  private readonly indexOf = new Map<number, number>();
  private readonly productIds: number[] = [];
  private readonly itemBaskets = new Map<number, number>();
  private readonly pairs = new Map<number, number>();
  private basketTotal = 0;
  private floor = 0;

  constructor(private readonly maxPairs: number) {
    if (!(maxPairs >= 1)) throw new RangeError(`maxPairs must be at least 1, got ${maxPairs}`);
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
    for (const [i, lo] of indexes.entries()) {
      for (const hi of indexes.slice(i + 1)) {
        const key = lo * INDEX_LIMIT + hi;
        this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
      }
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
    for (const [key, count] of this.pairs) {
      const lo = Math.floor(key / INDEX_LIMIT);
      yield { a: this.productAt(lo), b: this.productAt(key - lo * INDEX_LIMIT), count };
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
      // 67 million distinct products is no catalogue; reaching it means ids are not product ids.
      if (index >= INDEX_LIMIT) throw new RangeError('more than 2^26 distinct products');
      this.indexOf.set(productId, index);
      this.productIds.push(productId);
    }
    return index;
  }

  private prune(): void {
    const target = Math.floor(this.maxPairs * PRUNE_TO);
    while (this.pairs.size > target) {
      this.floor += 1;
      for (const [key, count] of this.pairs) if (count <= this.floor) this.pairs.delete(key);
    }
  }
}
