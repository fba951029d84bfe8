// `npm run bench:bootstrap`: a new till's first download from HQ, timed, as JSON. HQ runs as
// `npm run hq` does (its own process) on an embedded PostgreSQL holding a chain's catalogue and
// customers (hq/chain-data.ts: 500,000 products, 1,000,000 customers; BENCH_PRODUCTS and
// BENCH_CUSTOMERS scale it). An empty till enrols and bootstraps the way the sync page makes it: the
// till's own link to HQ starts the download in its worker thread, with the till's default
// checkpoints (BENCH_EVERY overrides them). While it runs the till's main thread is watched as a
// cashier would feel it: how late its event loop runs, and how long a write transaction (what a
// sale's commit is) waits for the worker's. Target: ≤ 60 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultTillConfig } from '../contract/config';
import type { BootstrapStatus } from '../contract/sync-status';
import { generateChainData } from '../hq/chain-data';
import { silentLogger } from '../main/log';
import { openTill } from '../main/services/till';
import { createCatalog } from '../main/store/catalog';
import { createMeta } from '../main/store/meta';
import { ean13 } from '../main/services/test-till';
import { defaultBootstrapSettings } from '../main/sync/bootstrapper';
import { enrolTill } from '../main/sync/enrol';
import { startProofHq } from '../main/sync/proof/proof-hq';
import { summary } from './stats';
import { startByteCounter } from './sync/byte-counter';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 500_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const EVERY = Number(process.env.BENCH_EVERY ?? defaultBootstrapSettings.checkpointEvery);
const STORE = '0001';
const TARGET_SECONDS = 60;

const log = (line: string) => process.stderr.write(`${line}\n`);

const hq = await startProofHq({ mode: 'child', fsync: false, poolSize: 4 });
await hq.createStore(STORE);
log(`HQ: generating ${PRODUCTS} products and ${CUSTOMERS} customers…`);
let started = performance.now();
// After the few products HQ's proof catalogue already holds.
const firstProductId = 1001;
const { rows: before } = await hq.db.query<{ products: number; customers: number }>(
  'SELECT (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM customers) AS customers',
);
const held = before[0] ?? { products: 0, customers: 0 };
await generateChainData(hq.db, { products: PRODUCTS, customers: CUSTOMERS, firstProductId });
await hq.db.query('VACUUM ANALYZE');
log(`HQ: chain data in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const relay = await startByteCounter(hq.port);

const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-bench-bootstrap-'));
const till = openTill({
  dataDir,
  config: defaultTillConfig,
  log: silentLogger,
  bootstrap: { settings: { checkpointEvery: EVERY } },
});
// Whatever happens, the till closes, HQ's processes stop and the till's folder goes.
try {
  const enrolled = await enrolTill(relay.url, await hq.enrolmentCode(STORE), {
    dataDir,
    terminalCode: '01',
    storeCode: STORE,
  });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.error.message}`);

  // The main thread as the cashier has it: event-loop lag, and a write's wait for the SQLite lock.
  const meta = createMeta(till.db);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const writeWaits: number[] = [];
  let peakRss = process.memoryUsage().rss;
  const probe = setInterval(() => {
    const before = performance.now();
    meta.set('bench.probe', new Date().toISOString());
    writeWaits.push(performance.now() - before);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);

  log('Till: bootstrapping…');
  started = performance.now();
  lag.enable();
  const finished = new Promise<BootstrapStatus>((resolve) => {
    till.services.link.onStatus((status) => {
      const phase = status.bootstrap?.phase;
      if (phase === 'done' || phase === 'failed') resolve(status.bootstrap as BootstrapStatus);
    });
  });
  await till.services.link.enrolled();
  const status = await finished;
  const seconds = (performance.now() - started) / 1000;
  lag.disable();
  clearInterval(probe);
  if (status.phase !== 'done') throw new Error(`the bootstrap failed: ${JSON.stringify(status.error)}`);

  const count = (table: string) => till.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const rows = { products: count('products'), customers: count('customers') };
  if (rows.products !== held.products + PRODUCTS || rows.customers !== held.customers + CUSTOMERS) {
    throw new Error(`the till holds ${JSON.stringify(rows)}`);
  }
  const lastId = firstProductId + PRODUCTS - 1;
  const lastProduct = createCatalog(till.db).productByBarcode(ean13(`46${String(lastId).padStart(10, '0')}`));
  if (lastProduct?.productId !== lastId) throw new Error('the last product does not scan');
  const items = status.streams.reduce((sum, entry) => sum + entry.done, 0);
  const ms = (value: number) => Number(value.toFixed(1));

  console.info(
    JSON.stringify(
      {
        benchmark: 'sync-bootstrap',
        products: PRODUCTS,
        customers: CUSTOMERS,
        checkpointEvery: EVERY,
        seconds: Number(seconds.toFixed(1)),
        targetSeconds: TARGET_SECONDS,
        withinTarget: seconds <= TARGET_SECONDS,
        items,
        rowsPerSecond: Math.round(items / seconds),
        bytes: { network: relay.received, ndjson: status.bytes },
        peakRssMb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
        resumes: status.resumes,
        streams: Object.fromEntries(status.streams.map((entry) => [entry.stream, entry.done])),
        mainThread: {
          eventLoopDelayMs: {
            p50: ms(lag.percentile(50) / 1e6),
            p99: ms(lag.percentile(99) / 1e6),
            max: ms(lag.max / 1e6),
          },
          writeWaitMs: summary(writeWaits, 1),
        },
      },
      null,
      2,
    ),
  );
} finally {
  till.close();
  await relay.close();
  await hq.close();
  rmSync(dataDir, { recursive: true, force: true });
}
