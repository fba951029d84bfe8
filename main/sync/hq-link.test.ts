import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import type { SyncStatus } from '../../contract/sync-status';
import { generateChainData } from '../../hq/chain-data';
import { createMeta } from '../store/meta';
import { cashier, ean13, manager, openTestTill } from '../services/test-till';
import type { TestTill } from '../services/test-till';
import { enrolTill } from './enrol';
import { STORE, startPullWorld, waitFor } from './test-pull';
import type { PullWorld } from './test-pull';

// A real PostgreSQL, a real till and its bootstrap worker on 2 shared cores.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const PRODUCTS = 1000;
const CUSTOMERS = 2000;
/** A product only HQ has: the test till's own catalogue is six items. */
const hqOnly = { id: 1500, barcode: ean13(`46${String(1500).padStart(10, '0')}`) };
let world: PullWorld;
const tills: TestTill[] = [];
let terminalNo = 30;

beforeAll(async () => {
  world = await startPullWorld();
  await generateChainData(world.hq.pool, { products: PRODUCTS, customers: CUSTOMERS, firstProductId: 1001 });
}, 60_000);
afterEach(() => {
  for (const till of tills.splice(0)) {
    till.close();
    rmSync(till.dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await world?.close();
});

/** A new till, with what it announces to the screen. */
function newTill(dataDir?: string) {
  terminalNo += 1;
  const till = openTestTill({
    config: { ...defaultTillConfig, terminal: { code: String(terminalNo) } },
    bootstrap: { settings: { checkpointEvery: 250, retryDelayMs: { baseMs: 20, maxMs: 100 } } },
    ...(dataDir && { dataDir }),
  });
  tills.push(till);
  const announced: SyncStatus[] = [];
  till.events.subscribe((name, payload) => {
    if (name === 'sync.changed') announced.push(payload as SyncStatus);
  });
  return { till, announced, terminalCode: String(terminalNo) };
}

const ready = (till: TestTill) =>
  waitFor('the till is ready', () => till.services.link.status().bootstrap?.phase === 'done', 20_000);

describe('the till’s link to HQ around its first download', () => {
  it('answers an enrolment with the till preparing, shows the download, then pulls from where it ended', async () => {
    const { till, announced } = newTill();
    await till.must('session.login', { userId: manager.id, pin: manager.pin });
    expect(await till.must('sync.status', {})).toMatchObject({
      state: 'not-enrolled',
      hqUrl: null,
      bootstrap: null,
    });

    const answer = await till.must('sync.enrol', {
      hqUrl: world.proxy.url,
      code: await world.hq.enrolmentCode(STORE),
    });
    // Not "online, all done" for a till without HQ's catalogue and customers.
    expect(answer).toMatchObject({
      state: 'preparing',
      hqUrl: world.proxy.url,
      bootstrap: { phase: 'starting' },
    });

    await ready(till);
    const customersSeen = announced
      .map((status) => status.bootstrap?.streams.find((entry) => entry.stream === 'customers'))
      .filter((entry) => entry?.state === 'downloading');
    expect(customersSeen.length).toBeGreaterThan(0);
    expect(announced.filter((status) => status.state === 'preparing').length).toBeGreaterThan(1);

    // The puller takes over from the snapshots' cursors: a change at HQ since comes down by itself.
    await waitFor('the puller is idle', () => till.services.link.status().pull.state === 'idle', 10_000);
    const status = await till.must('sync.status', {});
    expect(status).toMatchObject({ state: 'online', hqUrl: world.proxy.url, pull: { lastError: null } });
    expect(status.pull.streams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stream: 'catalogue', items: 40 + PRODUCTS }),
        expect.objectContaining({ stream: 'customers', items: CUSTOMERS }),
      ]),
    );
    // The credential never reaches the screen.
    expect(JSON.stringify(status)).not.toMatch(/credential|Bearer/i);
    expect(createMeta(till.db).get('sync.bootstrap')).toBe('done');

    // What only HQ had is at the till: the product scans, the customer is found by card.
    await till.must('session.logout', {});
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    const cart = await till.must('cart.scan', { code: hqOnly.barcode, source: 'wedge' });
    expect(cart.lines.map((line) => line.productId)).toEqual([hqOnly.id]);
    expect(await till.must('customers.identify', { query: ean13('270000001234') })).toMatchObject({
      kind: 'one',
      profile: { id: 1234 },
    });
  });

  it('bootstraps at its first start after `npm run enrol`, with the puller waiting until it is done', async () => {
    const { till: first, terminalCode } = newTill();
    const enrolled = await enrolTill(world.proxy.url, await world.hq.enrolmentCode(STORE), {
      dataDir: first.dataDir,
      terminalCode,
      storeCode: STORE,
    });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    first.close();
    tills.splice(tills.indexOf(first), 1);

    world.proxy.requests.length = 0;
    const { till } = newTill(first.dataDir);
    await ready(till);
    expect(till.services.link.status()).toMatchObject({
      hqUrl: world.proxy.url,
      bootstrap: { phase: 'done' },
    });
    await waitFor('the puller has run', () => till.services.link.status().pull.lastPullAt !== null, 10_000);
    // Snapshots first; the puller's pages only after them, each after a snapshot's cursor.
    const pulls = world.proxy.requests.filter((line) => /^GET \/v1\/(snapshot|pull)\//.test(line));
    const firstPage = pulls.findIndex((line) => line.startsWith('GET /v1/pull/'));
    expect(pulls.slice(0, firstPage).every((line) => line.startsWith('GET /v1/snapshot/'))).toBe(true);
    expect(pulls.find((line) => line.startsWith('GET /v1/pull/catalogue'))).toMatch(/after=v1\./);
    expect(till.services.link.status().state).not.toBe('preparing');
  });

  it('shows a stopped download with its reason until Retry now goes on from its checkpoints', async () => {
    const { till } = newTill();
    await till.must('session.login', { userId: manager.id, pin: manager.pin });
    await world.hq.pool.query(`UPDATE customers SET birthday = 'in the spring of 1985' WHERE id = 1500`);
    try {
      await till.must('sync.enrol', { hqUrl: world.proxy.url, code: await world.hq.enrolmentCode(STORE) });
      await waitFor('the download stopped', () => till.services.link.status().bootstrap?.phase === 'failed');
      const stopped = await till.must('sync.status', {});
      expect(stopped).toMatchObject({
        state: 'preparing',
        bootstrap: { phase: 'failed', error: { stream: 'customers', code: 'SNAPSHOT_INVALID' } },
      });
      // The puller does not fetch page by page what the bootstrap could not.
      expect(stopped.pull.lastPullAt).toBeNull();
    } finally {
      await world.hq.pool.query(`UPDATE customers SET birthday = NULL WHERE id = 1500`);
    }
    world.proxy.requests.length = 0;
    expect((await till.must('sync.retryNow', {})).bootstrap?.phase).toBe('starting');
    await ready(till);
    expect(world.proxy.requests.find((line) => line.startsWith('GET /v1/snapshot/catalogue'))).toMatch(
      /after=v1\./,
    );
    expect(
      till.services.link.status().bootstrap?.streams.find((s) => s.stream === 'customers'),
    ).toMatchObject({
      state: 'done',
      done: CUSTOMERS,
    });
    await waitFor('the puller is idle', () => till.services.link.status().pull.state === 'idle', 10_000);
  });
});
