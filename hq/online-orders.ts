// Orders of the web shop, imported so that a customer's history spans store and web: each order is
// found its customer (HQ's id, else the phone, else the e-mail, else a new online profile) and its
// products (id or SKU), and is stored once — an order number HQ has already is left as it was, so the
// shop can send a batch again after a timeout. Tills receive the orders as purchase history.
import type { OnlineOrder, OnlineOrdersImport, OnlineOrdersImported } from '../contract/sync';
import { inTransaction, insertRows } from './db/pool';
import type { Tx, Pool } from './db/pool';

const MAX_HOPS = 16;

async function livingSurvivor(tx: Tx, id: number): Promise<number | null> {
  let current = id;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const { rows } = await tx.query<{ mergedInto: number | null; erased: boolean }>(
      'SELECT merged_into AS "mergedInto", erased_at IS NOT NULL AS erased FROM customers WHERE id = $1',
      [current],
    );
    const row = rows[0];
    if (!row || row.erased) return null;
    if (row.mergedInto === null) return current;
    current = row.mergedInto;
  }
  return null;
}

/** The customer an order is for, created when no living profile matches. */
async function customerOf(tx: Tx, order: OnlineOrder): Promise<{ id: number; created: boolean }> {
  const { customer } = order;
  if (customer.id !== undefined) {
    const id = await livingSurvivor(tx, customer.id);
    if (id !== null) return { id, created: false };
  }
  const { rows } = await tx.query<{ id: number }>(
    `SELECT id FROM customers
     WHERE merged_into IS NULL AND erased_at IS NULL
       AND ((phone_e164 = $1 AND $1 IS NOT NULL) OR (lower(email) = lower($2) AND $2 IS NOT NULL))
     ORDER BY (phone_e164 = $1) IS TRUE DESC, id LIMIT 1`,
    [customer.phoneE164 ?? null, customer.email ?? null],
  );
  const found = rows[0];
  if (found) return { id: found.id, created: false };
  const created = await tx.query<{ id: number }>(
    `INSERT INTO customers (name, phone_e164, email, source, created_at) VALUES ($1, $2, $3, 'online', $4)
     RETURNING id`,
    [customer.name ?? '', customer.phoneE164 ?? null, customer.email ?? null, order.orderedAt],
  );
  const id = created.rows[0]?.id;
  if (id === undefined) throw new Error('customer insert returned no id');
  return { id, created: true };
}

export async function importOnlineOrders(
  pool: Pool,
  batch: OnlineOrdersImport,
): Promise<OnlineOrdersImported> {
  return inTransaction(pool, async (tx) => {
    const result: OnlineOrdersImported = { imported: 0, duplicates: 0, customersCreated: 0, orders: [] };
    const skus = [...new Set(batch.orders.flatMap((order) => order.lines.flatMap((line) => line.sku ?? [])))];
    const ids = [
      ...new Set(batch.orders.flatMap((order) => order.lines.flatMap((line) => line.productId ?? []))),
    ];
    const { rows: products } = await tx.query<{ id: number; sku: string; names: Record<string, string> }>(
      'SELECT id, sku, names FROM products WHERE sku = ANY($1::text[]) OR id = ANY($2::bigint[])',
      [skus, ids],
    );
    const bySku = new Map(products.map((product) => [product.sku, product]));
    const byId = new Map(products.map((product) => [product.id, product]));

    for (const order of batch.orders) {
      // Two imports of the same order at once: the second waits and finds the first one's.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('online-order:' || $1))", [order.orderNo]);
      const known = await tx.query<{ customerId: number }>(
        'SELECT customer_id AS "customerId" FROM online_orders WHERE order_no = $1',
        [order.orderNo],
      );
      const previous = known.rows[0];
      if (previous) {
        result.duplicates += 1;
        result.orders.push({ orderNo: order.orderNo, customerId: previous.customerId, duplicate: true });
        continue;
      }
      const customer = await customerOf(tx, order);
      if (customer.created) result.customersCreated += 1;
      const total = order.lines.reduce((sum, line) => sum + line.totalMinor, 0);
      const inserted = await tx.query<{ id: number }>(
        `INSERT INTO online_orders (order_no, shop_code, customer_id, ordered_at, currency, total_minor)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [order.orderNo, order.shopCode, customer.id, order.orderedAt, order.currency, total],
      );
      const orderId = inserted.rows[0]?.id;
      await insertRows(
        tx,
        'online_order_lines',
        [
          'order_id bigint',
          'line_no integer',
          'product_id bigint',
          'names jsonb',
          'quantity_milli bigint',
          'total_minor bigint',
        ],
        order.lines.map((line, index) => {
          const product =
            (line.productId !== undefined ? byId.get(line.productId) : undefined) ??
            (line.sku !== undefined ? bySku.get(line.sku) : undefined);
          return [
            orderId,
            index + 1,
            product?.id ?? null,
            JSON.stringify(line.names ?? product?.names ?? {}),
            line.quantityMilli,
            line.totalMinor,
          ];
        }),
      );
      result.imported += 1;
      result.orders.push({ orderNo: order.orderNo, customerId: customer.id, duplicate: false });
    }
    return result;
  });
}
