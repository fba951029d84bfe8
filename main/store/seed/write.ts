// Writes the demo store into an opened, migrated database: the fixed catalogue, staff and demo
// customers always; generated products, customers (with consents, preferences, tags and notes), this
// till's sales and HQ's history of their purchases elsewhere on top; then what HQ's jobs make of it
// (tiers, points, lifetime value, coupons, saved bags) and the local RFM boundaries. Seeded data counts
// as already known to HQ, so it writes no outbox rows; it moves the receipt sequence past the seeded
// sales instead.
//
// All of it is one transaction: a seed that fails leaves the database as empty as it found it, never
// half a store that isSeeded() would take for a whole one. (The CLI goes further and builds into a
// scratch file it renames into place at the end, see command.ts.)
import type { TillConfig } from '../../../contract/config';
import { hashPin } from '../../security/pin';
import type { Db } from '../db';
import { computeRfmBoundaries } from '../rfm-boundaries';
import { createSales } from '../sales';
import { DAY_MS, historyEnd } from './calendar';
import { otherStores } from './chain';
import { Clientele } from './clientele';
import { CouponCodes, couponUnitMinor, demoCouponRow } from './coupons';
import { demoCategories } from './categories';
import { demoProductList, demoUsers } from './demo-catalog';
import {
  FIRST_GENERATED_CUSTOMER_ID,
  annaCoupons,
  annaElsewhere,
  annaSavedBag,
  campaignCoupon,
  demoCustomers,
} from './demo-customers';
import { generateSales } from './generate';
import { generateHistory } from './history';
import { deferIndexes } from './deferred-indexes';
import { prepareInserts } from './inserts';
import { checkCount } from './limits';
import { Ledger, hqCoupons, savedBag, standingOf } from './loyalty';
import { generateProducts } from './products';
import { generateCustomers } from './profiles';
import { Stream, rngFor } from './prng';
import { Shelf } from './shopping';

export interface SeedSize {
  /** Generated products on top of the fixed demo catalogue. */
  products: number;
  /** Generated customers on top of the fixed demo customers. */
  customers: number;
  /** This till's sales over the 180 days before the end. */
  sales: number;
  /** Generated documents (receipts of other stores, online orders) in HQ's purchase history. */
  history: number;
}

/** What `npm start` seeds on first run: small enough to take well under a second. */
export const defaultSeedSize: SeedSize = { products: 2000, customers: 500, sales: 300, history: 1200 };

