// The clienteling figures on an open store: the 360° profile ready (services/profile.ts, everything the
// panel shows, recommendations included) and the recommendations alone (services/recommendations.ts,
// the customer's purchases already read), p50/p95 in ms, wired as services/till.ts wires them.
import { defaultTillConfig } from '../contract/config';
import { silentLogger } from '../main/log';
import { createProfileService } from '../main/services/profile';
import { createRecommendations } from '../main/services/recommendations';
import { createBaskets } from '../main/store/baskets';
import { createCatalog } from '../main/store/catalog';
import { createClienteling } from '../main/store/clienteling';
import { createCoupons } from '../main/store/coupons';
import { createCustomers } from '../main/store/customers';
import type { Db } from '../main/store/db';
import { summary } from './stats';

export interface ProfileFigures {
  /** The local recommendation model, built from the store's recent baskets on first use. */
  modelBuildSeconds: number;
  profileMs: ReturnType<typeof summary>;
  recommendMs: ReturnType<typeof summary>;
  /** Purchases per profile, as the panel counted them. */
  purchases: number[];
}

/** Times `rounds` profiles and recommendations for each of `customerIds`, as the till serves them at `now`. */
export function timeProfiles(db: Db, customerIds: readonly number[], now: Date, rounds = 5): ProfileFigures {
  const clienteling = createClienteling(db);
  const catalog = createCatalog(db);
  const recommendations = createRecommendations({
    baskets: createBaskets(db),
    inAssortment: clienteling.inAssortment,
    now: () => now,
    log: silentLogger,
  });
  const profiles = createProfileService({
    config: defaultTillConfig,
    customers: createCustomers(db),
    clienteling,
    coupons: createCoupons(db),
    catalog,
    recommend: recommendations.recommend,
    now: () => now,
  });

  const buildStarted = performance.now();
  recommendations.recommend({ purchases: [], cart: [], now, limit: 6 });
  const modelBuildSeconds = Number(((performance.now() - buildStarted) / 1000).toFixed(1));

  const profileMs: number[] = [];
  const recommendMs: number[] = [];
  const purchases: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const id of customerIds) {
      const started = performance.now();
      const profile = profiles.profile(id, { role: 'cashier' });
      profileMs.push(performance.now() - started);
      if (!profile.ok) throw new Error(`bench: no profile for customer ${id}`);
      if (round === 0) purchases.push(profile.value.stats.visits);

      // The cart holds a few of their usual items, as when the panel refreshes during a sale.
      const history = clienteling.itemPurchases(clienteling.profileIds(id));
      const cart = [...new Set(history.slice(-3).map((item) => item.productId))];
      const t = performance.now();
      recommendations.recommend({ purchases: history, cart, now, limit: 6 });
      recommendMs.push(performance.now() - t);
    }
  }
  return { modelBuildSeconds, profileMs: summary(profileMs), recommendMs: summary(recommendMs), purchases };
}
