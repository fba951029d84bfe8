// A RecoModel (the serialisable form that sync carries) turned into lookups once, when the model is
// loaded or replaced, so a recommendation costs map reads and never a pass over the catalogue.
import type { RecoModel, RecoSource } from '../../../contract/reco';

export interface Neighbours {
  readonly ids: readonly number[];
  readonly scores: readonly number[];
}

export interface RecoIndex {
  readonly source: RecoSource;
  /** Best sellers first. */
  readonly bestSellers: readonly number[];
  /** Share of baskets containing the product, 0 when unknown. */
  basketShare(productId: number): number;
  neighboursOf(productId: number): Neighbours | undefined;
}

export function indexRecoModel(model: RecoModel): RecoIndex {
  const baskets = new Map<number, number>();
  for (const { productId, baskets: count } of model.popularity) baskets.set(productId, count);
  // A hand-edited or foreign model may list items out of order; the till's answer must not depend on it.
  const bestSellers = [...baskets]
    .sort(([a, x], [b, y]) => y - x || a - b)
    .filter(([, count]) => count > 0)
    .map(([productId]) => productId);
  const neighbours = new Map<number, Neighbours>();
  for (const item of model.neighbours) {
    const order = item.neighbourIds
      .map((id, i) => ({ id, score: item.scores[i] ?? 0 }))
      .sort((x, y) => y.score - x.score || x.id - y.id);
    neighbours.set(item.productId, { ids: order.map((n) => n.id), scores: order.map((n) => n.score) });
  }
  const total = model.basketCount;
  return {
    source: model.source,
    bestSellers,
    basketShare: (productId) => (total > 0 ? Math.min(1, (baskets.get(productId) ?? 0) / total) : 0),
    neighboursOf: (productId) => neighbours.get(productId),
  };
}
