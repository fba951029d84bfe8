// Duplicated and reordered pushes, made by the proxy from a real till's own requests: every push
// delivered twice at once; requests held while the till gave up and sent its queue again, then let
// through late, newest or oldest first; and every captured request replayed later, shuffled and
// twice over. HQ answers the stale copies from what it stored and its figures do not move.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PushResponse } from '../../../contract/sync';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy } from './fault-proxy';
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
  hq = await startProofHq();
  proxy = await startFaultProxy(hq.port);
  await hq.createStore('0001');
});
afterEach(async () => {
  proxy.heal();
  await proxy.release();
  for (const t of open.splice(0)) {
    t.till.close();
    rmSync(t.till.dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await proxy?.close();
  await hq?.close();
});

async function till(sync: { batchSize?: number; requestTimeoutMs?: number } = {}) {
  terminalNo += 1;
  const t = await openProofTill({
    storeCode: '0001',
    terminalCode: String(terminalNo).padStart(2, '0'),
    hqUrl: proxy.url,
    enrolmentCode: await hq.enrolmentCode('0001'),
    sync: { backoff: { baseMs: 10, maxMs: 100 }, ...sync },
  });
  open.push(t);
  return t;
}

/** A morning at the till: customers enrolled, noted and tagged, sales to them and to others, a return. */
async function trade(t: ProofTill, rounds = 3) {
  for (let round = 0; round < rounds; round += 1) {
    const customer = await t.enrol();
    await t.sell(
      [
        { good: 'milk', quantity: 2 },
        { good: 'apples', quantity: 1150 + round },
      ],
      'cash',
      customer,
    );
    await t.note(round, 'Ждёт поставку зёрен');
    await t.sell([{ good: 'coffee', quantity: 1 }], 'card');
    await t.tag(round, 'vip', round % 2 === 0);
    await t.returnFrom(round);
  }
}

/** HQ's facts about one terminal, to see that a replay moved none of them. */
async function hqFacts(terminalId: string) {
  const { rows } = await hq.db.query(
    `SELECT
       (SELECT last_seq FROM terminals WHERE id = $1) AS "lastSeq",
       (SELECT count(*)::int FROM applied_mutations WHERE terminal_id = $1) AS mutations,
       (SELECT count(*)::int FROM sales WHERE terminal_id = $1) AS sales,
       (SELECT coalesce(sum(total_minor), 0)::bigint FROM sales WHERE terminal_id = $1) AS "salesMinor",
       (SELECT count(*)::int FROM sale_lines WHERE sale_id IN (SELECT id FROM sales WHERE terminal_id = $1)) AS lines,
       (SELECT count(*)::int FROM payments WHERE sale_id IN (SELECT id FROM sales WHERE terminal_id = $1)) AS payments,
       (SELECT count(*)::int FROM returns WHERE terminal_id = $1) AS returns,
       (SELECT count(*)::int FROM terminal_customers WHERE terminal_id = $1) AS customers,
       (SELECT count(*)::int FROM customer_notes WHERE mutation_id IN
          (SELECT id FROM applied_mutations WHERE terminal_id = $1)) AS notes,
       (SELECT count(*)::int FROM review_flags WHERE terminal_id = $1) AS flags`,
    [terminalId],
  );
  return rows[0] as Record<string, number>;
}

/** The same order every run (a seeded Fisher–Yates). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('duplicated and reordered pushes', () => {
  it('applies each mutation once when every push reaches HQ twice at the same moment', async () => {
    proxy.defaultFault = 'duplicate';
    const t = await till({ batchSize: 3 });
    await trade(t);
    await waitFor('the queue drained', () => t.unpushed() === 0);
    const pushes = proxy.pushes().filter((push) => push.push?.terminalId === t.terminalId);
    expect(pushes.length).toBeGreaterThan(3);
    // Both copies were answered 200: one applied the batch, the other waited on the terminal's row
    // lock and was answered from what the first stored.
    for (const push of pushes) expect(push.statuses).toEqual([200, 200]);
    expect((await reconcile(hq.db, t.till.db, t.terminalId)).differences).toEqual([]);
  });

  it('changes nothing when held requests arrive after the till sent its queue again, newest first', async () => {
    const t = await till({ requestTimeoutMs: 250 });
    await waitFor('the pusher is idle', () => t.pusher.status().state === 'online');
    proxy.inject('hold', 'hold', 'hold');
    await trade(t, 2);
    await waitFor('the queue drained through a fourth attempt', () => t.unpushed() === 0, 20_000);
    const held = proxy.held();
    expect(held).toHaveLength(3);
    const before = await hqFacts(t.terminalId);
    await proxy.release('newest-first');
    expect(held.map((request) => request.statuses)).toEqual([[200], [200], [200]]);
    expect(await hqFacts(t.terminalId)).toEqual(before);
    expect((await reconcile(hq.db, t.till.db, t.terminalId)).differences).toEqual([]);
  });

  it('applies an old request let through before the newer one once, and the newer one only for what is new', async () => {
    const t = await till({ requestTimeoutMs: 250 });
    await waitFor('the pusher is idle', () => t.pusher.status().state === 'online');
    proxy.inject('hold', 'hold');
    await t.sell([{ good: 'bread', quantity: 1 }], 'cash');
    await waitFor('the first push is held', () => proxy.held().length === 1);
    await t.sell([{ good: 'milk', quantity: 1 }], 'card');
    await t.enrol();
    await waitFor('the second push is held', () => proxy.held().length === 2);
    // The till's later attempts do not reach HQ until the held copies are through.
    proxy.defaultFault = 'refuse';
    const [older, newer] = proxy.held();
    expect(newer?.push?.firstSeq).toBe(older?.push?.firstSeq);
    expect(newer?.push?.lastSeq).toBeGreaterThan(older?.push?.lastSeq ?? 0);
    // Oldest first: the old copy applies its part, the newer one the rest.
    await proxy.release('oldest-first');
    expect([older?.statuses, newer?.statuses]).toEqual([[200], [200]]);
    expect((await hqFacts(t.terminalId)).lastSeq).toBe(newer?.push?.lastSeq);
    proxy.heal();
    await waitFor('the queue drained', () => t.unpushed() === 0, 20_000);
    expect((await reconcile(hq.db, t.till.db, t.terminalId)).differences).toEqual([]);
  });

  it('answers every captured push replayed later, shuffled and twice, from what it stored', async () => {
    const t = await till({ batchSize: 2 });
    await trade(t);
    await waitFor('the queue drained', () => t.unpushed() === 0);
    const captured = proxy.pushes().filter((push) => push.push?.terminalId === t.terminalId);
    const firstAnswers = new Map<string, unknown>();
    for (const line of t.lines) if (line.event === 'info:sync.pushed') expect(line.fields.replayed).toBe(0);
    const before = await hqFacts(t.terminalId);
    const replays = shuffled([...captured, ...captured], 20_250_602);
    const answers = await proxy.replay(replays);
    for (const [index, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      const parsed = PushResponse.parse(answer.body);
      expect(parsed.acks.map((ack) => ack.id)).toEqual(replays[index]?.push?.ids);
      for (const ack of parsed.acks) {
        expect(ack.replayed).toBe(true);
        // The stored result, the same every time (the enrolled customer's chain id included).
        const known = firstAnswers.get(ack.id);
        if (known) expect(ack.result).toEqual(known);
        else firstAnswers.set(ack.id, ack.result);
      }
    }
    expect(await hqFacts(t.terminalId)).toEqual(before);
    expect((await reconcile(hq.db, t.till.db, t.terminalId)).differences).toEqual([]);
  });
});
