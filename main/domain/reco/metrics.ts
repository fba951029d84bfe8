// Offline ranking metrics for next-basket recommendations, as the recommender-systems literature
// defines them with binary relevance: an item is relevant when it is in the held-out basket.
// A product listed twice counts once, so a buggy method cannot score by repeating a sure hit.

function firstK(k: number, ranked: readonly number[]): number[] {
  return [...new Set(ranked)].slice(0, Math.max(0, Math.floor(k)));
}

/** Share of the relevant items found in the top k (0 when nothing is relevant). */
export function recallAt(k: number, ranked: readonly number[], relevant: ReadonlySet<number>): number {
  if (relevant.size === 0) return 0;
  return firstK(k, ranked).filter((productId) => relevant.has(productId)).length / relevant.size;
}

/**
 * Normalised discounted cumulative gain: hits near the top count more (1 / log2(rank + 1)), divided
 * by the gain of the best possible list, which puts min(k, relevant) hits first.
 */
export function ndcgAt(k: number, ranked: readonly number[], relevant: ReadonlySet<number>): number {
  const gain = (rank: number) => 1 / Math.log2(rank + 2);
  let dcg = 0;
  firstK(k, ranked).forEach((productId, rank) => {
    if (relevant.has(productId)) dcg += gain(rank);
  });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(Math.floor(k), relevant.size); rank += 1) ideal += gain(rank);
  return ideal > 0 ? dcg / ideal : 0;
}

/** 1 when at least one relevant item is in the top k, else 0. */
export function hitRateAt(k: number, ranked: readonly number[], relevant: ReadonlySet<number>): number {
  return firstK(k, ranked).some((productId) => relevant.has(productId)) ? 1 : 0;
}
