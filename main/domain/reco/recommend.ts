// What to offer a customer at the till, and why. One score per candidate, the sum of:
//   repeat      their own items, by how likely each is today given its personal cycle (repeat.ts);
//   bought-with neighbours of what is in the cart now ("often bought with …");
//   like-your   for items they have never bought: neighbours of what they buy, each source weighted
//               by how likely they are to buy it today;
//   popular     a share of each item's popularity, the filler when nothing personal is known.
// The weights were set with `npm run eval:reco` on generated grocery data, and hold on a second seed.
// Adding neighbour scores to items the customer already buys only blurred the repeat likelihood
// (Recall@10 down 0.001 at weight 0.1, 0.01 at 0.5), so like-your is kept for new items, where it
// finds five times as many of the next basket's new items as best sellers do; bought-with applies to
// every item and, with half of the basket in the cart, adds 0.03–0.04 Recall@10 at 0.2 (less at 0.1,
// and falling from 0.5 up).
// Cost: the customer's history once, K neighbours per cart item and per own item, and the head of the
// best-seller list; nothing scans the catalogue, so a long history and a large model stay in budget.
import type { Suggestion, SuggestionReason } from '../../../contract/reco';
import type { PastPurchase } from './basket';
import type { RecoIndex } from './model-index';
import type { ItemHistory } from './repeat';
import { DAY_MS, repeatLikelihood, summariseHistory } from './repeat';

export interface BlendWeights {
  /** Per unit of repeat likelihood (0..1). */
  repeat: number;
  /** Per unit of neighbour score summed over the cart. */
  cart: number;
  /** Per unit of neighbour score summed over the customer's items, each weighted by its likelihood. */
  own: number;
  /** Per unit of basket share (0..1). */
  popularity: number;
}

export const defaultBlendWeights: Readonly<BlendWeights> = {
  repeat: 1,
  cart: 0.2,
  own: 0.2,
  popularity: 0.2,
};

export interface RecommendInput {
  model: RecoIndex;
  /** The customer's past purchases; empty for an anonymous sale. */
  history: readonly PastPurchase[];
  /** Product ids in the cart now. */
  cart: readonly number[];
  /** ms since the epoch */
  now: number;
  inAssortment: (productId: number) => boolean;
  limit: number;
  weights?: Partial<BlendWeights>;
}

/** Own items read as sources of neighbours: the most likely this many bound the work for long histories. */
const MAX_OWN_SOURCES = 60;
/** A secondary reason is shown only when it carries at least this share of the main one. */
const REASON_SHARE = 0.25;
const MAX_LIMIT = 100;

interface Candidate {
  productId: number;
  own: ItemHistory | null;
  repeat: number;
  cart: number;
  cartFrom: number;
  cartBest: number;
  like: number;
  likeFrom: number;
  likeBest: number;
  popular: number;
  score: number;
}

function candidateOf(pool: Map<number, Candidate>, productId: number): Candidate {
  let candidate = pool.get(productId);
  if (candidate === undefined) {
    candidate = {
      productId,
      own: null,
      repeat: 0,
      cart: 0,
      cartFrom: 0,
      cartBest: 0,
      like: 0,
      likeFrom: 0,
      likeBest: 0,
      popular: 0,
      score: 0,
    };
    pool.set(productId, candidate);
  }
  return candidate;
}

function addCartNeighbours(pool: Map<number, Candidate>, model: RecoIndex, source: number): void {
  const neighbours = model.neighboursOf(source);
  if (neighbours === undefined) return;
  neighbours.ids.forEach((productId, i) => {
    const score = neighbours.scores[i] ?? 0;
    if (!(score > 0)) return;
    const candidate = candidateOf(pool, productId);
    candidate.cart += score;
    if (score > candidate.cartBest) [candidate.cartBest, candidate.cartFrom] = [score, source];
  });
}

function addLikeNeighbours(pool: Map<number, Candidate>, model: RecoIndex, source: Candidate): void {
  const neighbours = model.neighboursOf(source.productId);
  if (neighbours === undefined) return;
  neighbours.ids.forEach((productId, i) => {
    const contribution = source.repeat * (neighbours.scores[i] ?? 0);
    if (!(contribution > 0)) return;
    const candidate = candidateOf(pool, productId);
    if (candidate.own !== null) return;
    candidate.like += contribution;
    if (contribution > candidate.likeBest)
      [candidate.likeBest, candidate.likeFrom] = [contribution, source.productId];
  });
}

