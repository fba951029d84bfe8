import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import { renewEpoch } from '../../hq/db/epoch';
import { startTestHq } from '../../hq/test-hq';
import type { TestHq } from '../../hq/test-hq';
import type { Logger, LogFields } from '../log';
import { cashier, fixture, openTestTill } from '../services/test-till';
import type { TestTill } from '../services/test-till';
import { readCredentials } from './credentials';
import { enrolTill } from './enrol';
import type { Pusher, PusherOptions } from './pusher';
import { startProxy } from './test-proxy';
import type { TestProxy } from './test-proxy';

// A real PostgreSQL and scrypt on 2 shared cores: slower than unit tests when the suite runs in parallel.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let hq: TestHq;
let proxy: TestProxy;
let terminalNo = 0;
const open: { till: TestTill; pusher: Pusher }[] = [];

beforeAll(async () => {
  hq = await startTestHq();
  proxy = await startProxy(Number(new URL(hq.url).port));
  await hq.createStore('0001', 'Omnitill Demo Store');
  // HQ's catalogue holds what the test till sells, at the same prices: a sale raises no flag.
  const items = [fixture.milk, fixture.bread, fixture.coffee];
  for (const [index, item] of items.entries()) {
    const id = index + 1;
    await hq.pool.query(
      `INSERT INTO products (id, sku, names, unit, tax_rate_bp) VALUES ($1, $2, $3, 'piece', $4)`,
      [id, `sku-${id}`, JSON.stringify({ ru: item.name }), item.taxRateBp],
    );
    await hq.pool.query('INSERT INTO product_barcodes (code, product_id) VALUES ($1, $2)', [
      item.barcode,
      id,
    ]);
    await hq.pool.query(
      `INSERT INTO prices (product_id, price_minor, valid_from) VALUES ($1, $2, '2020-01-01')`,
      [id, item.priceMinor],
    );
  }
}, 30_000);
afterEach(() => {
  proxy.up();
  proxy.dropAnswers(0);
  for (const { till, pusher } of open.splice(0)) {
    pusher.stop();
    till.close();
    rmSync(till.dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await proxy?.close();
  await hq?.close();
});

interface Setup {
  enrolled?: boolean;
  pusher?: Partial<PusherOptions>;
}

/** A real till (SQLite, services) enrolled with HQ through the proxy, and its pusher, started. */
async function tillWithPusher(setup: Setup = {}) {
  terminalNo += 1;
  const terminalCode = String(terminalNo).padStart(2, '0');
  const lines: { event: string; fields: LogFields }[] = [];
  const record =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      lines.push({ event: `${level}:${event}`, fields });
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const till = openTestTill({
    config: { ...defaultTillConfig, terminal: { code: terminalCode } },
    log,
    sync: { backoff: { baseMs: 20, maxMs: 200 }, ...setup.pusher },
  });
  await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
  let terminalId = '';
  if (setup.enrolled ?? true) {
    const enrolled = await enrolTill(proxy.url, await hq.enrolmentCode('0001'), {
      dataDir: till.dataDir,
      terminalCode,
      storeCode: '0001',
    });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    terminalId = enrolled.value.terminalId;
  }
  // The till's own pusher, as checkout kicks it after every sale; it learns of the enrolment at once,
  // as it will from the first-run screen.
  const pusher = till.services.sync;
  pusher.retryNow();
  open.push({ till, pusher });

  /** Rings up a cash sale; committing it kicks the pusher. */
  async function sell(...barcodes: string[]): Promise<number> {
    let cartId = '';
    let totalMinor = 0;
    for (const code of barcodes) {
      const cart = await till.must('cart.scan', { code, source: 'wedge' });
      cartId = cart.id;
      totalMinor = cart.totalMinor;
    }
    const outcome = await till.must('payment.cash', { cartId, receivedMinor: totalMinor });
    expect(outcome.status).toBe('completed');
    return totalMinor;
  }
  const atHq = () => hq.count('sales', 'terminal_id = $1', [terminalId]);
  const hqTotal = async () =>
    (
      await hq.pool.query<{ total: number | null }>(
        'SELECT sum(total_minor)::bigint AS total FROM sales WHERE terminal_id = $1',
        [terminalId],
      )
    ).rows[0]?.total ?? 0;
  const unpushed = () => till.db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get();
  return { till, pusher, sell, atHq, hqTotal, unpushed, lines, terminalId };
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const { milk, bread, coffee } = fixture;

describe('pushing the till outbox to HQ', () => {
  it('delivers sales rung up at the till exactly once, within a second of each sale', async () => {
    const t = await tillWithPusher();
    await waitFor('the pusher is idle', () => t.pusher.status().state !== 'not-enrolled');
    let total = 0;
    const latencies: number[] = [];
    for (const items of [[milk.barcode, bread.barcode], [coffee.barcode], [milk.barcode, milk.barcode]]) {
      const before = await t.atHq();
      total += await t.sell(...items);
      const sold = performance.now();
      await waitFor('HQ has the sale', async () => (await t.atHq()) === before + 1);
      latencies.push(performance.now() - sold);
    }
    expect(Math.max(...latencies)).toBeLessThan(1000);
    await waitFor('the outbox is acknowledged', () => t.unpushed() === 0);
    expect(await t.atHq()).toBe(3);
    expect(await t.hqTotal()).toBe(total);
    expect(await hq.count('review_flags', 'terminal_id = $1', [t.terminalId])).toBe(0);
    expect(t.pusher.status()).toMatchObject({ state: 'online', queueDepth: 0, offlineSince: null });
    expect(t.pusher.status().lastSuccessAt).not.toBeNull();
  });

  it('says so when the till is not enrolled, and sends nothing', async () => {
    const t = await tillWithPusher({ enrolled: false });
    await t.sell(milk.barcode);
    await waitFor(
      'the pusher looked',
      () => t.lines.length > 0 || t.pusher.status().state === 'not-enrolled',
    );
    expect(t.pusher.status()).toMatchObject({ state: 'not-enrolled', queueDepth: 1 });
  });
});

describe('when HQ is away', () => {
  it('keeps selling, backs off exponentially with full jitter, and drains the queue once HQ is back', async () => {
    const timers: { ms: number; task: () => void; cancelled: boolean }[] = [];
    let jitter = 1 - 1e-9;
    let attempts = 0;
    const t = await tillWithPusher({
      pusher: {
        // Production's back-off, on a clock the test moves: 10 minutes pass in a few hundred ms.
        backoff: { baseMs: 1000, maxMs: 60_000 },
        random: () => jitter,
        schedule: (task, ms) => {
          const timer = { ms, task, cancelled: false };
          timers.push(timer);
          return () => {
            timer.cancelled = true;
          };
        },
        fetch: (input, init) => {
          attempts += 1;
          return fetch(input, init);
        },
      },
    });
    const pending = () => timers.filter((timer) => !timer.cancelled).at(-1);
    const elapse = async () => {
      const timer = pending();
      if (!timer) throw new Error('nothing scheduled');
      timer.cancelled = true;
      const before = timers.length;
      timer.task();
      await waitFor('the pusher scheduled its next attempt', () => timers.length > before);
      return timer.ms;
    };
    await waitFor('the pusher is idle', () => timers.length > 0);

    proxy.down();
    let total = await t.sell(milk.barcode);
    await waitFor('the first attempt failed', () => t.pusher.status().state === 'offline');
    const status = t.pusher.status();
    expect(status.offlineSince).not.toBeNull();
    expect(status.lastError?.code).toBe('HQ_UNREACHABLE');
    expect(status.nextAttemptAt).not.toBeNull();

    const delays: number[] = [];
    let offlineMs = 0;
    while (offlineMs < 10 * 60_000) {
      // Selling goes on; a kick during a back-off does not make the pusher hammer HQ.
      if (delays.length % 3 === 0) total += await t.sell(bread.barcode);
      const ms = await elapse();
      delays.push(ms);
      offlineMs += ms;
    }
    expect(delays.slice(0, 8)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(attempts).toBe(delays.length + 1);
    expect(attempts).toBeLessThan(20);
    const queued = t.pusher.status().queueDepth;
    expect(queued).toBeGreaterThan(3);
    expect(await t.atHq()).toBe(0);

    // Full jitter: anywhere between 0 and the ceiling.
    jitter = 0.25;
    await elapse();
    expect(pending()?.ms).toBe(15_000);

    // "Retry now" on the sync page: no waiting out the back-off.
    proxy.up();
    t.pusher.retryNow();
    await waitFor('the queue drained', () => t.unpushed() === 0);
    expect(await t.atHq()).toBe(queued);
    expect(await t.hqTotal()).toBe(total);
    expect(t.pusher.status()).toMatchObject({ state: 'online', offlineSince: null, queueDepth: 0 });
  });

  it('drains on its own, in real time, soon after HQ restarts', async () => {
    const t = await tillWithPusher();
    const states: string[] = [];
    t.pusher.onStatus((status) => states.push(status.state));
    await hq.stop();
    await t.sell(milk.barcode);
    await t.sell(coffee.barcode);
    await waitFor('the pusher noticed', () => t.pusher.status().state === 'offline');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.unpushed()).toBe(2);
    await hq.start();
    const healed = performance.now();
    await waitFor('the queue drained', () => t.unpushed() === 0, 2000);
    expect(performance.now() - healed).toBeLessThan(1000);
    expect(await t.atHq()).toBe(2);
    expect(states).toContain('offline');
    expect(states.at(-1)).toBe('online');
  });

  it('sends the batch again when the ack is lost after HQ committed, and HQ answers from what it stored', async () => {
    const t = await tillWithPusher();
    await waitFor('the pusher is idle', () => t.pusher.status().state !== 'not-enrolled');
    proxy.dropAnswers(1);
    const pushesBefore = proxy.requests.filter((line) => line === 'POST /v1/push').length;
    const total = (await t.sell(milk.barcode, bread.barcode)) + (await t.sell(coffee.barcode));
    await waitFor('the queue drained', () => t.unpushed() === 0);
    expect(
      proxy.requests.filter((line) => line === 'POST /v1/push').length - pushesBefore,
    ).toBeGreaterThanOrEqual(2);
    expect(t.lines.some((line) => line.event === 'warn:sync.push_failed')).toBe(true);
    const replayed = t.lines
      .filter((line) => line.event === 'info:sync.pushed')
      .reduce((sum, line) => sum + Number(line.fields.replayed), 0);
    expect(replayed).toBeGreaterThanOrEqual(1);
    // 0 lost, 0 doubled.
    expect(await t.atHq()).toBe(2);
    expect(await t.hqTotal()).toBe(total);
    expect(await hq.count('applied_mutations', 'terminal_id = $1', [t.terminalId])).toBe(2);
  });
});

describe('when HQ cannot take the queue as it is', () => {
  it('sends everything again to an HQ restored from a backup (a new epoch)', async () => {
    const t = await tillWithPusher();
    const total = (await t.sell(milk.barcode)) + (await t.sell(bread.barcode));
    await waitFor('HQ has both sales', async () => (await t.atHq()) === 2 && t.unpushed() === 0);

    // The restore: HQ is back as it was before this till's pushes, under a new epoch.
    for (const table of ['payments', 'sale_lines']) {
      await hq.pool.query(
        `DELETE FROM ${table} WHERE sale_id IN (SELECT id FROM sales WHERE terminal_id = $1)`,
        [t.terminalId],
      );
    }
    await hq.pool.query('DELETE FROM sales WHERE terminal_id = $1', [t.terminalId]);
    await hq.pool.query('DELETE FROM applied_mutations WHERE terminal_id = $1', [t.terminalId]);
    await hq.pool.query('UPDATE terminals SET last_seq = 0 WHERE id = $1', [t.terminalId]);
    const epoch = await renewEpoch(hq.pool);

    const third = await t.sell(coffee.barcode);
    await waitFor('HQ has all three sales again', async () => (await t.atHq()) === 3 && t.unpushed() === 0);
    expect(await t.hqTotal()).toBe(total + third);
    expect((await readCredentials(t.till.dataDir))?.hqEpoch).toBe(epoch);
    expect(t.lines.some((line) => line.event === 'warn:sync.hq_epoch_changed')).toBe(true);
  });

  it('keeps the queue and says that HQ refused the credential', async () => {
    const t = await tillWithPusher();
    await hq.pool.query('UPDATE terminals SET revoked_at = now() WHERE id = $1', [t.terminalId]);
    await t.sell(milk.barcode);
    await waitFor('HQ refused', () => t.pusher.status().state === 'refused');
    expect(t.pusher.status()).toMatchObject({ queueDepth: 1, lastError: { code: 'UNAUTHORIZED' } });
    expect(t.lines.map((line) => JSON.stringify(line))).not.toContainEqual(
      expect.stringContaining((await readCredentials(t.till.dataDir))?.credential.split('.')[1] ?? '?'),
    );
  });
});
