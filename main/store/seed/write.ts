// Writes the demo store into an opened, migrated database: the fixed catalogue and staff always,
// generated products, customers and sales on top. Seeded history counts as already known to HQ, so
// it writes no outbox rows; it moves the receipt sequence past the seeded sales instead.
//
// All of it is one transaction: a seed that fails leaves the database as empty as it found it, never
// half a store that isSeeded() would take for a whole one. (The CLI goes further and builds into a
// scratch file it renames into place at the end, see command.ts.)
import type { TillConfig } from '../../../contract/config';
import { nameSearchText, normaliseEmail } from '../../domain/customer-identity';
import { hashPin } from '../../security/pin';
import type { Db } from '../db';
import { createSales } from '../sales';
import { demoCategories } from './categories';
import { demoProductList, demoUsers } from './demo-catalog';
import { checkCount, generateCustomers, generateProducts, generateSales, historyEnd } from './generate';
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
  /** 0 to 2^32 − 1; the same seed and day build the same store. */
  seed?: number;
  /** Its UTC day ends the sales history and customer sign-ups (at 00:00 UTC); the clock by default. */
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

export const DEFAULT_SEED = 42;
export const MAX_SEED = 0xffff_ffff;
/** Progress is reported every this many rows (and at the end of each table). */
const PROGRESS_EVERY_ROWS = 50_000;

/**
 * A seeded database has a catalogue; a till's own first run never creates products. Products are
 * written in the seed's single transaction, so they exist only once the whole store does.
 */
export function isSeeded(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM products)').pluck().get() === 1;
}

/** Thrown, before anything is written, when the database already holds data. */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

/** Tables a seed writes, or that a till in use fills: any row in them means "not an empty store". */
export const storeTables = [
  'categories',
  'products',
  'users',
  'customers',
  'sales',
  'returns',
  'outbox',
  'sequences',
] as const;

/** The tables of `storeTables` that hold at least one row. */
export function filledTables(db: Db): string[] {
  return storeTables.filter(
    (table) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1,
  );
}

function refuseIfNotEmpty(db: Db): void {
  const filled = filledTables(db);
  if (filled.length > 0) {
    throw new SeedRefusedError(
      `refusing to seed a database that already has ${filled.join(', ')}; seed an empty one`,
    );
  }
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
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
    `INSERT INTO customers (id, card_no, name, phone, phone_e164, email, email_norm, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const card = db.prepare('INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES (?, ?, ?)');
  const customerName = db.prepare('INSERT INTO customer_names (rowid, terms) VALUES (?, ?)');
  const sequence = db.prepare('INSERT INTO sequences (name, value) VALUES (?, ?)');
  const meta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    category,
    user,
    sequence,
    meta,
    /** Returns the rows written. */
    product(row: ProductRow): number {
      product.run(row.id, row.sku, row.categoryId, row.unit, row.priceMinor, row.taxRateBp, row.plu);
      const names = Object.entries(row.names);
      for (const [locale, name] of names) productName.run(row.id, locale, name);
      for (const code of row.barcodes) barcode.run(code, row.id);
      return 1 + names.length + row.barcodes.length;
    },
    customer(row: CustomerRow): number {
      // Generated phones are E.164 and addresses lower case already; the name index is what
      // the till's own enrolment writes (domain/customer-identity.ts).
      const emailNorm = row.email === null ? null : normaliseEmail(row.email);
      customer.run(row.id, row.cardNo, row.name, row.phone, row.phone, row.email, emailNorm, row.createdAt);
      card.run(row.cardNo, row.id, row.createdAt);
      customerName.run(row.id, nameSearchText(row.name));
      return 3;
    },
  };
}

function* concat<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const part of parts) yield* part;
}

/**
 * Seeds an empty database and returns what it wrote; throws SeedRefusedError if the database already
 * holds data. It all happens in one transaction, so a seed that fails (or is killed, in a journalled
 * database) leaves the database empty rather than half a store that isSeeded() would then take for a
 * whole one. Marks the store as a demo one (meta `demo`, which shows the demo PINs at login) and
 * records what was seeded (meta `seed`).
 */
export function seedDemoStore(db: Db, config: TillConfig, options: SeedOptions = {}): SeedSummary {
  const size: SeedSize = {
    products: options.products ?? defaultSeedSize.products,
    customers: options.customers ?? defaultSeedSize.customers,
    sales: options.sales ?? defaultSeedSize.sales,
  };
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? new Date();
  // Bad arguments fail here, before a transaction is opened or a PIN hashed.
  checkCount('products', size.products);
  checkCount('customers', size.customers);
  checkCount('sales', size.sales);
  checkSeed(seed);
  const asOf = new Date(historyEnd(now)).toISOString().slice(0, 10);
  // scrypt is slow by design; hash before the write lock is taken.
  const pinHashes = demoUsers.map((user) => hashPin(user.pin));
  const insert = prepareInserts(db);
  const sales = createSales(db);
  const summary: SeedSummary = {
    categories: 0,
    products: 0,
    barcodes: 0,
    users: 0,
    customers: 0,
    sales: 0,
    rows: 0,
  };

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
    const history = generateSales({
      seed,
      count: size.sales,
      products: size.products,
      customers: size.customers,
      now,
      config,
    });
    summary.sales = load('sales', size.sales, history, (sale) => {
      sales.insertSale(sale);
      return 1 + sale.lines.length + sale.payments.length;
    });
    // The sequence holds the last number used (store/sequences.ts): the next sale takes the one after.
    insert.sequence.run('sale', summary.sales);
    insert.meta.run('demo', '1');
    insert.meta.run('seed', JSON.stringify({ seed, ...size, asOf }));
    summary.rows += 3;
  })();
  return summary;
}
