// The duplicate-merge job runs on every HQ node's schedule; the advisory lock lets one run at a time.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HqConfig } from '../config';
import { DEDUPE_LOCK, runDedupeExclusive } from '../customers/dedupe';
import { createPool } from '../db/pool';
import { createHqLogger } from '../log';
import { startHq } from '../server';
import type { RunningHq } from '../server';
import { startTestHq } from '../test-hq';
import type { TestHq } from '../test-hq';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let hq: TestHq;
beforeAll(async () => {
  hq = await startTestHq();
}, 30_000);
afterAll(() => hq?.close());

let phoneNo = 0;
/** Two profiles of one person: the same phone, typed two ways. */
async function pairs(count: number): Promise<[number, number][]> {
  const made: [number, number][] = [];
  for (let n = 0; n < count; n++) {
    phoneNo += 1;
    const e164 = `+7901${String(phoneNo).padStart(7, '0')}`;
    const { rows } = await hq.pool.query<{ id: number }>(
      `INSERT INTO customers (name, phone_e164, source, created_at) VALUES
         ('Пётр Волков', $1, 'till', '2021-01-01'), ('Petr Volkov', $2, 'online', '2022-01-01')
       RETURNING id`,
      [e164, `${e164.slice(0, 2)} ${e164.slice(2)}`],
    );
    made.push([rows[0]?.id ?? 0, rows[1]?.id ?? 0]);
  }
  return made;
}

const mergedInto = async (id: number) =>
  (
    await hq.pool.query<{ into: number | null }>('SELECT merged_into AS into FROM customers WHERE id = $1', [
      id,
    ])
  ).rows[0]?.into;

describe('one node at a time', () => {
  it('leaves the run to the node holding the lock, and merges on the next run', async () => {
    const [[survivor, duplicate] = [0, 0]] = await pairs(1);
    const otherNode = await hq.pool.connect();
    try {
      await otherNode.query('BEGIN');
      await otherNode.query('SELECT pg_advisory_xact_lock($1)', [DEDUPE_LOCK]);
      expect(await runDedupeExclusive(hq.pool, { wait: false })).toEqual({ ran: false });
      expect(await mergedInto(duplicate)).toBeNull();
    } finally {
      await otherNode.query('COMMIT');
      otherNode.release();
    }
    const next = await runDedupeExclusive(hq.pool, { wait: false });
    expect(next).toMatchObject({ ran: true, report: { merged: { [duplicate]: survivor } } });
  });

  it('queues an administrator run behind a run in progress; each duplicate is merged once', async () => {
    const made = await pairs(6);
    const secondNode = createPool(hq.databaseUrl, 3);
    try {
      const runs = await Promise.all([
        runDedupeExclusive(hq.pool, { wait: true, batchProfiles: 2 }),
        runDedupeExclusive(secondNode, { wait: true, batchProfiles: 2 }),
      ]);
      const merges = runs.flatMap((run) => (run.ran ? Object.entries(run.report.merged) : []));
      expect(runs.every((run) => run.ran)).toBe(true);
      expect(merges.sort()).toEqual(
        made.map(([survivor, duplicate]) => [String(duplicate), survivor]).sort(),
      );
    } finally {
      await secondNode.end();
    }
  });

  it('runs on the schedule of several HQ nodes: every group merged, each exactly once', async () => {
    const made = await pairs(5);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const config: HqConfig = {
      host: '127.0.0.1',
      port: 0,
      databaseUrl: hq.databaseUrl,
      dataDir: '.',
      poolSize: 3,
      logLevel: 'info',
      trustProxy: false,
      pushBodyLimitBytes: 4 * 1024 * 1024,
      enrolPerMinute: 10,
      authFailuresPerMinute: 10,
      dedupeEveryMs: 20,
    };
    const nodes: RunningHq[] = [];
    try {
      for (let n = 0; n < 3; n++) {
        nodes.push(
          await startHq(config, createHqLogger('info', sink), { url: hq.databaseUrl, stop: async () => {} }),
        );
      }
      for (const [survivor, duplicate] of made) {
        await waitFor(async () => (await mergedInto(duplicate)) === survivor);
      }
    } finally {
      for (const node of nodes) await node.close();
    }
    const merged = lines
      .map((line) => JSON.parse(line) as { msg: string; survivorId?: number; mergedIds?: number[] })
      .filter((line) => line.msg === 'customer.merged');
    expect(merged.map((line) => [line.mergedIds, line.survivorId]).sort()).toEqual(
      made.map(([survivor, duplicate]) => [[duplicate], survivor]).sort(),
    );
  });
});

async function waitFor(ok: () => Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
