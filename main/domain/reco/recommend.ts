// What to offer a customer at the till, and why. One score per candidate, the sum of:
//   repeat      their own items, by how due each is in its personal cycle (repeat.ts);
//   bought-with neighbours of what is in the cart now ("often bought with …");
//   like-your   neighbours of what they usually buy, weighted by how much they buy it;
//   popular     a small share of the best sellers' popularity, the filler when nothing is known.
// Cost: the customer's history once, K neighbours per cart item and per own item, and the head of the
// best-seller list; nothing scans the catalogue, so a long history and a large model stay in budget.
import type { Suggestion, SuggestionReason } from '../../../contract/reco';
import type { PastPurchase } from './basket';
import type { RecoIndex } from './model-index';
import type { ItemHistory } from './repeat';
import { DAY_MS, repeatLikelihood, summariseHistory } from './repeat';

export interface BlendWeights {
  /** Per unit of repeat likelihood. */
  repeat: number;
  /** Per unit of summed neighbour score from the cart. */
  cart: number;
  /** Per unit of neighbour score from the customer's items, weighted by their repeat likelihood. */
  own: number;
  /** Per unit of basket share (0..1). */
  popularity: number;
}

export const defaultBlendWeights: BlendWeights = { repeat: 1, cart: 0.5, own: 0.5, popularity: 0.2 };

export interface RecommendInput {
  model: RecoIndex;
  history: readonly PastPurchase[];
  /** Product ids in the cart now. */
  cart: readonly number[];
  /** ms since the epoch */
  now: number;
  inAssortment: (productId: number) => boolean;
  limit: number;
  weights?: Partial<BlendWeights>;
}

/** Own items read as sources of neighbours: the strongest this many bound the work for long histories. */
const MAX_OWN_SOURCES = 60;
/** A secondary reason is shown only when it carries at least this share of the main one. */
const REASON_SHARE = 0.25;
const MAX_LIMIT = 100;

interface Candidate {
  productId: number;
  repeat: number;
  own: ItemHistory | null;
  cart: number;
  cartFrom: number;
  cartBest: number;
  like: number;
  likeFrom: number;
  likeBest: number;
  popular: number;
}

function candidateOf(pool: Map<number, Candidate>, productId: number): Candidate {
  let candidate = pool.get(productId);
  if (candidate === undefined) {
    candidate = {
      productId,
      repeat: 0,
      own: null,
      cart: 0,
      cartFrom: 0,
      cartBest: 0,
      like: 0,
      likeFrom: 0,
      likeBest: 0,
      popular: 0,
    };
    pool.set(productId, candidate);
  }
  return candidate;
}

function addNeighbours(
  pool: Map<number, Candidate>,
  model: RecoIndex,
  source: number,
  weight: number,
  kind: 'cart' | 'like',
): void {
  const neighbours = model.neighboursOf(source);
  if (neighbours === undefined) return;
  neighbours.ids.forEach((productId, i) => {
    const contribution = weight * (neighbours.scores[i] ?? 0);
    if (!(contribution > 0)) return;
    const candidate = candidateOf(pool, productId);
    if (kind === 'cart') {
      candidate.cart += contribution;
      if (contribution > candidate.cartBest) [candidate.cartBest, candidate.cartFrom] = [contribution, source];
    } else {
      candidate.like += contribution;
      if (contribution > candidate.likeBest) [candidate.likeBest, candidate.likeFrom] = [contribution, source];
    }
  });
}

const total = (c: Candidate, w: BlendWeights): number =>
  w.repeat * c.repeat + w.cart * c.cart + w.own * c.like + w.popularity * c.popular;

function reasonsFor(c: Candidate, w: BlendWeights): SuggestionReason[] {
  const parts: { weight: number; reason: SuggestionReason }[] = [];
  if (c.own !== null && w.repeat * c.repeat > 0) {
    // Tenths of a day: the UI rounds further ("about every 7 days"), and zero would read as "always".
    const cycleDays =
      c.own.cycleMs === null ? null : Math.max(0.1, Math.round((c.own.cycleMs / DAY_MS) * 10) / 10);
    parts.push({
      weight: w.repeat * c.repeat,
      reason: {
        kind: 'repeat',
        lastBoughtAt: new Date(c.own.lastAt).toISOString(),
        cycleDays,
        timesBought: c.own.timesBought,
      },
    });
  }
  if (c.cart > 0) parts.push({ weight: w.cart * c.cart, reason: { kind: 'bought-with', productId: c.cartFrom } });
  if (c.like > 0) parts.push({ weight: w.own * c.like, reason: { kind: 'like-your', productId: c.likeFrom } });
  if (c.popular > 0) parts.push({ weight: w.popularity * c.popular, reason: { kind: 'popular' } });
  parts.sort((x, y) => y.weight - x.weight);
  const main = parts[0]?.weight ?? 0;
  const shown = parts.filter((part) => part.weight >= main * REASON_SHARE).map((part) => part.reason);
  // A best seller pulled in with no personal signal at all still says why it is there.
  return shown.length > 0 ? shown : [{ kind: 'popular' }];
}

/**
 * Suggestions for one customer (or an anonymous cart: empty history) at the till, best first. Never
 * an item in the cart or one `inAssortment` refuses; ties go to the lower product id so the list does
 * not shuffle between two identical calls.
 */
export function recommend(input: RecommendInput): Suggestion[] {
  const { model, history, now, inAssortment } = input;
  const limit = Number.isFinite(input.limit) ? Math.min(MAX_LIMIT, Math.floor(input.limit)) : 0;
  if (limit <= 0 || !Number.isFinite(now)) return [];
  const weights = { ...defaultBlendWeights, ...input.weights };
  const inCart = new Set(input.cart);
  const pool = new Map<number, Candidate>();

  const customer = summariseHistory(history, now);
  const own = customer.items.map((item) => {
    const candidate = candidateOf(pool, item.productId);
    candidate.own = item;
    candidate.repeat = repeatLikelihood(item, customer, now);
    return candidate;
  });

  for (const productId of inCart) addNeighbours(pool, model, productId, 1, 'cart');
  const sources = [...own].sort((x, y) => y.repeat - x.repeat || x.productId - y.productId);
  for (const source of sources.slice(0, MAX_OWN_SOURCES)) {
    addNeighbours(pool, model, source.productId, source.repeat, 'like');
  }

  // The head of the best-seller list competes on score; more of it is read only if exclusions
  // leave the list short.
  const head = limit + inCart.size;
  for (const productId of model.bestSellers.slice(0, head)) candidateOf(pool, productId);
  for (const candidate of pool.values()) candidate.popular = model.basketShare(candidate.productId);

  const ranked = [...pool.values()]
    .map((candidate) => ({ candidate, score: total(candidate, weights) }))
    .sort((x, y) => y.score - x.score || x.candidate.productId - y.candidate.productId);
  const suggestions: Suggestion[] = [];
  const taken = new Set<number>();
  const offer = (candidate: Candidate, score: number): void => {
    const { productId } = candidate;
    if (suggestions.length >= limit || taken.has(productId) || inCart.has(productId)) return;
    if (!inAssortment(productId)) return;
    taken.add(productId);
    suggestions.push({ productId, score, reasons: reasonsFor(candidate, weights) });
  };
  for (const { candidate, score } of ranked) {
    if (suggestions.length >= limit) break;
    offer(candidate, score);
  }
  for (const productId of model.bestSellers.slice(head)) {
    if (suggestions.length >= limit) break;
    const candidate = candidateOf(pool, productId);
    candidate.popular = model.basketShare(productId);
    offer(candidate, total(candidate, weights));
  }
  return suggestions;
}
