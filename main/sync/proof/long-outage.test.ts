// Ten minutes without HQ, compressed: the till's clock and the pusher's timers are the test's, so
// a store's ten minutes of trading (a sale every 15 s) pass in about a second. Whatever kind of
// absence — the network cut, HQ's process stopped, HQ's database down (HQ answers 500) — the queue
// grows with every sale and nothing is lost, the back-off stays within its ceiling and the till
// does not hammer HQ, the sync page tells the truth, and once HQ is back the queue drains on its
// own at the next attempt, with HQ's figures equal to the till's.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PushStatus } from '../../../contract/sync-status';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy } from './fault-proxy';
import { startProofHq } from './proof-hq';
import type { ProofHq } from './proof-hq';
import { openProofTill, waitFor } from './proof-till';
import type { Good, ProofTill } from './proof-till';
import { reconcile } from './reconcile';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const BACKOFF = { baseMs: 1000, maxMs: 60_000 };
const OUTAGE_MS = 10 * 60_000;
const SALE_EVERY_MS = 15_000;

let hq: ProofHq;
let proxy: FaultProxy;
let terminalNo = 0;
beforeAll(async () => {
  hq = await startProofHq();
  proxy = await startFaultProxy(hq.port);
  await hq.createStore('0001');
});
afterAll(async () => {
  await proxy?.close();
  await hq?.close();
});

