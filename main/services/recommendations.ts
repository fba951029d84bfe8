// The model recommendations are scored on: built from this till's history when first needed, and
// replaced by HQ's chain-wide model when sync delivers one (validated against contract/reco.ts before
// the till trusts it). Scoring is the same pure function either way (domain/reco/recommend.ts).
import { RecoModel } from '../../contract/reco';
import type { Result } from '../../contract/common';
import { fail, ok } from '../../contract/common';
import { buildRecoModel, defaultRecoModelOptions } from '../domain/reco/model';
import { indexRecoModel } from '../domain/reco/model-index';
import type { RecoIndex } from '../domain/reco/model-index';
import { recommend } from '../domain/reco/recommend';
import type { Logger } from '../log';
import type { Baskets } from '../store/baskets';
import type { Recommender } from './profile';

/** Recent baskets per source the local model learns from: enough for a store, and few enough that the build stays well under a second on the main thread (HQ sends the chain-wide model). */
const LOCAL_BASKETS = 50_000;

export interface RecommendationDeps {
  baskets: Baskets;
  inAssortment: (productId: number) => boolean;
  now: () => Date;
  log: Logger;
}

export function createRecommendations(deps: RecommendationDeps) {
  let index: RecoIndex | null = null;

  function local(): RecoIndex {
    const started = performance.now();
    const model = buildRecoModel(deps.baskets.recent(LOCAL_BASKETS), {
      ...defaultRecoModelOptions,
      builtAt: deps.now().getTime(),
      source: 'local',
    });
    deps.log.info('reco.model_built', {
      baskets: model.basketCount,
      items: model.neighbours.length,
      ms: Math.round(performance.now() - started),
    });
    return indexRecoModel(model);
  }

  const recommender: Recommender = ({ purchases, cart, now, limit }) => {
    index ??= local();
    return recommend({
      model: index,
      history: purchases.map((p) => ({ productId: p.productId, at: p.at, quantity: p.quantityMilli / 1000 })),
      cart,
      now: now.getTime(),
      inAssortment: deps.inAssortment,
      limit,
    });
  };

  return {
    recommend: recommender,
    /** Builds the local model ahead of the first profile, so no customer waits for it. */
    warm(): void {
      index ??= local();
    },
    /** HQ's model, as sync received it; a malformed one is refused and the current model kept. */
    useModel(json: unknown): Result<{ items: number }> {
      const parsed = RecoModel.safeParse(json);
      if (!parsed.success)
        return fail('BAD_REQUEST', `The recommendation model is malformed: ${parsed.error.message}`);
      index = indexRecoModel(parsed.data);
      return ok({ items: parsed.data.neighbours.length });
    },
    /** Rebuilds the local model on the next request (after a day of sales, say). */
    invalidate: () => {
      if (index?.source === 'local') index = null;
    },
  };
}
export type Recommendations = ReturnType<typeof createRecommendations>;