function scored(c: Candidate, w: BlendWeights): Candidate {
  c.score = w.repeat * c.repeat + w.cart * c.cart + w.own * c.like + w.popularity * c.popular;
  return c;
}

type Key = (c: Candidate) => number;
const byScore: Key = (c) => c.score;
const byRepeat: Key = (c) => c.repeat;

const better = (x: Candidate, y: Candidate, key: Key): boolean =>
  key(x) > key(y) || (key(x) === key(y) && x.productId < y.productId);

/** The best `n` candidates in order, in one pass: cheaper than sorting a pool of thousands for ten. */
function best(candidates: Iterable<Candidate>, n: number, key: Key): Candidate[] {
  const top: Candidate[] = [];
  for (const candidate of candidates) {
    const worst = top.at(-1);
    if (top.length >= n && worst !== undefined && !better(candidate, worst, key)) continue;
    let at = top.length;
    while (at > 0 && better(candidate, top[at - 1] ?? candidate, key)) at -= 1;
    top.splice(at, 0, candidate);
    if (top.length > n) top.pop();
  }
  return top;
}

function reasonsFor(c: Candidate, w: BlendWeights): SuggestionReason[] {
  const parts: { weight: number; reason: SuggestionReason }[] = [];
  if (c.own !== null && w.repeat * c.repeat > 0) {
    // Tenths of a day: the UI rounds further ("about every 7 days"), and zero would read as "always".
    const cycleDays =
      c.own.cycleMs === null ? null : Math.max(0.1, Math.round((c.own.cycleMs / DAY_MS) * 10) / 10);
    const lastBoughtAt = new Date(c.own.lastAt).toISOString();
    const reason = { kind: 'repeat', lastBoughtAt, cycleDays, timesBought: c.own.timesBought } as const;
    parts.push({ weight: w.repeat * c.repeat, reason });
  }
  if (c.cart > 0)
    parts.push({ weight: w.cart * c.cart, reason: { kind: 'bought-with', productId: c.cartFrom } });
  if (c.like > 0)
    parts.push({ weight: w.own * c.like, reason: { kind: 'like-your', productId: c.likeFrom } });
  if (c.popular > 0) parts.push({ weight: w.popularity * c.popular, reason: { kind: 'popular' } });
  parts.sort((x, y) => y.weight - x.weight);
  const main = parts[0]?.weight ?? 0;
  const shown = parts.filter((part) => part.weight > 0 && part.weight >= main * REASON_SHARE);
  // A best seller reached with every weight at zero still says why it is there.
  return shown.length > 0 ? shown.map((part) => part.reason) : [{ kind: 'popular' }];
}

/**
 * Suggestions for one customer (or an anonymous cart: empty history) at the till, best first. Never
 * an item in the cart or one `inAssortment` refuses; ties go to the lower product id so the list does
 * not shuffle between two identical calls. A limit outside 1..100 or a NaN time gives an empty list.
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
  for (const productId of inCart) addCartNeighbours(pool, model, productId);
  for (const source of best(own, MAX_OWN_SOURCES, byRepeat)) addLikeNeighbours(pool, model, source);
  // The head of the best-seller list competes on score with everything else.
  const head = limit + inCart.size;
  for (const productId of model.bestSellers.slice(0, head)) candidateOf(pool, productId);
  for (const candidate of pool.values()) {
    candidate.popular = model.basketShare(candidate.productId);
    scored(candidate, weights);
  }

  const suggestions: Suggestion[] = [];
  const offer = (candidate: Candidate): void => {
    const { productId } = candidate;
    if (suggestions.length >= limit || inCart.has(productId) || !inAssortment(productId)) return;
    suggestions.push({ productId, score: candidate.score, reasons: reasonsFor(candidate, weights) });
  };
  // Usually the first `limit + cart` candidates are enough; when the assortment refuses many, the rest
  // are sorted, and after them the rest of the best sellers.
  for (const candidate of best(pool.values(), head, byScore)) offer(candidate);
  if (suggestions.length < limit && pool.size > head) {
    const order = (x: Candidate, y: Candidate) => y.score - x.score || x.productId - y.productId;
    for (const candidate of [...pool.values()].sort(order).slice(head)) offer(candidate);
  }
  // By index: copying the tail of a chain's best-seller list would cost more than the whole answer.
  for (let rank = head; rank < model.bestSellers.length && suggestions.length < limit; rank += 1) {
    const productId = model.bestSellers[rank] ?? 0;
    if (pool.has(productId)) continue;
    const candidate = candidateOf(pool, productId);
    candidate.popular = model.basketShare(productId);
    offer(scored(candidate, weights));
  }
  return suggestions;
}
