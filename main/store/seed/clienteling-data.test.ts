import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../../../contract/config';
import type { TillConfig } from '../../../contract/config';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { CHAIN_HISTORY_DAYS, DAY_MS } from './calendar';
import { FIRST_GENERATED_CUSTOMER_ID, demoCustomers } from './demo-customers';
import { seedDemoStore } from './write';

const config = defaultTillConfig;
const now = new Date('2025-06-15T10:00:00Z');
const end = Date.parse('2025-06-15T00:00:00Z');
const size = { products: 1500, customers: 3000, sales: 4000, history: 6000 };

const dirs: string[] = [];
function seeded(storeConfig: TillConfig, options = size): Db {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-clienteling-seed-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'till.sqlite'));
  seedDemoStore(db, storeConfig, { ...options, seed: 11, now });
  return db;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let db: Db;
beforeAll(() => {
  db = seeded(config);
});
afterAll(() => db.close());

const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = (sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('the seeded clientele', () => {
  it('consents to processing, about 60 % to marketing, and has preferences only with marketing consent', () => {
    const customers = one('SELECT count(*) FROM customers WHERE erased_at IS NULL');
    expect(
      one(
        "SELECT count(DISTINCT customer_id) FROM customer_consents WHERE purpose = 'processing' AND granted = 1",
      ),
    ).toBe(customers + 1);
    const marketing = one(
      "SELECT count(DISTINCT customer_id) FROM customer_consents WHERE purpose = 'marketing' AND granted = 1",
    );
    expect(marketing / customers).toBeGreaterThan(0.5);
    expect(marketing / customers).toBeLessThan(0.7);
    // The marketing consent in force is the latest row per channel (store/customers.ts).
    const withoutConsent = one(
      `SELECT count(DISTINCT a.customer_id) FROM customer_attributes a
       WHERE NOT EXISTS (
         SELECT 1 FROM customer_consents c
         WHERE c.customer_id = a.customer_id AND c.purpose = 'marketing' AND c.granted = 1
           AND c.id = (SELECT max(id) FROM customer_consents
                       WHERE customer_id = c.customer_id AND purpose = 'marketing' AND channel = c.channel))`,
    );
    expect(withoutConsent).toBe(0);
    expect(one('SELECT count(DISTINCT customer_id) FROM customer_attributes')).toBeGreaterThan(marketing / 3);
    expect(one('SELECT count(DISTINCT customer_id) FROM customer_tags')).toBeGreaterThan(customers / 20);
    expect(one('SELECT count(DISTINCT customer_id) FROM customer_notes')).toBeGreaterThan(customers / 50);
  });

  it('shops here with a skew: some anonymous sales, many one-off customers and a few regulars', () => {
    const perCustomer = all<{ n: number }>(
      `SELECT count(*) AS n FROM sales WHERE customer_id >= ? GROUP BY customer_id ORDER BY n DESC`,
      FIRST_GENERATED_CUSTOMER_ID,
    ).map((row) => row.n);
    const anonymous = one('SELECT count(*) FROM sales WHERE customer_id IS NULL');
    expect(anonymous / size.sales).toBeGreaterThan(0.3);
    expect(anonymous / size.sales).toBeLessThan(0.6);
    const median = perCustomer[Math.floor(perCustomer.length / 2)] ?? 0;
    expect(median).toBeLessThanOrEqual(2);
    expect(perCustomer[0]).toBeGreaterThanOrEqual(10 * median);
    // The top 5 % of customers make a much larger share of the attributed sales.
    const top = perCustomer.slice(0, Math.ceil(perCustomer.length / 20)).reduce((sum, n) => sum + n, 0);
    const total = perCustomer.reduce((sum, n) => sum + n, 0);
    expect(top / total).toBeGreaterThan(0.2);
  });

  it('rebuys its staples: most lines of a regular’s later baskets repeat an earlier purchase', () => {
    const lines = all<{ customer: number; at: string; product: number }>(
      `SELECT s.customer_id AS customer, s.created_at AS at, l.product_id AS product
       FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE s.customer_id >= ?
       UNION ALL
       SELECT customer_id, purchased_at, product_id FROM purchase_history WHERE customer_id >= ?
       ORDER BY 1, 2`,
      FIRST_GENERATED_CUSTOMER_ID,
      FIRST_GENERATED_CUSTOMER_ID,
    );
    let repeats = 0;
    let later = 0;
    let customer = -1;
    let firstAt = '';
    const seen = new Set<number>();
    for (const line of lines) {
      if (line.customer !== customer) {
        customer = line.customer;
        firstAt = line.at;
        seen.clear();
      }
      if (line.at !== firstAt) {
        later += 1;
        if (seen.has(line.product)) repeats += 1;
      }
      seen.add(line.product);
    }
    expect(later).toBeGreaterThan(1000);
    expect(repeats / later).toBeGreaterThan(0.4);
  });

  it('has purchases from other stores and online over about two years, never before joining', () => {
    const shops = all<{ channel: string; store: string }>(
      'SELECT DISTINCT channel, store_code AS store FROM purchase_history ORDER BY 1, 2',
    );
    expect(shops.filter((shop) => shop.channel === 'online').map((shop) => shop.store)).toEqual([
      'APP',
      'WEB',
    ]);
    const stores = shops.filter((shop) => shop.channel === 'store').map((shop) => shop.store);
    expect(stores.length).toBeGreaterThanOrEqual(3);
    expect(stores).not.toContain(config.store.code);
    const [first, last] = [
      one('SELECT min(purchased_at) FROM purchase_history') as unknown as string,
      one('SELECT max(purchased_at) FROM purchase_history') as unknown as string,
    ];
    expect(Date.parse(first)).toBeGreaterThanOrEqual(end - (CHAIN_HISTORY_DAYS + 1) * DAY_MS);
    expect(Date.parse(first)).toBeLessThan(end - (CHAIN_HISTORY_DAYS - 30) * DAY_MS);
    expect(Date.parse(last)).toBeLessThan(end);
    expect(
      one(
        'SELECT count(*) FROM purchase_history h JOIN customers c ON c.id = h.customer_id WHERE h.purchased_at < c.created_at',
      ),
    ).toBe(0);
    // One receipt or order number per document, never one of this till's.
    expect(
      one(
        'SELECT count(*) FROM (SELECT document_no FROM purchase_history GROUP BY document_no HAVING count(DISTINCT customer_id) > 1)',
      ),
    ).toBe(0);
    expect(
      one('SELECT count(*) FROM purchase_history WHERE document_no IN (SELECT receipt_no FROM sales)'),
    ).toBe(0);
  });

  it('has tiers by spend, points and an expected lifetime value for most', () => {
    const tiers = all<{ tier: string; customers: number; points: number }>(
      `SELECT tier, count(*) AS customers, avg(points_balance) AS points FROM customers
       WHERE erased_at IS NULL GROUP BY tier ORDER BY points`,
    );
    expect(tiers.map((row) => row.tier)).toEqual(['basic', 'silver', 'gold']);
    const gold = tiers.find((row) => row.tier === 'gold')?.customers ?? 0;
    expect(gold).toBeLessThan((tiers.find((row) => row.tier === 'basic')?.customers ?? 0) / 5);
    expect(
      one('SELECT avg(expected_ltv_minor IS NOT NULL) FROM customers WHERE erased_at IS NULL'),
    ).toBeGreaterThan(0.6);
  });

  it('has coupons valid now, expired and redeemed, for customers who are still there', () => {
    const at = now.toISOString();
    const states = all<{ kind: string; valid: number; expired: number; redeemed: number }>(
      `SELECT kind, sum(redeemed_at IS NULL AND valid_from <= :at AND valid_until >= :at) AS valid,
         sum(redeemed_at IS NULL AND valid_until < :at) AS expired, sum(redeemed_at IS NOT NULL) AS redeemed
       FROM coupons WHERE customer_id IS NOT NULL GROUP BY kind`,
      { at },
    );
    expect(states.map((row) => row.kind).sort()).toEqual(
      ['anniversary', 'birthday', 'first_purchase', 'manual', 'segment', 'winback'].sort(),
    );
    const sum = (key: 'valid' | 'expired' | 'redeemed') => states.reduce((total, row) => total + row[key], 0);
    expect(sum('valid')).toBeGreaterThan(100);
    expect(sum('expired')).toBeGreaterThan(50);
    expect(sum('redeemed')).toBeGreaterThan(50);
    const { annaDuplicate, erased } = demoCustomers;
    expect(one('SELECT count(*) FROM coupons WHERE customer_id IN (?, ?)', annaDuplicate.id, erased.id)).toBe(
      0,
    );
    // A coupon redeemed here names a sale of its customer that carries its code and discount.
    const redeemedHere = all<{ ok: number }>(
      `SELECT s.customer_id = c.customer_id AND s.coupon_code = c.code AND s.discount_minor > 0
         AND s.created_at = c.redeemed_at AS ok
       FROM coupons c JOIN sales s ON s.id = c.redeemed_sale_id`,
    );
    expect(redeemedHere.length).toBeGreaterThan(10);
    expect(redeemedHere.every((row) => row.ok === 1)).toBe(true);
    // Fixed amounts are whole hundreds of roubles.
    expect(one('SELECT count(*) FROM coupons WHERE amount_minor % 10000 <> 0')).toBe(0);
    expect(
      one('SELECT count(*) FROM saved_bag WHERE customer_id >= ?', FIRST_GENERATED_CUSTOMER_ID),
    ).toBeGreaterThan(10);
  });

  it('sizes coupons in the store’s own currency', () => {
    const yuan = seeded(
      { ...config, store: { ...config.store, currency: 'CNY', locale: 'zh-CN' } },
      { products: 100, customers: 300, sales: 200, history: 400 },
    );
    const amounts = yuan
      .prepare('SELECT DISTINCT amount_minor FROM coupons WHERE amount_minor IS NOT NULL')
      .pluck()
      .all() as number[];
    // 30 ¥ and 50 ¥ (in fen), not 300 and 500.
    expect(amounts.sort((a, b) => a - b)).toEqual([3000, 5000]);
    yuan.close();
  });

  it('stores local RFM boundaries that rise with each quintile', () => {
    const rows = all<{ metric: string; b1: number; b2: number; b3: number; b4: number; source: string }>(
      'SELECT metric, b1, b2, b3, b4, source FROM rfm_boundaries ORDER BY metric',
    );
    expect(rows.map((row) => [row.metric, row.source])).toEqual([
      ['frequency', 'local'],
      ['monetary', 'local'],
      ['recency', 'local'],
    ]);
    for (const row of rows) {
      expect(row.b1 <= row.b2 && row.b2 <= row.b3 && row.b3 <= row.b4).toBe(true);
    }
    expect(rows.find((row) => row.metric === 'frequency')?.b1).toBe(1);
  });
});
