// HQ killed or restarted in the middle of a batch — between receiving a push and committing it — and
// the till's queue still ends at HQ exactly once. HQ runs as its own OS process (`npm run hq`'s entry
// point on the proof's PostgreSQL); mid-batch.ts stops its push transaction after it has written the
// sale and its lines, and the test then kills HQ with SIGKILL, crashes PostgreSQL, cuts HQ's database
// connections, or restarts HQ while the proxy holds the request.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy } from './fault-proxy';
import { holdMidBatch } from './mid-batch';
import type { MidBatch } from './mid-batch';
import { startProofHq } from './proof-hq';
import type { ProofHq } from './proof-hq';
import { openProofTill, waitFor } from './proof-till';
import type { ProofTill } from './proof-till';
import { reconcile } from './reconcile';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let hq: ProofHq;
let proxy: FaultProxy;
let terminalNo = 0;
const open: ProofTill[] = [];
beforeAll(async () => {
  hq = await startProofHq({ mode: 'child' });
  proxy = await startFaultProxy(hq.port);
  await hq.createStore('0001');
});
afterEach(async () => {
  proxy.heal();
  await proxy.release();
  await hq.startDatabase();
  await hq.start();
  for (const t of open.splice(0)) {
    t.till.close();
    rmSync(t.till.dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await proxy?.close();
  await hq?.close();
});

async function tillAtHq(requestTimeoutMs = 10_000) {
  terminalNo += 1;
  const t = await openProofTill({
    storeCode: '0001',
    terminalCode: String(terminalNo).padStart(2, '0'),
    hqUrl: proxy.url,
    enrolmentCode: await hq.enrolmentCode('0001'),
    sync: { backoff: { baseMs: 20, maxMs: 250 }, batchSize: 5, requestTimeoutMs },
  });
  open.push(t);
  // Two sales HQ has already: the batch in flight is not the till's first.
  await t.sell([{ good: 'milk', quantity: 2 }], 'cash');
  await t.sell([{ good: 'coffee', quantity: 1 }], 'card');
  await waitFor('HQ has the first sales', () => t.unpushed() === 0);
  return t;
}

/** Three sales whose push is stopped inside HQ's transaction, after HQ wrote the first sale and its lines. */
async function batchStoppedInsideHq(t: ProofTill): Promise<{ midBatch: MidBatch; saleId: string }> {
  proxy.inject('hold');
  const first = await t.sell(
    [
      { good: 'bread', quantity: 1 },
      { good: 'apples', quantity: 1375 },
    ],
    'cash',
  );
  await t.sell([{ good: 'book', quantity: 1 }], 'card');
  await t.sell([{ good: 'milk', quantity: 3 }], 'cash');
  await waitFor('the push reached the proxy', () => proxy.held().length === 1);
  const midBatch = await holdMidBatch(hq, t.till.db, t.terminalId);
  expect(midBatch.at).toBe('payment');
  void proxy.release();
  expect(await midBatch.reached()).toBe(true);
  return { midBatch, saleId: first.id };
}

/** What HQ holds of one sale: nothing, or all of it. */
async function hqRowsOfSale(saleId: string) {
  const count = async (table: string, column: string) =>
    (
      await hq.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [
        saleId,
      ])
    ).rows[0]?.n;
  return { sales: await count('sales', 'id'), lines: await count('sale_lines', 'sale_id') };
}

async function drainedExactlyOnce(t: ProofTill) {
  await waitFor('the queue drained', () => t.unpushed() === 0, 20_000);
  const { differences, counts } = await reconcile(hq.db, t.till.db, t.terminalId);
  expect(differences).toEqual([]);
  expect(counts.sales).toBe(5);
  return counts;
}

describe('HQ killed or restarted between receiving a batch and committing it', () => {
  it("HQ's process killed with SIGKILL: nothing of the batch stays, and the till's retry brings it once", async () => {
    const t = await tillAtHq();
    const { midBatch, saleId } = await batchStoppedInsideHq(t);
    const pid = hq.pid;
    await hq.kill();
    await midBatch.release();
    expect(hq.serving).toBe(false);
    // The transaction died with HQ: not a row of the batch, whatever HQ had written.
    expect(await hqRowsOfSale(saleId)).toEqual({ sales: 0, lines: 0 });
    await waitFor('the till noticed', () => t.pusher.status().state === 'offline');
    expect(t.unpushed()).toBe(3);

    await hq.start();
    expect(hq.pid).not.toBe(pid);
    await drainedExactlyOnce(t);
    expect(await hqRowsOfSale(saleId)).toEqual({ sales: 1, lines: 2 });
  });

  it('PostgreSQL crashed: HQ answers 500 and stays up, and the batch arrives once PostgreSQL is back', async () => {
    const t = await tillAtHq();
    const { midBatch, saleId } = await batchStoppedInsideHq(t);
    const pid = hq.pid;
    await hq.haltDatabase();
    await midBatch.release();
    await waitFor('the till was told', () => t.pusher.status().lastError?.code === 'INTERNAL');
    // Losing its database mid-transaction does not take HQ's process down with it.
    expect(hq.pid).toBe(pid);
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    expect(t.unpushed()).toBe(3);

    await hq.startDatabase();
    await drainedExactlyOnce(t);
    expect(hq.pid).toBe(pid);
    expect(await hqRowsOfSale(saleId)).toEqual({ sales: 1, lines: 2 });
  });

  it("HQ's database connections cut: the transaction rolls back, HQ keeps serving, the retry applies it once", async () => {
    const t = await tillAtHq();
    const { midBatch } = await batchStoppedInsideHq(t);
    const pid = hq.pid;
    expect(await hq.cutDatabaseConnections()).toBeGreaterThan(0);
    await midBatch.release();
    await drainedExactlyOnce(t);
    expect(hq.pid).toBe(pid);
    expect(
      t.lines.some((line) => line.event === 'warn:sync.push_failed' && line.fields.code === 'INTERNAL'),
    ).toBe(true);
  });

  it('HQ restarted while the proxy holds the request: the late copy and the retry make one effect', async () => {
    const t = await tillAtHq(300);
    proxy.inject('hold');
    await t.sell([{ good: 'bread', quantity: 2 }], 'cash');
    await t.sell([{ good: 'apples', quantity: 820 }], 'card');
    await t.sell([{ good: 'coffee', quantity: 1 }], 'cash');
    await waitFor('the push reached the proxy', () => proxy.held().length === 1);
    const [held] = proxy.held();
    await hq.stop();
    await hq.start();
    // The till gave up on the held request and sent its queue again to the new HQ…
    await waitFor('the queue drained', () => t.unpushed() === 0, 20_000);
    // …and the held copy arrives after: HQ answers it from what it stored.
    await proxy.release();
    expect(held?.statuses).toEqual([200]);
    await drainedExactlyOnce(t);
  });
});
