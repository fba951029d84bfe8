// A chain's worth of generated data written straight into HQ's tables with generate_series, for
// tests and benchmarks of pull and bootstrap: categories, products with names, barcodes and chain
// prices, and customers with a loyalty card (prefix 27), consents and a preference. Deterministic: the same sizes give
// the same rows. Not a demo: names are plausible, nothing else is meant to be.
import { inTransaction } from './db/pool';
import type { Pool } from './db/pool';

export interface ChainSize {
  products: number;
  customers: number;
  /** Ids start after these, so several calls can add to one HQ. */
  firstProductId?: number;
  firstCustomerId?: number;
}

const CATEGORIES = 40;

export async function generateChainData(pool: Pool, size: ChainSize): Promise<void> {
  const p0 = size.firstProductId ?? 1;
  const c0 = size.firstCustomerId ?? 1;
  await inTransaction(pool, async (tx) => {
    // Bulk rows need no triggers: the rows are new, their stamps come from the defaults, and the
    // customers' card and consent documents are written with them.
    await tx.query('SET LOCAL session_replication_role = replica');
    // EAN-13 with its check digit (GS1: weights 1 and 3 from the left), so a till scans them.
    await tx.query(`CREATE FUNCTION pg_temp.ean13(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT body || ((10 - (SELECT sum(substr(body, i, 1)::int * (1 + 2 * ((i + 1) % 2)))
                             FROM generate_series(1, 12) i) % 10) % 10)::text $fn$`);
    await tx.query(
      `INSERT INTO categories (id, parent_id, names)
       SELECT g, NULL, jsonb_build_object('ru', 'Категория ' || g, 'en', 'Category ' || g)
       FROM generate_series(1, $1) g ON CONFLICT (id) DO NOTHING`,
      [CATEGORIES],
    );
    await tx.query(
      `INSERT INTO products (id, sku, names, unit, tax_rate_bp, category_id)
       SELECT g, 'SKU-' || g,
         jsonb_build_object('ru', (ARRAY['Молоко','Хлеб','Сыр','Кофе','Чай','Яблоки','Рис','Масло'])[1 + g % 8] || ' №' || g,
                            'en', (ARRAY['Milk','Bread','Cheese','Coffee','Tea','Apples','Rice','Butter'])[1 + g % 8] || ' #' || g),
         CASE WHEN g % 17 = 0 THEN 'kg' ELSE 'piece' END, CASE WHEN g % 5 = 0 THEN 2000 ELSE 1000 END,
         1 + g % ${CATEGORIES}
       FROM generate_series($1::bigint, $2::bigint) g`,
      [p0, p0 + size.products - 1],
    );
    await tx.query(
      `INSERT INTO product_barcodes (code, product_id)
       SELECT pg_temp.ean13('46' || lpad(g::text, 10, '0')), g FROM generate_series($1::bigint, $2::bigint) g`,
      [p0, p0 + size.products - 1],
    );
    await tx.query(
      `INSERT INTO prices (product_id, price_minor, valid_from)
       SELECT g, 1000 + (g * 7919) % 200000, '2020-01-01T00:00:00Z' FROM generate_series($1::bigint, $2::bigint) g`,
      [p0, p0 + size.products - 1],
    );
    await tx.query(
      `INSERT INTO customers (id, name, phone_e164, email, birthday, attributes, source, created_at, tier, points_balance,
                              cards_doc, consents_doc, field_clocks)
       OVERRIDING SYSTEM VALUE
       SELECT g,
         (ARRAY['Иван','Пётр','Анна','Мария','Ольга','Сергей','Юлия','Алексей','Ли Вэй','Wang Fang'])[1 + g % 10] || ' ' ||
         (ARRAY['Иванов','Петров','Смирнов','Кузнецов','Попов','Соколов','Волков','Новиков'])[1 + (g / 10) % 8],
         '+7916' || lpad((g % 10000000)::text, 7, '0'),
         'customer' || g || '@example.ru',
         CASE WHEN g % 3 = 0 THEN '1985-' || lpad((1 + g % 12)::text, 2, '0') || '-15' END,
         jsonb_build_object('shoe_size', (36 + g % 10)::text),
         'import', '2021-01-01T00:00:00Z'::timestamptz + make_interval(mins => g::int % 1000000),
         (ARRAY['basic','silver','gold'])[1 + g % 3], g % 5000,
         -- What the card and consent triggers (off for this bulk load) would have written.
         json_build_array(json_build_object('cardNo', pg_temp.ean13('27' || lpad(g::text, 10, '0')),
                                            'issuedAt', '2021-01-01T00:00:00.000Z')),
         json_build_array(
           json_build_object('purpose', 'marketing', 'channel', 'sms', 'granted', g % 2 = 0,
                             'recordedAt', '2021-01-01T00:00:00.000Z', 'storeCode', '', 'terminalCode', ''),
           json_build_object('purpose', 'processing', 'channel', NULL, 'granted', true,
                             'recordedAt', '2021-01-01T00:00:00.000Z', 'storeCode', '', 'terminalCode', '')),
         -- The consents' clocks (003-field-clocks.ts: a consent without a stamp counts as HQ's at its time).
         jsonb_build_object('consent:marketing:sms', '001609459200000-000000-hq',
                            'consent:processing:any', '001609459200000-000000-hq')
       FROM generate_series($1::bigint, $2::bigint) g`,
      [c0, c0 + size.customers - 1],
    );
    await tx.query(
      `INSERT INTO customer_cards (card_no, customer_id, issued_at)
       SELECT pg_temp.ean13('27' || lpad(g::text, 10, '0')), g, '2021-01-01T00:00:00Z' FROM generate_series($1::bigint, $2::bigint) g`,
      [c0, c0 + size.customers - 1],
    );
    await tx.query(
      `INSERT INTO consents (customer_id, purpose, channel, granted, recorded_at)
       SELECT g, 'processing', NULL, true, '2021-01-01T00:00:00Z'::timestamptz FROM generate_series($1::bigint, $2::bigint) g
       UNION ALL
       SELECT g, 'marketing', 'sms', g % 2 = 0, '2021-01-01T00:00:00Z'::timestamptz FROM generate_series($1::bigint, $2::bigint) g`,
      [c0, c0 + size.customers - 1],
    );
    // Identity continues after the generated ids, as if HQ had assigned them.
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT max(id) FROM customers))`,
    );
  });
  await pool.query('ANALYZE');
}