export type SeedTable = 'categories' | 'products' | 'users' | 'customers' | 'sales' | 'history' | 'loyalty';

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
  /** Demo and generated. */
  customers: number;
  sales: number;
  /** Purchase-history documents (each of one or more lines). */
  history: number;
  coupons: number;
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
    history: options.history ?? defaultSeedSize.history,
  };
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? new Date();
  // Bad arguments fail here, before a transaction is opened or a PIN hashed.
  for (const [name, count] of Object.entries(size)) checkCount(name, count);
  checkSeed(seed);
  const end = historyEnd(now);
  const asOf = new Date(end).toISOString().slice(0, 10);
  // scrypt is slow by design; hash before the write lock is taken.
  const pinHashes = demoUsers.map((user) => hashPin(user.pin));
  const insert = prepareInserts(db);
  const sales = createSales(db);
  const currency = config.store.currency;
  const unit = couponUnitMinor(currency);
  const summary: SeedSummary = {
    categories: 0,
    products: 0,
    barcodes: 0,
    users: 0,
    customers: 0,
    sales: 0,
    history: 0,
    coupons: 0,
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
  const writeCoupon = (row: Parameters<typeof insert.coupon>[0]) => {
    summary.coupons += 1;
    return insert.coupon(row);
  };

  db.transaction(() => {
    refuseIfNotEmpty(db);
    const restoreIndexes = deferIndexes(db, bulkTables);
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

    // What HQ's jobs need later, kept from the customers as they are written.
    const idLimit = FIRST_GENERATED_CUSTOMER_ID + size.customers;
    const joined = new Float64Array(idLimit);
    const birthdays: (string | null)[] = new Array<string | null>(idLimit).fill(null);
    const customers = generateCustomers({ seed, count: size.customers, now, config });
    const customerTotal = FIRST_GENERATED_CUSTOMER_ID - 1 + size.customers;
    summary.customers = load('customers', customerTotal, customers, (row) => {
      joined[row.id] = Date.parse(row.createdAt);
      birthdays[row.id] = row.birthday;
      return insert.customer(row);
    });

    const shelf = new Shelf(seed, size.products);
    const clientele = new Clientele(seed, size.customers, end, otherStores(config.store.code), shelf);
    const couponCodes = new CouponCodes(seed);
    const ledger = new Ledger(idLimit, end);
    const saleRows = generateSales({
      seed,
      count: size.sales,
      products: size.products,
      customers: size.customers,
      now,
      config,
      shelf,
      clientele,
      couponCodes,
    });
    summary.sales = load('sales', size.sales, saleRows, ({ redeemed, ...sale }) => {
      sales.insertSale(sale);
      if (sale.customerId !== null && sale.status === 'completed') {
        ledger.record(sale.customerId, Date.parse(sale.createdAt), sale.totalMinor);
      }
      return 1 + sale.lines.length + sale.payments.length + (redeemed ? writeCoupon(redeemed) : 0);
    });

    const documents = generateHistory({
      seed,
      count: size.history,
      customers: size.customers,
      now,
      config,
      shelf,
      clientele,
    });
    const annaDocuments = annaElsewhere.store.days.length + annaElsewhere.online.days.length;
    summary.history = load('history', size.history + annaDocuments, documents, (document) => {
      const total = document.lines.reduce((sum, line) => sum + line.totalMinor, 0);
      ledger.record(document.customerId, Date.parse(document.purchasedAt), total);
      return insert.history(document);
    });

    const { anna } = demoCustomers;
    load('loyalty', customerTotal, customerIds(idLimit), (id) => {
      const demo = id < FIRST_GENERATED_CUSTOMER_ID;
      // A merged profile's purchases and offers are its survivor's; an erased one has none.
      if (id === demoCustomers.annaDuplicate.id || id === demoCustomers.erased.id) return 0;
      const standing = standingOf(rngFor(seed, Stream.loyalty, id), ledger, id, unit, end);
      let rows = insert.standing(id, standing);
      if (demo) return rows;
      const rng = rngFor(seed, Stream.coupon, id);
      const context = {
        id,
        tier: standing.tier,
        joined: joined[id] ?? 0,
        birthday: birthdays[id] ?? null,
        end,
        unit,
      };
      for (const coupon of hqCoupons(rng, ledger, context, couponCodes)) rows += writeCoupon(coupon);
      for (const item of savedBag(rng, ledger, id, shelf, config.store.code, end))
        rows += insert.bagItem(item);
      return rows;
    });
    for (const coupon of Object.values(annaCoupons))
      summary.rows += writeCoupon(demoCouponRow(coupon, anna.id, end, currency));
    summary.rows += writeCoupon(demoCouponRow(campaignCoupon, null, end, currency));
    summary.rows += insert.bagItem({
      customerId: anna.id,
      productId: annaSavedBag.productId,
      quantityMilli: annaSavedBag.quantityMilli,
      savedAt: new Date(end - annaSavedBag.savedDaysAgo * DAY_MS + 16 * 3_600_000).toISOString(),
      storeCode: config.store.code,
      cashierId: demoUsers[0]?.id ?? null,
    });
    restoreIndexes();
    summary.rows += computeRfmBoundaries(db, new Date(end)) === null ? 0 : 3;

    // The sequence holds the last number used (store/sequences.ts): the next sale takes the one after.
    insert.sequence.run('sale', summary.sales);
    insert.meta.run('demo', '1');
    insert.meta.run('seed', JSON.stringify({ seed, ...size, asOf }));
    summary.rows += 3;
  })();
  return summary;
}

/** The tables that take millions of rows at benchmark sizes. */
const bulkTables = [
  'barcodes',
  'customers',
  'customer_cards',
  'customer_consents',
  'sales',
  'sale_lines',
  'payments',
  'purchase_history',
  'coupons',
];

function* customerIds(limit: number): Generator<number> {
  for (let id = 1; id < limit; id++) yield id;
}
