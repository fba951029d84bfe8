// Purchases this till did not ring up: other tills' and stores' receipts and online orders, one row
// per line (migration 005 purchase_history). A document HQ sends again replaces its lines.
import type { HistoryItem } from '../../../contract/sync';
import type { Db } from '../db';
import type { CustomerReplica } from './customers';

export function createHistoryReplica(db: Db, customers: CustomerReplica) {
  const upsert = db.prepare<
    [string, number, string, string, string, string, number, string, number | null, number, number]
  >(
    `INSERT INTO purchase_history (id, customer_id, channel, store_code, document_no, purchased_at,
       product_id, names, category_id, quantity_milli, total_minor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, channel = excluded.channel,
       store_code = excluded.store_code, document_no = excluded.document_no,
       purchased_at = excluded.purchased_at, product_id = excluded.product_id, names = excluded.names,
       category_id = excluded.category_id, quantity_milli = excluded.quantity_milli,
       total_minor = excluded.total_minor`,
  );
  return {
    apply(items: readonly HistoryItem[], at: string): void {
      for (const item of items) {
        customers.ensure(item.customerId, at);
        for (const line of item.lines) {
          upsert.run(
            `${item.documentId}:${line.lineNo}`,
            item.customerId,
            item.channel,
            item.storeCode,
            item.documentNo,
            item.purchasedAt,
            line.productId,
            JSON.stringify(line.names),
            line.categoryId,
            line.quantityMilli,
            line.totalMinor,
          );
        }
      }
    },
  };
}
