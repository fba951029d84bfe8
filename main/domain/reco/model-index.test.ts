import { describe, expect, it } from 'vitest';
import type { RecoModel } from '../../../contract/reco';
import { indexRecoModel } from './model-index';

const model: RecoModel = {
  version: 1,
  builtAt: '2025-03-01T00:00:00.000Z',
  source: 'hq',
  normalisation: 'cosine',
  basketCount: 200,
  // Out of order on purpose: a model from elsewhere is not trusted to be sorted.
  popularity: [
    { productId: 302, baskets: 20 },
    { productId: 102, baskets: 200 },
    { productId: 301, baskets: 30 },
    { productId: 999, baskets: 0 },
  ],
  neighbours: [{ productId: 301, neighbourIds: [102, 302], scores: [0.3, 0.8] }],
};

describe('indexRecoModel', () => {
  const index = indexRecoModel(model);

  it('lists best sellers by baskets, without items never sold', () => {
    expect(index.bestSellers).toEqual([102, 301, 302]);
  });

  it('orders neighbours best first', () => {
    expect(index.neighboursOf(301)).toEqual({ ids: [302, 102], scores: [0.8, 0.3] });
    expect(index.neighboursOf(555)).toBeUndefined();
  });

  it('gives the share of baskets with an item, 0 for an unknown one', () => {
    expect(index.basketShare(301)).toBeCloseTo(0.15, 12);
    expect(index.basketShare(555)).toBe(0);
    expect(indexRecoModel({ ...model, basketCount: 0 }).basketShare(301)).toBe(0);
  });

  it('keeps where the model came from', () => {
    expect(index.source).toBe('hq');
  });
});
