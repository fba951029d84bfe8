// The till's process killed with SIGKILL while a batch is in flight, and started again on the same
// data folder: the sales it had committed are all still there and reach HQ exactly once. The till
// runs as its own OS process (till-process.ts) selling every 20 ms while its pusher pushes through
// the fault proxy; it is killed at the moments where a push is most fragile:
//  - HQ committed the batch and its answer is on its way (held at the proxy): the till never learns;
//  - the request is on its way (held at the proxy) and reaches HQ only after the till died;
//  - the instant HQ's answer reaches the till, racing the till's write of the acknowledgement;
//  - in the middle of ringing up a sale.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openDatabase } from '../../store/db';
import { databaseFile } from '../../config/paths';
import { silentLogger } from '../../log';
import { openTestTill } from '../../services/test-till';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy, ProxiedRequest } from './fault-proxy';
import { startProofHq } from './proof-hq';
import type { ProofHq } from './proof-hq';
import { openProofTill, tillConfig, waitFor } from './proof-till';
import { reconcile } from './reconcile';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const REPO = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(REPO, 'main/sync/proof/till-process.ts');

let hq: ProofHq;
let proxy: FaultProxy;
beforeAll(async () => {
  hq = await startProofHq();
  proxy = await startFaultProxy(hq.port);
  await hq.createStore('0001');
});
afterAll(async () => {
  await proxy?.close();
  await hq?.close();
});

interface TillReport {
  event: string;
  [field: string]: unknown;
}

function startTillProcess(dataDir: string) {
  const reports: TillReport[] = [];
  let stderr = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: REPO,
    env: { ...process.env, PROOF_TILL_DIR: dataDir, PROOF_STORE: '0001', PROOF_TERMINAL: '01' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) reports.push(JSON.parse(line) as TillReport);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
    child.once('exit', (_code, signal) => resolveExit(signal)),
  );
  return {
    reports,
    sold: () => reports.filter((report) => report.event === 'sold').map((report) => String(report.saleId)),
    ready: () =>
      waitFor(`the till process started (${stderr})`, () => reports.some((r) => r.event === 'ready'), 20_000),
    kill: () => child.kill('SIGKILL'),
    exited,
    get stderr() {
      return stderr;
    },
  };
}

/** The first push request the proxy sees from now on. */
function nextPush(): Promise<ProxiedRequest> {
  return new Promise((resolvePush) => {
    const onReceived = (request: ProxiedRequest) => {
      if (request.push === null) return;
      proxy.events.off('received', onReceived);
      resolvePush(request);
    };
    proxy.events.on('received', onReceived);
  });
}

it('loses and doubles nothing when the till process is killed with SIGKILL mid-push and restarted', async () => {
  const first = await openProofTill({
    storeCode: '0001',
    terminalCode: '01',
    hqUrl: proxy.url,
    enrolmentCode: await hq.enrolmentCode('0001'),
  });
  const { terminalId } = first;
  const dataDir = first.till.dataDir;
  first.till.close();

  const reportedSold = new Set<string>();
  let heldAnswer: ProxiedRequest | null = null;
  const kills: { moment: string; soldBefore: number; unpushedAtKill: number; push: string }[] = [];
  const unpushedNow = () => {
    const db = openDatabase(databaseFile(dataDir));
    try {
      return Number(db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get());
    } finally {
      db.close();
    }
  };

  const moments = [
    'after HQ committed, its answer held at the proxy',
    'with the request held at the proxy, delivered to HQ after the till died',
    'the instant HQ answered the till',
    'in the middle of ringing up a sale',
  ] as const;
  try {
    for (const moment of moments) {
      const till = startTillProcess(dataDir);
      await till.ready();
      // Sales are being rung up and pushed: let a few go by first.
      await waitFor('a few sales', () => till.sold().length >= 3, 20_000);
      let push: ProxiedRequest | null = null;
      switch (moment) {
        case 'after HQ committed, its answer held at the proxy':
          proxy.inject('hold-answer');
          push = await nextPush();
          await waitFor('HQ answered', () => push?.statuses.length === 1);
          expect(push.statuses).toEqual([200]);
          heldAnswer = push;
          till.kill();
          break;
        case 'with the request held at the proxy, delivered to HQ after the till died':
          proxy.inject('hold');
          push = await nextPush();
          till.kill();
          break;
        case 'the instant HQ answered the till': {
          const answered = new Promise<ProxiedRequest>((resolveAnswer) => {
            const onAnswered = (request: ProxiedRequest) => {
              if (request.push === null || !request.answered) return;
              // In the same turn as the proxy wrote the answer: the till may or may not have read it.
              till.kill();
              proxy.events.off('answered', onAnswered);
              resolveAnswer(request);
            };
            proxy.events.on('answered', onAnswered);
          });
          push = await answered;
          break;
        }
        case 'in the middle of ringing up a sale': {
          const before = till.sold().length;
          await waitFor('the next sale', () => till.sold().length > before);
          await new Promise((resolveWait) => setTimeout(resolveWait, 7));
          till.kill();
          break;
        }
      }
      expect(await till.exited).toBe('SIGKILL');
      for (const saleId of till.sold()) reportedSold.add(saleId);
      if (moment === 'with the request held at the proxy, delivered to HQ after the till died') {
        // The dead till's request arrives late; HQ applies it, nobody hears the answer.
        await proxy.release();
        expect(push?.statuses).toEqual([200]);
      } else {
        await proxy.release();
      }
      kills.push({
        moment,
        soldBefore: till.sold().length,
        unpushedAtKill: unpushedNow(),
        push: push?.push ? `seqs ${push.push.firstSeq}-${push.push.lastSeq}` : '-',
      });
    }

    // Started again for good: the queue drains and HQ has exactly what the till committed.
    proxy.heal();
    const restarted = openTestTill({
      dataDir,
      config: tillConfig('0001', '01'),
      log: silentLogger,
      sync: { backoff: { baseMs: 10, maxMs: 100 }, batchSize: 3 },
    });
    try {
      await waitFor(
        'the restarted till drained its queue',
        () => restarted.db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get() === 0,
        15_000,
      );
      const { differences, counts } = await reconcile(hq.db, restarted.db, terminalId);
      expect(differences).toEqual([]);
      // Every sale the till had reported as done survived the kill (0 lost), once at HQ (0 doubled).
      const tillSales = new Set(restarted.db.prepare('SELECT id FROM sales').pluck().all() as string[]);
      const lost = [...reportedSold].filter((saleId) => !tillSales.has(saleId));
      expect(lost).toEqual([]);
      expect(counts.sales).toBeGreaterThanOrEqual(reportedSold.size);
      // The batch whose answer never arrived was sent again by the restarted till, and HQ answered it
      // from what it had stored.
      const unanswered = heldAnswer?.push?.ids[0];
      expect(
        proxy
          .pushes()
          .some(
            (request) => request.no > (heldAnswer?.no ?? 0) && request.push?.ids.includes(unanswered ?? ''),
          ),
      ).toBe(true);
      console.info(`till SIGKILL proof: ${JSON.stringify({ kills, ...counts })}`);
    } finally {
      restarted.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
