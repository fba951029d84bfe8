// The four methods the evaluation compares, each a function from a customer's history to a ranked
// list of product ids. The baselines are the ones a store would try first; the last one is the
// strongest of them (grocery baskets are mostly repeats), and the one the blend has to beat.
import type { PastPurchase } from '../../main/domain/reco/basket';
import { isBought } from '../../main/domain/reco/basket';
import type { RecoIndex } from '../../main/domain/reco/model-index';
import type { BlendWeights } from '../../main/domain/reco/recommend';
import { recommend } from '../../main/domain/reco/recommend';

export interface MethodInput {
  history: readonly PastPurchase[];
  /** When the held-out basket was bought: the moment the till would ask. */
  now: number;
  k: number;
}

export type Method = (input: MethodInput) => readonly number[];

export const globalPopularity =
  (model: RecoIndex): Method =>
  ({ k }) =>
    model.bestSellers.slice(0, k);

/** Products by the number of baskets they were in, the most recent first among equals. */
export const ownMostBought: Method = ({ history, k }) => {
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
    .slice(0, k)
    .map(([productId]) => productId);
};

export const ownPaddedWithBestSellers =
  (model: RecoIndex): Method =>
  (input) => {
    const own = ownMostBought(input);
    const padding = model.bestSellers.filter((productId) => !own.includes(productId));
    return [...own, ...padding.slice(0, input.k - own.length)];
  };

export const omnitillBlend =
  (model: RecoIndex, weights?: Partial<BlendWeights>): Method =>
  ({ history, now, k }) =>
    recommend({ model, history, cart: [], now, inAssortment: () => true, limit: k, weights }).map(
      (suggestion) => suggestion.productId,
    );
