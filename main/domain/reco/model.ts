// Builds the item-to-item model from sales history: how often two items share a basket, normalised so
// that items everyone buys (bread, milk, carrier bags) do not become everybody's neighbour, and cut to
// each item's top K neighbours so that a recommendation reads K numbers per item instead of scanning
// the catalogue. One pass over the baskets in bounded memory (see pair-counts.ts).
import type { RecoModel, RecoNormalisation, RecoSource } from '../../../contract/reco';
import { MAX_RECO_NEIGHBOURS, RECO_MODEL_VERSION } from '../../../contract/reco';
import type { Basket } from './basket';
import { basketProducts } from './basket';
import { PairCounts } from './pair-counts';

export interface RecoModelOptions {
  /** When the model is built, ms since the epoch (the caller's clock: the domain has none). */
  builtAt: number;
  source?: RecoSource;
  normalisation?: RecoNormalisation;
  /** Neighbours kept per item. */
  neighbours?: number;
  /** A basket with more distinct items than this has its pairs counted on a sample of this many. */
  maxBasketItems?: number;
  /** Pairs seen in fewer baskets are noise, not a pattern. */
  minPairBaskets?: number;
  /** Pair counters kept in memory at most. */
  maxPairs?: number;
  /** Significance weighting: a pair seen c times keeps c / (c + shrinkage) of its score. */
  shrinkage?: number;
}

// Cosine is the default because `npm run eval:reco` says so (4,000 generated customers, seeds 1 and 2):
// with the blend's weights a lift model lowers next-basket Recall@10 from 0.419 to 0.356 (seed 2: 0.409
// to 0.342). Lift divides by both items' popularity, so its top neighbours are pairs of rare items
// seen together a few times, and they crowd out the customer's own repeats; cosine divides by the
// square root of each, enough to stop a best seller from topping every list. For items a customer has
// never bought the two find about as many (Recall@10 0.032 and 0.032 with cosine, 0.030 and 0.035 with
// lift). The pair budget hardly matters: 0.5 to 4 million pairs give the same Recall@10 within 0.001;
// 2 million keeps the table under 50 MB.
export const defaultRecoModelOptions = {
  source: 'local',
  normalisation: 'cosine',
  neighbours: 30,
  maxBasketItems: 40,
  minPairBaskets: 2,
  maxPairs: 2_000_000,
  shrinkage: 2,
} as const satisfies Omit<Required<RecoModelOptions>, 'builtAt'>;

// A few wholesale or office orders with hundreds of lines would add tens of thousands of weak pairs
// each; a sample picked by a hash of (basket, product) keeps the build deterministic and unbiased.
function pairSample(products: readonly number[], basketOrdinal: number, size: number): readonly number[] {
  if (products.length <= size) return products;
  return products
    .map((productId) => ({ productId, rank: hash32(productId ^ Math.imul(basketOrdinal, 0x9e3779b1)) }))
    .sort((x, y) => x.rank - y.rank || x.productId - y.productId)
    .slice(0, size)
    .map((entry) => entry.productId);
}

// MurmurHash3's finaliser: neighbouring inputs land on unrelated values.
function hash32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

// Both normalisations give scores in [0, 1) so the blend's weights mean the same with either model.
// Lift (how many times more often than chance) is mapped by (lift - 1) / (lift + 1): independence is
// 0, and a pair seen together less often than chance is no neighbour at all.
function pairScore(
  normalisation: RecoNormalisation,
  pair: number,
  a: number,
  b: number,
  baskets: number,
  shrinkage: number,
): number {
  const lift = (pair * baskets) / (a * b);
  const raw = normalisation === 'cosine' ? pair / Math.sqrt(a * b) : (lift - 1) / (lift + 1);
  return (raw * pair) / (pair + shrinkage);
}

interface Candidates {
  ids: number[];
  scores: number[];
}

function topNeighbours(productId: number, candidates: Candidates, k: number) {
  const order = candidates.ids.map((_, i) => i);
  const score = (i: number) => candidates.scores[i] ?? 0;
  const id = (i: number) => candidates.ids[i] ?? 0;
  order.sort((x, y) => score(y) - score(x) || id(x) - id(y));
  const kept = order.slice(0, k);
  // Four significant digits order neighbours as well as seventeen and make the model JSON that sync
  // carries less than half the size.
  return { productId, neighbourIds: kept.map(id), scores: kept.map((i) => Number(score(i).toPrecision(4))) };
}

function validated(options: RecoModelOptions) {
  const merged = { ...defaultRecoModelOptions, ...options };
  const wholeAtLeast = (name: keyof typeof merged, value: number, min: number) => {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be ≥ ${min}`);
  };
  if (!Number.isFinite(merged.builtAt)) throw new RangeError('builtAt must be a time');
  wholeAtLeast('neighbours', merged.neighbours, 1);
  if (merged.neighbours > MAX_RECO_NEIGHBOURS) throw new RangeError('too many neighbours per item');
  wholeAtLeast('maxBasketItems', merged.maxBasketItems, 2);
  wholeAtLeast('minPairBaskets', merged.minPairBaskets, 1);
  wholeAtLeast('maxPairs', merged.maxPairs, 1);
  if (!(merged.shrinkage >= 0)) throw new RangeError('shrinkage must be ≥ 0');
  return merged;
}

/**
 * Reads each basket once and keeps only counts, so `baskets` can be a generator over a cursor. Options
 * outside their ranges are a programming error and throw; bad lines inside baskets (NaN or negative
 * quantities, duplicates) are skipped or merged as basket.ts says.
 */
export function buildRecoModel(baskets: Iterable<Basket>, options: RecoModelOptions): RecoModel {
  const settings = validated(options);
  const counts = new PairCounts(settings.maxPairs);
  for (const basket of baskets) {
    const products = basketProducts(basket);
    if (products.length === 0) continue;
    counts.addBasket(products, pairSample(products, counts.baskets, settings.maxBasketItems));
  }

  const candidates = new Map<number, Candidates>();
  const offer = (from: number, to: number, score: number) => {
    let list = candidates.get(from);
    if (list === undefined) candidates.set(from, (list = { ids: [], scores: [] }));
    list.ids.push(to);
    list.scores.push(score);
  };
  for (const { a, b, count } of counts.pairCounts()) {
    if (count < settings.minPairBaskets) continue;
    const score = pairScore(
      settings.normalisation,
      count,
      counts.basketsWith(a),
      counts.basketsWith(b),
      counts.baskets,
      settings.shrinkage,
    );
    if (!(score > 0)) continue;
    offer(a, b, score);
    offer(b, a, score);
  }

  return {
    version: RECO_MODEL_VERSION,
    builtAt: new Date(settings.builtAt).toISOString(),
    source: settings.source,
    normalisation: settings.normalisation,
    basketCount: counts.baskets,
    popularity: [...counts.items()].sort((x, y) => y.baskets - x.baskets || x.productId - y.productId),
    neighbours: [...candidates]
      .sort(([x], [y]) => x - y)
      .map(([productId, list]) => topNeighbours(productId, list, settings.neighbours)),
  };
}
