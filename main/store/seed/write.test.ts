import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../../../contract/config';
import { classifyCode, gtinCheckDigit } from '../../domain/barcode';
import { lineTotal } from '../../domain/money';
import { formatReceiptNo } from '../../domain/receipt';
import { lineTax, taxTotals } from '../../domain/tax';
import { verifyPin } from '../../security/pin';
import { nameMatchQuery } from '../../domain/customer-identity';
import { createCatalog } from '../catalog';
import { createCustomers } from '../customers';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { createSales } from '../sales';
import { createSequences } from '../sequences';
import { demoCategories } from './categories';
import { demoProductList, demoProducts, demoUsers } from './demo-catalog';
import { HISTORY_DAYS } from './calendar';
import { FIRST_GENERATED_CUSTOMER_ID } from './demo-customers';
import { SeedRefusedError, defaultSeedSize, filledTables, isSeeded, seedDemoStore } from './write';
import type { SeedOptions, SeedProgress } from './write';

const config = defaultTillConfig;
const size = { products: 2000, customers: 1000, sales: 200, history: 600 };
const demoCustomerCount = FIRST_GENERATED_CUSTOMER_ID - 1;
const now = new Date('2025-03-10T09:30:00Z');
const historyEnd = Date.parse('2025-03-10T00:00:00Z');

