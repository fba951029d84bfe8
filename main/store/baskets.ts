// The most recent baskets the till knows, for the recommendation model: its own sales, and the
// purchases HQ sent that it did not ring up itself. Both reads walk an index newest first and stop at
// their limit, so the cost does not grow with the length of the history.
import type { Basket, BasketItem } from '../domain/reco/basket';
import type { Db } from './db';

interface LineRow {
  document: string;
  customerId: number | null;
  at: string;
  productId: number;
  quantityMilli: number;
}

/** HQ's history is read by lines; a receipt has a handful, so this many lines per basket asked for. */
const LINES_PER_BASKET = 4;

export function createBaskets(db: Db) {
  const saleLines = db.prepare<{ limit: number }, LineRow>(
    `SELECT s.id AS document, s.customer_id AS customerId, s.created_at AS at, l.product_id AS productId,
       l.quantity_milli AS quantityMilli
     FROM (SELECT id, customer_id, created_at FROM sales WHERE status = 'completed'
           ORDER BY created_at DESC LIMIT :limit) s
     JOIN sale_lines l ON l.sale_id = s.id`,
  );
  const historyLines = db.prepare<{ limit: number }, LineRow>(
    `SELECT document_no AS document, customer_id AS customerId, purchased_at AS at, product_id AS productId,
       quantity_milli AS quantityMilli
     FROM purchase_history h
     WHERE NOT EXISTS (SELECT 1 FROM sales WHERE receipt_no = h.document_no)
     ORDER BY purchased_at DESC LIMIT :limit`,
  );

  function group(rows: Iterable<LineRow>, into: Map<string, Basket & { items: BasketItem[] }>): void {
    for (const row of rows) {
      let basket = into.get(row.document);
      if (!basket) {
        basket = {
          customerId: row.customerId === null ? null : String(row.customerId),
          at: Date.parse(row.at),
          items: [],
        };
        into.set(row.document, basket);
      }
      basket.items.push({ productId: row.productId, quantity: row.quantityMilli / 1000 });
    }
  }

  return {
    /**
     * About `limit` of each source's most recent baskets (the oldest HQ basket may be cut short, which
     * costs the model nothing). Read whole before the model is built: an open cursor would keep the
     * connection busy and block a sale.
     */
    recent(limit: number): Basket[] {
      const baskets = new Map<string, Basket & { items: BasketItem[] }>();
      group(saleLines.iterate({ limit }), baskets);
      group(historyLines.iterate({ limit: limit * LINES_PER_BASKET }), baskets);
      return [...baskets.values()];
    },
  };
}
export type Baskets = ReturnType<typeof createBaskets>;
