// The price in force for a product at a time: this store's own price if it has one in force, else the
// chain's — the latest whose time has come.
import type { Db } from '../db';

export function createPriceLookup(db: Db) {
  const inForce = db
    .prepare<[number, string], number>(
      `SELECT price_minor FROM price_schedule WHERE product_id = ? AND valid_from <= ?
       ORDER BY scope = 'store' DESC, valid_from DESC LIMIT 1`,
    )
    .pluck();
  return {
    priceAt: (productId: number, at: string): number | null => inForce.get(productId, at) ?? null,
  };
}
