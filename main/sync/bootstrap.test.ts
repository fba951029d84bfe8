import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateChainData } from '../../hq/chain-data';
import { databaseFile } from '../config/paths';
import { silentLogger } from '../log';
import { createCatalog } from '../store/catalog';
import { createCustomers } from '../store/customers';
import { openDatabase } from '../store/db';
import type { Db } from '../store/db';
import { ean13 } from '../services/test-till';
import { bootstrapTill } from './bootstrap';
import type { BootstrapProgress } from './bootstrap';
import { readCredentials } from './credentials';
import { enrolTill } from './enrol';
import { createPuller } from './puller';
import { STORE, startPullWorld } from './test-pull';
import type { PullWorld } from './test-pull';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const PRODUCTS = 3000;
const CUSTOMERS = 6000;
let world: PullWorld;
const dirs: string[] = [];

beforeAll(async () => {
  world = await startPullWorld();
  await generateChainData(world.hq.pool, { products: PRODUCTS, customers: CUSTOMERS, firstProductId: 1001 });
  await world.hq.pool.query(
    `UPDATE customers SET erased_at = now(), name = '', phone_e164 = NULL WHERE id = 17`,
  );
}, 60_000);
afterAll(async () => {
  await world?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An empty till folder, enrolled with HQ through the proxy, and its database opened for bulk work. */
async function newTill(terminalCode: string): Promise<{ dir: string; db: Db }> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bootstrap-'));
  dirs.push(dir);
  const enrolled = await enrolTill(world.proxy.url, await world.hq.enrolmentCode(STORE), {
    dataDir: dir,
    terminalCode,
    storeCode: STORE,
  });
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  return { dir, db: openDatabase(databaseFile(dir), { synchronous: 'NORMAL' }) };
}

const count = (db: Db, table: string, where = '1') =>
  db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;

describe('bootstrapping a new till', () => {
  it('downloads every stream, resumes after the connection is cut, and hands over to the puller', async () => {
    const { dir, db } = await newTill('11');
    const credentials = await readCredentials(dir);
    if (!credentials) throw new Error('not enrolled');
    const progress: BootstrapProgress[] = [];
    let cut = false;
    const summary = await bootstrapTill({
      db,
      credentials,
      checkpointEvery: 1000,
      retryDelayMs: { baseMs: 50, maxMs: 200 },
      onProgress(report) {
        progress.push(report);
        // The customers' snapshot has begun: its connection is lost a little way into the body.
        if (report.stream === 'customers' && !cut) {
          cut = true;
          world.proxy.cutAnswerAfter(100_000);
        }
      },
    });

    expect(summary.resumes).toBeGreaterThanOrEqual(1);
    const resumed = world.proxy.requests.filter((line) => line.startsWith('GET /v1/snapshot/customers?'));
    expect(resumed.length).toBeGreaterThanOrEqual(2);
    expect(resumed.at(-1)).toMatch(/after=v1\./);
    expect(summary.items).toMatchObject({ catalogue: 40 + PRODUCTS, prices: PRODUCTS });
    // What the till holds is what HQ has, once: no row twice after the resumed part came again.
    expect(count(db, 'products')).toBe(PRODUCTS);
    expect(count(db, 'barcodes')).toBe(PRODUCTS);
    expect(count(db, 'products', 'active = 1 AND priced = 1')).toBe(PRODUCTS);
    expect(count(db, 'customers')).toBe(CUSTOMERS);
    expect(count(db, 'customer_cards')).toBe(CUSTOMERS - 1);
    expect(count(db, 'customer_names_docsize')).toBe(CUSTOMERS - 1);
    expect(count(db, 'customer_consents')).toBe(2 * (CUSTOMERS - 1));
    const last = progress.filter((report) => report.stream === 'customers').at(-1);
    expect(last).toMatchObject({ done: CUSTOMERS, total: CUSTOMERS });

    // The till finds what it downloaded, the way checkout and the customer panel look it up.
    expect(createCatalog(db).productByBarcode(ean13('460000002000'))).toMatchObject({ productId: 2000 });
    const customers = createCustomers(db);
    expect(customers.customerByCard(ean13('270000004321'))).toMatchObject({ id: 4321 });
    expect(customers.customersByName('"ivanov"* AND "iuliia"*', 5).length).toBeGreaterThan(0);
    expect(customers.customerById(17)).toBeNull();

    // The puller goes on from where the snapshot ended: only what changed since comes down.
    await world.hq.pool.query(`UPDATE products SET active = false WHERE id = 1500`);
    const puller = createPuller({ db, dataDir: dir, log: silentLogger, schedule: () => () => {} });
    puller.start();
    const cycle = await puller.pullNow();
    puller.stop();
    expect(cycle.failed).toEqual([]);
    expect(cycle.applied).toEqual({ catalogue: 1 });
    db.close();
  });

  it('applies a checkpoint in short transactions when asked, moving and counting the cursor once, also across a cut', async () => {
    const { dir, db } = await newTill('13');
    const credentials = await readCredentials(dir);
    if (!credentials) throw new Error('not enrolled');
    let transactions = 0;
    let cut = false;
    const summary = await bootstrapTill({
      db,
      credentials,
      streams: ['customers'],
      checkpointEvery: 3000,
      // Shorter than any transaction: each slice is the smallest (100 items).
      transactionMs: 0.001,
      beforeTransaction: () => (transactions += 1),
      retryDelayMs: { baseMs: 20, maxMs: 50 },
      onProgress(report) {
        if (!cut) {
          cut = true;
          world.proxy.cutAnswerAfter(150_000);
        }
        expect(report.done % 3000 === 0 || report.done === CUSTOMERS).toBe(true);
      },
    });
    expect(summary.resumes).toBeGreaterThanOrEqual(1);
    // Two checkpoints, in dozens of transactions.
    expect(transactions).toBeGreaterThan(10 * (CUSTOMERS / 3000));
    expect(count(db, 'customers')).toBe(CUSTOMERS);
    // Slices committed before a cut and read again are counted once, with the checkpoint's cursor.
    expect(db.prepare(`SELECT items FROM sync_cursors WHERE stream = 'customers'`).pluck().get()).toBe(
      CUSTOMERS,
    );
    db.close();
  });

  it('stops with the reason when HQ sends an item the contract does not allow, keeping what it committed', async () => {
    const { dir, db } = await newTill('12');
    const credentials = await readCredentials(dir);
    if (!credentials) throw new Error('not enrolled');
    await world.hq.pool.query(`UPDATE customers SET birthday = 'in the spring of 1985' WHERE id = 2500`);
    await expect(
      bootstrapTill({ db, credentials, checkpointEvery: 1000, streams: ['catalogue', 'customers'] }),
    ).rejects.toThrow(/customers: SNAPSHOT_INVALID/);
    expect(count(db, 'products')).toBe(PRODUCTS);
    // The bad profile was changed last, so it is the stream's last item: whole checkpoints only, up to
    // the one before it.
    expect(count(db, 'customers')).toBe(5000);
    await world.hq.pool.query(`UPDATE customers SET birthday = NULL WHERE id = 2500`);
    db.close();
  });
});
