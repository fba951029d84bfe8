// The methods the evaluation compares, each a function from what the till knows at the moment of the
// sale to a ranked list of product ids. The first three are the baselines a store would try first; the
// third is the strongest (grocery baskets are mostly repeats) and the one the blend has to beat.
import type { PastPurchase } from '../../main/domain/reco/basket';
import { isBought } from '../../main/domain/reco/basket';
import type { RecoIndex } from '../../main/domain/reco/model-index';
import type { BlendWeights } from '../../main/domain/reco/recommend';
import { recommend } from '../../main/domain/reco/recommend';

export interface MethodInput {
  history: readonly PastPurchase[];
  /** When the held-out basket was bought: the moment the till would ask. */
  now: number;
  cart: readonly number[];
  /** What the protocol lets a method suggest (never the cart; in some protocols, never an own item). */
  allowed: (productId: number) => boolean;
  k: number;
}

export type Method = (input: MethodInput) => readonly number[];

function firstAllowed(ranked: Iterable<number>, input: MethodInput, k = input.k): number[] {
  const list: number[] = [];
  for (const productId of ranked) {
    if (list.length >= k) break;
    if (input.allowed(productId)) list.push(productId);
  }
  return list;
}

export const globalPopularity =
  (model: RecoIndex): Method =>
  (input) =>
    firstAllowed(model.bestSellers, input);

/** Own products by the number of baskets they were in, the most recent first among equals. */
function ownRanking(history: readonly PastPurchase[]): number[] {
  const seen = new Map<number, { trips: Set<number>; lastAt: number }>();
  for (const { productId, at, quantity } of history) {
    if (!isBought(productId, quantity)) continue;
    const entry = seen.get(productId) ?? { trips: new Set<number>(), lastAt: at };
    entry.trips.add(at);
    entry.lastAt = Math.max(entry.lastAt, at);
    seen.set(productId, entry);
  }
  return [...seen]
    .sort(([a, x], [b, y]) => y.trips.size - x.trips.size || y.lastAt - x.lastAt || a - b)
    .map(([productId]) => productId);
}

export const ownMostBought: Method = (input) => firstAllowed(ownRanking(input.history), input);

export const ownPaddedWithBestSellers =
  (model: RecoIndex): Method =>
  (input) => {
    const own = firstAllowed(ownRanking(input.history), input);
    const padding = firstAllowed(
      model.bestSellers.filter((productId) => !own.includes(productId)),
      input,
      input.k - own.length,
    );
    return [...own, ...padding];
  };

/**
 * Plain item-to-item co-occurrence, for reference: every product scored by its neighbour scores from
 * the customer's items, each counted by how often they bought it, padded with best sellers.
 */
export const itemCooccurrence =
  (model: RecoIndex): Method =>
  (input) => {
    const trips = new Map<number, number>();
    for (const { productId } of input.history) trips.set(productId, (trips.get(productId) ?? 0) + 1);
    const scores = new Map<number, number>();
    for (const [source, count] of trips) {
      const neighbours = model.neighboursOf(source);
      neighbours?.ids.forEach((productId, i) => {
        scores.set(productId, (scores.get(productId) ?? 0) + count * (neighbours.scores[i] ?? 0));
      });
    }
    const ranked = [...scores].sort(([a, x], [b, y]) => y - x || a - b).map(([productId]) => productId);
    return firstAllowed([...ranked, ...model.bestSellers.filter((p) => !scores.has(p))], input);
  };

export const omnitillBlend =
  (model: RecoIndex, weights?: Partial<BlendWeights>): Method =>
  ({ history, now, cart, allowed, k }) =>
    recommend({ model, history, cart, now, inAssortment: allowed, limit: k, weights }).map(
      (suggestion) => suggestion.productId,
    );
