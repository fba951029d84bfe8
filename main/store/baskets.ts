// Every basket the till knows, newest first, for the recommendation model: its own sales, then the
// purchases HQ sent that it did not ring up itself. Read with a cursor, so memory stays flat however
// long the history is.
import type { Basket, BasketItem } from '../domain/reco/basket';
import type { Db } from './db';

interface LineRow {
  document: string;
  customerId: number | null;
  at: string;
  productId: number;
  quantityMilli: number;
}

export function createBaskets(db: Db) {
  // Lines come grouped by document (ORDER BY), so a basket is complete when the document changes.
  const lines = db.prepare<{ limit: number }, LineRow>(
    `SELECT document, customerId, at, productId, quantityMilli FROM (
       SELECT s.id AS document, s.customer_id AS customerId, s.created_at AS at, l.product_id AS productId,
         l.quantity_milli AS quantityMilli
       FROM (SELECT * FROM sales WHERE status = 'completed' ORDER BY created_at DESC LIMIT :limit) s
       JOIN sale_lines l ON l.sale_id = s.id
       UNION ALL
       SELECT h.document_no, h.customer_id, h.purchased_at, h.product_id, h.quantity_milli
       FROM (SELECT DISTINCT document_no FROM purchase_history ORDER BY purchased_at DESC LIMIT :limit) d
       JOIN purchase_history h ON h.document_no = d.document_no
       WHERE NOT EXISTS (SELECT 1 FROM sales WHERE receipt_no = h.document_no))
     ORDER BY document`,
  );
  return {
    /** At most `limit` of each source's most recent documents. */
    *recent(limit: number): Generator<Basket> {
      let document: string | null = null;
      let items: BasketItem[] = [];
      let basket: Basket | null = null;
      for (const row of lines.iterate({ limit })) {
        if (row.document !== document) {
          if (basket) yield basket;
          document = row.document;
          items = [];
          basket = {
            customerId: row.customerId === null ? null : String(row.customerId),
            at: Date.parse(row.at),
            items,
          };
        }
        items.push({ productId: row.productId, quantity: row.quantityMilli / 1000 });
      }
      if (basket) yield basket;
    },
  };
}
export type Baskets = ReturnType<typeof createBaskets>;
