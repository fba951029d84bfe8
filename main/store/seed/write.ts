// Writes the demo store into an opened, migrated database: the fixed catalogue and staff always,
// generated products, customers and sales on top. Seeded history counts as already known to HQ, so
// it writes no outbox rows; it moves the receipt sequence past the seeded sales instead.
import type { TillConfig } from '../../../contract/config';
import { hashPin } from '../../security/pin';
import type { Db } from '../db';
import { createSales } from '../sales';
import { demoCategories } from './categories';
import { demoProductList, demoUsers } from './demo-catalog';
import { generateCustomers, generateProducts, generateSales } from './generate';
import type { CustomerRow, ProductRow } from './rows';

export interface SeedSize {
  /** Generated products on top of the fixed demo catalogue. */
  products: number;
  customers: number;
  sales: number;
}

/** What `npm start` seeds on first run: small enough to take about a second. */
export const defaultSeedSize: SeedSize = { products: 2000, customers: 500, sales: 300 };

export type SeedTable = 'categories' | 'products' | 'users' | 'customers' | 'sales';

export interface SeedProgress {
  table: SeedTable;
  done: number;
  total: number;
}

export interface SeedOptions extends Partial<SeedSize> {
  seed?: number;
  /** The end of the sales history and of customer sign-ups; the clock by default. */
  now?: Date;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  categories: number;
  products: number;
  barcodes: number;
  users: number;
  customers: number;
  sales: number;
  /** Every row written, in every table. */
  rows: number;
}

const DEFAULT_SEED = 42;
/** Progress is reported every this many rows (and at the end of each table). */
const PROGRESS_EVERY_ROWS = 50_000;

/** A seeded database has a catalogue; a till's own first run never creates products. */
export function isSeeded(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM products)').pluck().get() === 1;
}

function refuseIfNotEmpty(db: Db): void {
  const filled = ['products', 'users', 'customers', 'sales'].filter(
    (table) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1,
  );
  if (filled.length > 0) {
    throw new Error(`refusing to seed a database that already has ${filled.join(', ')}; seed an empty one`);
  }
}

function prepareInserts(db: Db) {
  const category = db.prepare('INSERT INTO categories (id, parent_id, names) VALUES (?, ?, ?)');
  const product = db.prepare(
    `INSERT INTO products (id, sku, category_id, unit, price_minor, tax_rate_bp, plu) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const productName = db.prepare('INSERT INTO product_names (product_id, locale, name) VALUES (?, ?, ?)');
  const barcode = db.prepare('INSERT INTO barcodes (code, product_id) VALUES (?, ?)');
  const user = db.prepare('INSERT INTO users (id, name, role, pin_hash) VALUES (?, ?, ?, ?)');
  const customer = db.prepare(
    'INSERT INTO customers (id, card_no, name, phone, email, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const sequence = db.prepare(
    'INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  );
  return {
    category,
    user,
    sequence,
    /** Returns the rows written. */
    product(row: ProductRow): number {
      product.run(row.id, row.sku, row.categoryId, row.unit, row.priceMinor, row.taxRateBp, row.plu);
      for (const [locale, name] of Object.entries(row.names)) productName.run(row.id, locale, name);
      for (const code of row.barcodes) barcode.run(code, row.id);
      return 1 + 3 + row.barcodes.length;
    },
    customer(row: CustomerRow): number {
      customer.run(row.id, row.cardNo, row.name, row.phone, row.email, row.createdAt);
      return 1;
    },
  };
}

function* concat<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const part of parts) yield* part;
}

/**
 * Seeds an empty database and returns what it wrote; throws if the database already holds a store.
 * It all happens in one transaction, so a seed that fails or is killed leaves the database empty
 * rather than half a store that isSeeded() would then take for a whole one.
 */
export function seedDemoStore(db: Db, config: TillConfig, options: SeedOptions = {}): SeedSummary {
  const size: SeedSize = {
    products: options.products ?? defaultSeedSize.products,
    customers: options.customers ?? defaultSeedSize.customers,
    sales: options.sales ?? defaultSeedSize.sales,
  };
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? new Date();
  // scrypt is slow by design; hash before the write lock is taken.
  const pinHashes = demoUsers.map((user) => hashPin(user.pin));
  const insert = prepareInserts(db);
  const sales = createSales(db);
  const summary: SeedSummary = { categories: 0, products: 0, barcodes: 0, users: 0, customers: 0, sales: 0, rows: 0 };

  function load<T>(table: SeedTable, total: number, items: Iterable<T>, write: (item: T) => number): number {
    let done = 0;
    let sinceReport = 0;
    options.onProgress?.({ table, done, total });
    for (const item of items) {
      const rows = write(item);
      done += 1;
      summary.rows += rows;
      sinceReport += rows;
      if (sinceReport >= PROGRESS_EVERY_ROWS) {
        sinceReport = 0;
        options.onProgress?.({ table, done, total });
      }
    }
    options.onProgress?.({ table, done, total });
    return done;
  }

  db.transaction(() => {
    refuseIfNotEmpty(db);
    summary.categories = load('categories', demoCategories.length, demoCategories, (row) => {
      insert.category.run(row.id, row.parentId, JSON.stringify(row.names));
      return 1;
    });
    const products = concat(demoProductList, generateProducts(seed, size.products));
    summary.products = load('products', demoProductList.length + size.products, products, (row) => {
      summary.barcodes += row.barcodes.length;
      return insert.product(row);
    });
    summary.users = load('users', demoUsers.length, demoUsers.entries(), ([index, user]) => {
      insert.user.run(user.id, user.name, user.role, pinHashes[index]);
      return 1;
    });
    const customers = generateCustomers(seed, size.customers, now);
    summary.customers = load('customers', size.customers, customers, insert.customer);
    const history = generateSales({ seed, count: size.sales, products: size.products, customers: size.customers, now, config });
    summary.sales = load('sales', size.sales, history, (sale) => {
      sales.insertSale(sale);
      return 1 + sale.lines.length + sale.payments.length;
    });
    // The sequence holds the last number used (store/sequences.ts): the next sale takes the one after.
    insert.sequence.run('sale', summary.sales);
    summary.rows += 1;
  })();
  return summary;
}