/** The till's clock and the pusher's timers, moved by the test. */
function fakeTime(startIso: string) {
  let nowMs = Date.parse(startIso);
  const timers: { at: number; ms: number; task: () => void; cancelled: boolean }[] = [];
  return {
    now: () => new Date(nowMs),
    get nowMs() {
      return nowMs;
    },
    timers,
    schedule(task: () => void, ms: number) {
      const timer = { at: nowMs + ms, ms, task, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    pending: () => timers.filter((timer) => !timer.cancelled),
    /** Fires the next timer (the clock jumps to it) and waits until the pusher has scheduled its next one. */
    async fireNext() {
      const next = timers.filter((timer) => !timer.cancelled).sort((a, b) => a.at - b.at)[0];
      if (!next) throw new Error('nothing scheduled');
      next.cancelled = true;
      nowMs = Math.max(nowMs, next.at);
      const before = timers.length;
      next.task();
      await waitFor('the pusher scheduled its next attempt', () => timers.length > before, 5000);
      return next;
    },
    advance(ms: number) {
      nowMs += ms;
    },
  };
}

/** A deterministic jitter: the same delays every run. */
function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const absences = {
  'the network is cut': { begin: async () => proxy.down(), end: async () => proxy.up() },
  "HQ's process is stopped": { begin: () => hq.stop(), end: () => hq.start() },
  "HQ's database is down (HQ answers 500)": {
    begin: () => hq.haltDatabase(),
    end: () => hq.startDatabase(),
  },
} as const;

describe('ten minutes of HQ absence, on a compressed clock', () => {
  for (const [absence, { begin, end }] of Object.entries(absences)) {
    it(`when ${absence}: the queue grows, back-off stays bounded, and it drains on its own after healing`, async () => {
      terminalNo += 1;
      const time = fakeTime('2025-06-02T09:00:00.000Z');
      let attempts = 0;
      let absent = false;
      const t: ProofTill = await openProofTill({
        storeCode: '0001',
        terminalCode: String(terminalNo).padStart(2, '0'),
        hqUrl: proxy.url,
        enrolmentCode: await hq.enrolmentCode('0001'),
        now: time.now,
        sync: {
          backoff: BACKOFF,
          batchSize: 10,
          random: seededRandom(terminalNo),
          schedule: (task, ms) => time.schedule(task, ms),
          fetch: (input, init) => {
            attempts += 1;
            return fetch(input, init);
          },
        },
      });
      try {
        await waitFor('the pusher is idle', () => time.pending().length > 0);
        await begin();
        absent = true;
        const goods: Good[] = ['milk', 'bread', 'coffee', 'book', 'apples'];
        const outageStarted = time.nowMs;
        let sold = 0;
        let nextSaleAt = outageStarted;
        let firstFailure: PushStatus | null = null;
        const backoffs: number[] = [];
        const depths: number[] = [];
        const attemptsBefore = attempts;
        while (time.nowMs - outageStarted < OUTAGE_MS) {
          // The store sells on: every sale committed whatever HQ is doing.
          while (nextSaleAt <= time.nowMs) {
            const good = goods[sold % goods.length] ?? 'milk';
            await t.sell(
              [{ good, quantity: good === 'apples' ? 1234 : 1 }],
              sold % 3 === 0 ? 'card' : 'cash',
            );
            sold += 1;
            depths.push(t.pusher.status().queueDepth);
            nextSaleAt += SALE_EVERY_MS;
          }
          if (!firstFailure) {
            await waitFor('the first attempt failed', () => t.pusher.status().state === 'offline');
            firstFailure = t.pusher.status();
          }
          const pending = time.pending().sort((a, b) => a.at - b.at)[0];
          if (pending && pending.at <= nextSaleAt) {
            const fired = await time.fireNext();
            backoffs.push(fired.ms);
            const status = t.pusher.status();
            // What the sync page shows during the outage.
            expect(status.state).toBe('offline');
            expect(status.offlineSince).toBe(firstFailure.offlineSince);
            expect(status.queueDepth).toBe(sold);
            const next = Date.parse(status.nextAttemptAt ?? '');
            expect(next - time.nowMs).toBeLessThanOrEqual(BACKOFF.maxMs);
          } else {
            time.advance(nextSaleAt - time.nowMs);
          }
        }
        const offlineAttempts = attempts - attemptsBefore;

        // The queue grew by one with every sale.
        expect(depths).toEqual(depths.map((_, index) => index + 1));
        expect(sold).toBe(OUTAGE_MS / SALE_EVERY_MS);
        // Exponential back-off with full jitter, capped: each delay within its ceiling, never above a minute.
        backoffs.forEach((ms, index) => {
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** index));
        });
        // Forty sales did not make forty attempts: kicks during a back-off wait for it.
        expect(offlineAttempts).toBeLessThanOrEqual(backoffs.length + 1);
        expect(offlineAttempts).toBeLessThan(60);
        expect(firstFailure?.lastError?.code).toBe(absence.includes('500') ? 'INTERNAL' : 'HQ_UNREACHABLE');

        // Healing: nobody presses "retry now"; the next scheduled attempt finds HQ and drains it all.
        await end();
        absent = false;
        // HQ has none of them yet: the till waits out its back-off.
        expect(await hq.db.query('SELECT 1 FROM sales WHERE terminal_id = $1', [t.terminalId])).toMatchObject(
          {
            rowCount: 0,
          },
        );
        const healedAt = time.nowMs;
        const started = performance.now();
        await time.fireNext();
        await waitFor('the queue drained', () => t.unpushed() === 0, 10_000);
        const simulatedMs = time.nowMs - healedAt;
        expect(simulatedMs).toBeLessThanOrEqual(BACKOFF.maxMs);
        expect(performance.now() - started).toBeLessThan(5000);
        expect(t.pusher.status()).toMatchObject({ state: 'online', offlineSince: null, queueDepth: 0 });
        const { differences, counts } = await reconcile(hq.db, t.till.db, t.terminalId);
        expect(differences).toEqual([]);
        expect(counts.sales).toBe(sold);
        console.info(
          `${absence}: ${sold} sales in 10 simulated minutes, ${offlineAttempts} attempts ` +
            `(delays ${backoffs.map((ms) => Math.round(ms / 1000)).join(', ')} s), ` +
            `drained ${Math.round(simulatedMs / 1000)} s after healing (simulated), ` +
            `in ${Math.round(performance.now() - started)} ms`,
        );
      } finally {
        if (absent) await end();
        t.till.close();
        rmSync(t.till.dataDir, { recursive: true, force: true });
      }
    });
  }
});
