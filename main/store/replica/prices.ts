// Prices as HQ schedules them: each row is a price from a time on, the chain's or this store's. The
// product's price_minor (what the till sells at) is the one in force; a price that comes into force
// later is applied when its time comes (`applyDue`, run by the puller on every cycle).
import type { PriceItem } from '../../../contract/sync';
import type { Db } from '../db';
import { createMeta } from '../meta';
import { createPriceLookup } from './price-lookup';

/** Until when every scheduled price has been applied (ISO-8601). */
const DUE_UNTIL = 'pull.prices_due_until';

export function createPriceReplica(db: Db) {
  const upsert = db.prepare<[number, string, string, number]>(
    `INSERT INTO price_schedule (product_id, scope, valid_from, price_minor) VALUES (?, ?, ?, ?)
     ON CONFLICT (product_id, scope, valid_from) DO UPDATE SET price_minor = excluded.price_minor`,
  );
  // No row yet (the product comes with a later catalogue page): the catalogue applies the price then.
  const setPrice = db.prepare<[number, number]>(
    'UPDATE products SET price_minor = ?, priced = 1, active = listed WHERE id = ?',
  );
  const due = db
    .prepare<[string, string], number>(
      'SELECT DISTINCT product_id FROM price_schedule WHERE valid_from > ? AND valid_from <= ?',
    )
    .pluck();
  const lookup = createPriceLookup(db);
  const meta = createMeta(db);

  function reprice(productId: number, at: string): void {
    const price = lookup.priceAt(productId, at);
    if (price !== null) setPrice.run(price, productId);
  }

  return {
    /** Stores the schedule rows and reprices their products as of `at`; call inside the page's transaction. */
    apply(items: readonly PriceItem[], at: string): void {
      const products = new Set<number>();
      for (const item of items) {
        upsert.run(item.productId, item.scope, item.validFrom, item.priceMinor);
        products.add(item.productId);
      }
      for (const productId of products) reprice(productId, at);
      if (meta.get(DUE_UNTIL) === null) meta.set(DUE_UNTIL, at);
    },
    /** Applies the prices that came into force since the last call; answers how many products changed. */
    applyDue(now: string): number {
      const since = meta.get(DUE_UNTIL);
      if (since === null || since >= now) return 0;
      return db.transaction(() => {
        const products = due.all(since, now);
        for (const productId of products) reprice(productId, now);
        meta.set(DUE_UNTIL, now);
        return products.length;
      })();
    },
  };
}
