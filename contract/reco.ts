// Recommendations across two boundaries: the item-to-item model (built by this till from its own sales,
// or by HQ chain-wide and delivered by sync, so it is validated here before the till trusts it), and the
// suggestions the UI shows. Reasons carry ids and numbers only: the UI words them in ru, en or zh-CN.
import { z } from 'zod';
import { IsoTimestamp } from './common';

export const RECO_MODEL_VERSION = 1;
/** More neighbours than this per item adds nothing to a 10-item list and only grows the sync payload. */
export const MAX_RECO_NEIGHBOURS = 200;

const ProductId = z.number().int();
const Count = z.number().int().min(0);
const Score = z.number().min(0);

export const RecoSource = z.enum(['local', 'hq']);
export type RecoSource = z.infer<typeof RecoSource>;

/** How a pair count became a score; model.ts says why the default is what it is. */
export const RecoNormalisation = z.enum(['cosine', 'lift']);
export type RecoNormalisation = z.infer<typeof RecoNormalisation>;

/**
 * One item's nearest items, best first, as two parallel arrays: a chain-wide model has tens of
 * thousands of items, and `{productId, score}` objects would double what sync carries.
 */
export const RecoNeighbours = z
  .object({
    productId: ProductId,
    neighbourIds: z.array(ProductId).max(MAX_RECO_NEIGHBOURS),
    scores: z.array(Score).max(MAX_RECO_NEIGHBOURS),
  })
  .refine((item) => item.neighbourIds.length === item.scores.length, {
    message: 'neighbourIds and scores must have the same length',
    path: ['scores'],
  });
export type RecoNeighbours = z.infer<typeof RecoNeighbours>;

export const RecoModel = z.object({
  version: z.literal(RECO_MODEL_VERSION),
  builtAt: IsoTimestamp,
  source: RecoSource,
  normalisation: RecoNormalisation,
  /** Baskets the counts came from; popularity divided by it is the share of baskets with the item. */
  basketCount: Count,
  /** Baskets containing each item, best sellers first. */
  popularity: z.array(z.object({ productId: ProductId, baskets: Count })),
  neighbours: z.array(RecoNeighbours),
});
export type RecoModel = z.infer<typeof RecoModel>;

export const SuggestionReason = z.discriminatedUnion('kind', [
  /** The customer buys it again and again; `cycleDays` is null until they have bought it on two days. */
  z.object({
    kind: z.literal('repeat'),
    lastBoughtAt: IsoTimestamp,
    cycleDays: z.number().positive().nullable(),
    timesBought: z.number().int().min(1),
  }),
  /** Often bought with `productId`, an item in the cart now. */
  z.object({ kind: z.literal('bought-with'), productId: ProductId }),
  /** Often bought with `productId`, an item this customer buys. */
  z.object({ kind: z.literal('like-your'), productId: ProductId }),
  /** A best seller: the filler when nothing personal is known. */
  z.object({ kind: z.literal('popular') }),
]);
export type SuggestionReason = z.infer<typeof SuggestionReason>;

export const Suggestion = z.object({
  productId: ProductId,
  /** Orders the list; comparable only within one answer. */
  score: Score,
  /** Strongest first; never empty. */
  reasons: z.array(SuggestionReason).min(1),
});
export type Suggestion = z.infer<typeof Suggestion>;