const dirs: string[] = [];
function freshDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-seed-'));
  dirs.push(dir);
  return openDatabase(join(dir, 'till.sqlite'));
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const count = (db: Db, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** Every row the seed writes, in a stable order; PIN hashes are salted anew on every run, so left out. */
function dump(db: Db): Record<string, unknown[]> {
  const tables: Record<string, string> = {
    meta: 'SELECT * FROM meta ORDER BY key',
    categories: 'SELECT * FROM categories ORDER BY id',
    products: 'SELECT * FROM products ORDER BY id',
    product_names: 'SELECT * FROM product_names ORDER BY product_id, locale',
    barcodes: 'SELECT * FROM barcodes ORDER BY code',
    users: 'SELECT id, name, role, active FROM users ORDER BY id',
    customers: 'SELECT * FROM customers ORDER BY id',
    customer_consents: 'SELECT * FROM customer_consents ORDER BY id',
    customer_attributes: 'SELECT * FROM customer_attributes ORDER BY customer_id, key',
    customer_tags: 'SELECT * FROM customer_tags ORDER BY customer_id, tag',
    customer_notes: 'SELECT * FROM customer_notes ORDER BY id',
    purchase_history: 'SELECT * FROM purchase_history ORDER BY id',
    coupons: 'SELECT * FROM coupons ORDER BY code',
    saved_bag: 'SELECT * FROM saved_bag ORDER BY customer_id, product_id',
    rfm_boundaries: 'SELECT * FROM rfm_boundaries ORDER BY metric',
    sequences: 'SELECT * FROM sequences ORDER BY name',
    sales: 'SELECT * FROM sales ORDER BY receipt_no',
    sale_lines: 'SELECT * FROM sale_lines ORDER BY sale_id, line_no',
    payments: 'SELECT * FROM payments ORDER BY sale_id, id',
  };
  return Object.fromEntries(Object.entries(tables).map(([name, sql]) => [name, db.prepare(sql).raw().all()]));
}

describe('seedDemoStore on a real database', () => {
  let db: Db;
  let summary: ReturnType<typeof seedDemoStore>;
  const progress: SeedProgress[] = [];

  beforeAll(() => {
    db = freshDb();
    expect(isSeeded(db)).toBe(false);
    summary = seedDemoStore(db, config, { ...size, seed: 42, now, onProgress: (p) => progress.push(p) });
  });
  afterAll(() => db.close());

  it('writes the demo catalogue, categories, staff, customers and sales, and reports them', () => {
    expect(isSeeded(db)).toBe(true);
    expect(summary).toMatchObject({
      categories: demoCategories.length,
      products: demoProductList.length + size.products,
      users: demoUsers.length,
      customers: demoCustomerCount + size.customers,
      sales: size.sales,
      history: size.history + 20,
    });
    expect(count(db, 'SELECT count(*) FROM products')).toBe(summary.products);
    expect(count(db, 'SELECT count(*) FROM barcodes')).toBe(summary.barcodes);
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(demoCustomerCount + size.customers);
    expect(count(db, 'SELECT count(*) FROM sales')).toBe(size.sales);
    expect(count(db, 'SELECT count(DISTINCT document_no) FROM purchase_history')).toBe(summary.history);
    expect(count(db, 'SELECT count(*) FROM coupons')).toBe(summary.coupons);
    const rows = [
      'categories',
      'products',
      'product_names',
      'barcodes',
      'users',
      'customers',
      'customer_cards',
    ]
      .concat([
        'customer_names',
        'customer_consents',
        'customer_attributes',
        'customer_tags',
        'customer_notes',
      ])
      .concat(['sales', 'sale_lines', 'payments', 'sequences', 'meta'])
      .concat(['purchase_history', 'coupons', 'saved_bag', 'rfm_boundaries'])
      .reduce((sum, table) => sum + count(db, `SELECT count(*) FROM ${table}`), 0);
    expect(summary.rows).toBe(rows);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'demo'").pluck().get()).toBe('1');
    const recorded = db.prepare("SELECT value FROM meta WHERE key = 'seed'").pluck().get() as string;
    expect(JSON.parse(recorded)).toEqual({ seed: 42, ...size, asOf: '2025-03-10' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps every demo product with its literal barcodes, as the till looks them up', () => {
    const catalog = createCatalog(db);
    for (const product of demoProductList) {
      for (const code of product.barcodes) {
        expect(catalog.productByBarcode(code)).toMatchObject({ productId: product.id, names: product.names });
      }
      if (product.plu) expect(catalog.productByPlu(product.plu)?.productId).toBe(product.id);
    }
    expect(catalog.productByPlu(demoProducts.bananas.plu ?? '')?.unit).toBe('kg');
  });

  it('gives every demo customer the keys the till identifies them by', () => {
    const customers = createCustomers(db);
    const rows = db
      .prepare(
        'SELECT id, card_no AS card, phone, phone_e164 AS e164, name FROM customers WHERE id >= ? ORDER BY id LIMIT 50',
      )
      .all(FIRST_GENERATED_CUSTOMER_ID) as {
      id: number;
      card: string;
      phone: string;
      e164: string;
      name: string;
    }[];
    for (const row of rows) {
      expect(row.e164).toBe(row.phone);
      expect(customers.customerByCard(row.card)?.id).toBe(row.id);
      expect(customers.customersByPhone(row.e164, 1).map((found) => found.id)).toContain(row.id);
      const ids = customers.customersByName(nameMatchQuery(row.name) ?? '', 5000).map((found) => found.id);
      expect(ids, row.name).toContain(row.id);
    }
    // Every customer has a card but the erased one.
    expect(count(db, 'SELECT count(*) FROM customer_cards')).toBe(demoCustomerCount - 1 + size.customers);
    expect(count(db, 'SELECT count(*) FROM customers WHERE email IS NOT NULL AND email_norm IS NULL')).toBe(
      0,
    );
  });

  it('stores only valid, unique EAN-13 or EAN-8 barcodes that the till reads as GTINs', () => {
    const codes = db.prepare('SELECT code FROM barcodes').pluck().all() as string[];
    const bad = codes.filter((code) => {
      const read = classifyCode(code, config.embeddedBarcodes);
      return (
        !/^(\d{8}|\d{13})$/.test(code) ||
        gtinCheckDigit(code.slice(0, -1)) !== Number(code.at(-1)) ||
        read.kind !== 'gtin' ||
        read.gtin !== code
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.some((code) => code.length === 8)).toBe(true);
    expect(
      count(
        db,
        'SELECT count(*) FROM products p WHERE unit = ? AND NOT EXISTS (SELECT 1 FROM barcodes WHERE product_id = p.id)',
        'piece',
      ),
    ).toBe(0);
  });

  it('sells weighed items by a 5-digit PLU and the kg, and nothing else has a PLU', () => {
    const weighed = db.prepare("SELECT id, plu FROM products WHERE unit = 'kg'").all() as {
      id: number;
      plu: string | null;
    }[];
    expect(weighed.length).toBeGreaterThan(size.products / 25);
    for (const { plu } of weighed) expect(plu).toMatch(/^\d{5}$/);
    expect(count(db, "SELECT count(*) FROM products WHERE plu IS NOT NULL AND unit <> 'kg'")).toBe(0);
    expect(
      count(db, "SELECT count(*) FROM barcodes b JOIN products p ON p.id = b.product_id WHERE p.unit = 'kg'"),
    ).toBe(0);
    const generated = weighed.find(({ id }) => id > demoProductList.length);
    expect(createCatalog(db).productByPlu(generated?.plu ?? '')?.productId).toBe(generated?.id);
  });

  it('files every product under a category tree with one root that reaches every category', () => {
    const reached = count(
      db,
      `WITH RECURSIVE tree(id) AS (SELECT id FROM categories WHERE parent_id IS NULL
         UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
       SELECT count(*) FROM tree`,
    );
    expect(count(db, 'SELECT count(*) FROM categories WHERE parent_id IS NULL')).toBe(1);
    expect(reached).toBe(count(db, 'SELECT count(*) FROM categories'));
    expect(
      count(db, 'SELECT count(*) FROM products WHERE category_id NOT IN (SELECT id FROM categories)'),
    ).toBe(0);
    const names = db.prepare('SELECT names FROM categories').pluck().all() as string[];
    for (const text of names)
      expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(['en', 'ru', 'zh-CN']);
  });

  it('names every product in ru, en and zh-CN', () => {
    expect(
      count(
        db,
        `SELECT count(*) FROM products p WHERE (SELECT group_concat(locale, ',') FROM
           (SELECT locale FROM product_names WHERE product_id = p.id AND length(trim(name)) > 0 ORDER BY locale))
         IS NOT 'en,ru,zh-CN'`,
      ),
    ).toBe(0);
  });

  it('writes sales whose totals equal the sum of their lines and of their payments', () => {
    const sales = createSales(db);
    const ids = db.prepare('SELECT id FROM sales ORDER BY receipt_no').pluck().all() as string[];
    const customerSince = new Map(
      (db.prepare('SELECT id, created_at AS at FROM customers').all() as { id: number; at: string }[]).map(
        ({ id, at }) => [id, at],
      ),
    );
    let previous = '';
    for (const [index, id] of ids.entries()) {
      const sale = sales.saleById(id);
      if (!sale) throw new Error(`sale ${id} did not load`);
      expect(sale.receiptNo).toBe(
        formatReceiptNo(config.store.code, config.terminal.code, index + 1, 'sale'),
      );
      expect(sale.createdAt >= previous).toBe(true);
      previous = sale.createdAt;
      const at = Date.parse(sale.createdAt);
      expect(at).toBeLessThan(historyEnd);
      expect(at).toBeGreaterThan(historyEnd - (HISTORY_DAYS + 1) * 86_400_000);
      expect(sale.lines.length).toBeGreaterThan(0);
      for (const line of sale.lines) {
        // A coupon's share comes off the line's total (domain/coupon.ts).
        const total = lineTotal(line.unitPriceMinor, line.quantityMilli);
        expect(total.ok && total.value).toBe(line.totalMinor + line.discountMinor);
        expect(line.taxMinor).toBe(lineTax(line.totalMinor, line.taxRateBp));
        expect(Object.keys(line.names).sort()).toEqual(['en', 'ru', 'zh-CN']);
        const read = classifyCode(line.barcode, config.embeddedBarcodes);
        if (line.unit === 'kg') {
          // The scale's label: the product's PLU and the grams sold.
          expect(read).toMatchObject({ kind: 'embedded', value: line.quantityMilli });
        } else {
          expect(read.kind).toBe('gtin');
          expect(line.quantityMilli % 1000).toBe(0);
        }
      }
      expect(sale.totalMinor).toBe(sale.lines.reduce((sum, line) => sum + line.totalMinor, 0));
      expect(sale.taxMinor).toBe(taxTotals(sale.lines).reduce((sum, tax) => sum + tax.taxMinor, 0));
      expect(sale.payments.reduce((sum, payment) => sum + payment.amountMinor, 0)).toBe(sale.totalMinor);
      expect(sale.changeMinor).toBe(
        sale.payments.reduce((sum, payment) => sum + (payment.changeMinor ?? 0), 0),
      );
      for (const payment of sale.payments) {
        if (payment.kind === 'cash') {
          expect((payment.receivedMinor ?? 0) - (payment.changeMinor ?? 0)).toBe(payment.amountMinor);
          expect(payment.changeMinor).toBeGreaterThanOrEqual(0);
        } else {
          expect(payment).toMatchObject({ receivedMinor: null, changeMinor: null });
          expect(payment.cardMasked).toMatch(/^\*\*\*\* \d{4}$/);
          expect(payment.amountMinor).toBeGreaterThan(0);
        }
      }
      if (sale.customerId !== null) {
        const since = customerSince.get(sale.customerId);
        expect(since !== undefined && since <= sale.createdAt).toBe(true);
      }
    }
    expect(count(db, 'SELECT count(DISTINCT kind) FROM payments')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM sales WHERE customer_id IS NOT NULL')).toBeGreaterThan(0);
  });

  it('writes no outbox rows and moves the receipt sequence past the seeded sales', () => {
    expect(count(db, 'SELECT count(*) FROM outbox')).toBe(0);
    expect(db.prepare("SELECT value FROM sequences WHERE name = 'sale'").pluck().get()).toBe(size.sales);
    const next = db.transaction(() => createSequences(db).nextValue('sale'))();
    expect(next).toBe(size.sales + 1);
    const receiptNo = formatReceiptNo(config.store.code, config.terminal.code, next, 'sale');
    expect(count(db, 'SELECT count(*) FROM sales WHERE receipt_no = ?', receiptNo)).toBe(0);
  });

  it('reports progress per table, ending each at its total', () => {
    const last = new Map(progress.map((p) => [p.table, p]));
    expect([...last.keys()]).toEqual([
      'categories',
      'products',
      'users',
      'customers',
      'sales',
      'history',
      'loyalty',
    ]);
    for (const p of last.values()) expect(p.done).toBe(p.total);
  });

  it('refuses to seed again and leaves the store as it was', () => {
    const before = dump(db);
    expect(() => seedDemoStore(db, config, { ...size, now })).toThrow(SeedRefusedError);
    expect(dump(db)).toEqual(before);
  });
});

describe('seedDemoStore determinism and failure', () => {
  it('builds the same rows from the same seed and day, and other rows from another seed', () => {
    const options: SeedOptions = { products: 500, customers: 300, sales: 100, history: 200, seed: 7 };
    const [a, b, c] = [freshDb(), freshDb(), freshDb()];
    seedDemoStore(a, config, { ...options, now: new Date('2025-03-10T01:00:00Z') });
    seedDemoStore(b, config, { ...options, now: new Date('2025-03-10T23:59:00Z') });
    seedDemoStore(c, config, { ...options, now, seed: 8 });
    expect(dump(b)).toEqual(dump(a));
    const barcodes = (db: Db) =>
      db.prepare('SELECT code FROM barcodes ORDER BY product_id, code').pluck().all();
    expect(barcodes(c)).not.toEqual(barcodes(a));
    for (const db of [a, b, c]) db.close();
  });

  it('leaves an empty database when a seed fails half-way, so the next seed starts clean', () => {
    const db = freshDb();
    // The last sales report comes after every product, customer and sale is written, inside the transaction.
    const failing = (p: SeedProgress) => {
      if (p.table === 'sales' && p.done === p.total) throw new Error('disk full');
    };
    expect(() => seedDemoStore(db, config, { ...size, now, onProgress: failing })).toThrow('disk full');
    expect(isSeeded(db)).toBe(false);
    expect(filledTables(db)).toEqual([]);
    expect(count(db, 'SELECT count(*) FROM meta')).toBe(0);
    seedDemoStore(db, config, { products: 10, customers: 10, sales: 10, now });
    expect(isSeeded(db)).toBe(true);
    db.close();
  });

  it('refuses bad sizes and seeds before writing anything', () => {
    const db = freshDb();
    for (const bad of [
      { products: -1 },
      { customers: 1.5 },
      { sales: 20_000_000 },
      { history: -1 },
      { seed: 2 ** 32 },
      { seed: -1 },
    ]) {
      expect(() => seedDemoStore(db, config, { ...bad, now })).toThrow(RangeError);
    }
    expect(filledTables(db)).toEqual([]);
    db.close();
  });

  it("seeds the till's first-run store by default, with the demo PINs working", () => {
    const db = freshDb();
    const summary = seedDemoStore(db, config);
    expect(summary).toMatchObject({
      products: demoProductList.length + defaultSeedSize.products,
      customers: demoCustomerCount + defaultSeedSize.customers,
      sales: defaultSeedSize.sales,
    });
    const hashes = db.prepare('SELECT id, pin_hash AS hash FROM users ORDER BY id').all() as {
      id: number;
      hash: string;
    }[];
    for (const user of demoUsers) {
      const stored = hashes.find(({ id }) => id === user.id)?.hash ?? '';
      expect(stored).not.toContain(user.pin);
      expect(verifyPin(user.pin, stored)).toBe(true);
    }
    db.close();
  });
});
