// `npm run bench:push-latency`: how soon HQ has a sale after the till committed it, p50/p95 in ms, as
// JSON. A real till (SQLite with FULL sync, its own pusher with production settings) enrolled with HQ
// (its own process, PostgreSQL with fsync and synchronous_commit on) rings up sales with a cashier's
// pauses between them; the clock runs from the sale's commit (payment answered) to the till writing
// HQ's acknowledgement — HQ had committed the sale before it answered, so this bounds the time to
// HQ from above. Three conditions: HQ otherwise idle; the rest of a chain pushing 1,000 sales/s
// (BENCH_LOAD_RATE); and HQ saturated by terminals pushing back to back. BENCH_PUSHES sets the
// sales per condition.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LogFields, Logger } from '../main/log';
import { cashier, fixture, openTestTill } from '../main/services/test-till';
import { enrolTill } from '../main/sync/enrol';
import { startProofHq } from '../main/sync/proof/proof-hq';
import { tillConfig } from '../main/sync/proof/proof-till';
import { summary } from './stats';
import { enrolTerminal } from './sync/terminals';
import type { BenchTerminal } from './sync/terminals';

const PUSHES = Number(process.env.BENCH_PUSHES ?? 200);
const LOAD_RATE = Number(process.env.BENCH_LOAD_RATE ?? 1000);
const LOAD_TERMINALS = 8;
const STORE = '0001';
const REPO = resolve(import.meta.dirname, '..');

const log = (line: string) => process.stderr.write(`${line}\n`);
const hq = await startProofHq({ mode: 'child', fsync: true, poolSize: 10 });
await hq.createStore(STORE);

// The measured till hears of every acknowledgement through its log.
let acknowledgedUpTo = 0;
const waiters: { seq: number; done: () => void }[] = [];
const record = (event: string, fields: LogFields = {}) => {
  if (event !== 'sync.pushed') return;
  acknowledgedUpTo = Math.max(acknowledgedUpTo, Number(fields.last));
  for (const waiter of waiters.splice(0)) {
    if (waiter.seq <= acknowledgedUpTo) waiter.done();
    else waiters.push(waiter);
  }
};
const tillLog: Logger = { info: record, warn: () => {}, error: () => {} };
const till = openTestTill({ config: tillConfig(STORE, '01'), log: tillLog });
await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
const enrolled = await enrolTill(hq.url, await hq.enrolmentCode(STORE), {
  dataDir: till.dataDir,
  terminalCode: '01',
  storeCode: STORE,
});
if (!enrolled.ok) throw new Error(enrolled.error.message);
till.services.sync.retryNow();

const lastSeq = till.db.prepare('SELECT max(seq) FROM outbox').pluck();
const basket = [fixture.milk, fixture.bread, fixture.coffee, fixture.book, fixture.bread];

async function saleToHq(): Promise<number> {
  let cart = await till.must('cart.get', {});
  for (const item of basket) cart = await till.must('cart.scan', { code: item.barcode, source: 'wedge' });
  await till.must('payment.cash', { cartId: cart.id, receivedMinor: cart.totalMinor });
  const committed = performance.now();
  const seq = Number(lastSeq.get());
  if (seq > acknowledgedUpTo) {
    await new Promise<void>((resolveWait) => waiters.push({ seq, done: resolveWait }));
  }
  return performance.now() - committed;
}

let loadTerminalNo = 10;
async function loadTerminals(): Promise<BenchTerminal[]> {
  const terminals: BenchTerminal[] = [];
  for (let i = 0; i < LOAD_TERMINALS; i += 1) {
    loadTerminalNo += 1;
    terminals.push(await enrolTerminal(hq.url, await hq.enrolmentCode(STORE), String(loadTerminalNo), STORE));
  }
  return terminals;
}

function startLoad(terminals: BenchTerminal[], rate: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bench/sync/load.ts')], {
    cwd: REPO,
    env: {
      ...process.env,
      BENCH_HQ_URL: hq.url,
      BENCH_LOAD: JSON.stringify(terminals),
      BENCH_LOAD_RATE: String(rate),
      BENCH_STORE: STORE,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const started = performance.now();
  return async () => {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    await exited;
    const { pushed } = JSON.parse(out.trim() || '{"pushed":0}') as { pushed: number };
    return Math.round(pushed / ((performance.now() - started) / 1000));
  };
}

async function condition(name: string, rate: number | null) {
  const stopLoad = rate === null ? null : startLoad(await loadTerminals(), rate);
  // The load's processes start and its terminals' credentials get cached first.
  if (stopLoad) await new Promise((resolveWait) => setTimeout(resolveWait, 3000));
  log(`push latency: ${name}…`);
  const latencies: number[] = [];
  for (let i = 0; i < PUSHES; i += 1) {
    latencies.push(await saleToHq());
    // A cashier's pause before the next sale's payment (the scans above take a few ms).
    await new Promise((resolveWait) => setTimeout(resolveWait, 50 + ((i * 37) % 100)));
  }
  const backgroundSalesPerSecond = stopLoad ? await stopLoad() : 0;
  return { condition: name, backgroundSalesPerSecond, latencyMs: summary(latencies, 1) };
}

const results = [];
try {
  // Warm-up, not counted: the first sales compile the till's and HQ's code paths.
  for (let i = 0; i < 20; i += 1) await saleToHq();
  results.push(await condition('HQ otherwise idle', null));
  results.push(await condition(`the rest of the chain pushing ${LOAD_RATE} sales/s`, LOAD_RATE));
  results.push(await condition('HQ saturated by terminals pushing back to back', 0));
} finally {
  till.close();
  rmSync(till.dataDir, { recursive: true, force: true });
  await hq.close();
}

console.info(
  JSON.stringify(
    {
      bench: 'sync-push-latency',
      from: 'sale committed at the till',
      to: "HQ's acknowledgement written at the till (HQ committed before answering)",
      saleLines: basket.length,
      pusher: 'production settings (kick after each sale, batch 200)',
      postgres: { embedded: true, fsync: 'on', synchronous_commit: 'on' },
      results,
      targets: { p95Ms: 1000 },
    },
    null,
    2,
  ),
);
