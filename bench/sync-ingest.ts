// `npm run bench:sync`: HQ's ingest of till sales (5 lines each), in sales per second, as JSON.
// HQ runs as `npm run hq` does (its own process, pool of 10, log level info) on an embedded
// PostgreSQL with production durability (fsync on, synchronous_commit on: an acknowledged sale is
// on disk); BENCH_FSYNC=off measures the same without fsync. Several terminals push at once, each
// as a till's pusher does (oldest first, one request in flight), at the batch sizes a till sends:
// 1 (a sale pushed as it completes), 20 (a busy till catching up) and 200 (the pusher's batch after
// an outage). Then, in the same run, the same sale documents of the batch-200 round are replicated
// by PouchDB (a local LevelDB per terminal) to pouchdb-server on loopback, batches of 200 — twice:
// as pouchdb-server ships (LevelDB leaves writes to the OS), and with each write synced as HQ's
// commits are — and the rates are given as ratios. Each figure comes with the CPU seconds of every
// process involved: on this machine's 2 cores a rate is bounded by their sum per record.
// BENCH_TERMINALS and BENCH_SALES (per terminal, batch-200 round) scale it; BENCH_BATCHES=200 runs
// that round only (with HQ colder: the others warm its JIT); BENCH_HQ_PROFILE=<dir> writes a CPU
// profile of HQ there; BENCH_HQ_NODE_ARGS passes more node flags to HQ (e.g.
// --perf-basic-prof-only-functions for perf).
import { cpus } from 'node:os';
import type { PushMutation } from '../contract/sync';
import { HQ_NODE_FLAGS } from '../hq/node-flags';
import { freePort } from '../main/sync/proof/cluster';
import { startProofHq } from '../main/sync/proof/proof-hq';
import { cpuMeter, cpuMicrosecondsPer, ownCpu, postmasterPid, processTreeCpu } from './sync/cpu';
import { localPouch, pouchVersion, startPouchServer } from './sync/pouch';
import { enrolTerminal, pushBodies, pushInOrder, salesOf } from './sync/terminals';
import type { BenchTerminal } from './sync/terminals';
import { summary } from './stats';

const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 8);
const SALES = Number(process.env.BENCH_SALES ?? 2400);
const FSYNC = process.env.BENCH_FSYNC !== 'off';
const BATCHES = (process.env.BENCH_BATCHES ?? '1,20,200').split(',').map(Number);
const ROUNDS = [
  { batchSize: 1, salesPerTerminal: Math.max(1, Math.round(SALES / 10)) },
  { batchSize: 20, salesPerTerminal: Math.round(SALES / 2 / 20) * 20 },
  { batchSize: 200, salesPerTerminal: Math.round(SALES / 200) * 200 },
].filter((round) => BATCHES.includes(round.batchSize));
const STORE = '0001';

const log = (line: string) => process.stderr.write(`${line}\n`);
const PROFILE = process.env.BENCH_HQ_PROFILE;
const hq = await startProofHq({
  mode: 'child',
  fsync: FSYNC,
  poolSize: 10,
  nodeArgs: [
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
    ...(process.env.BENCH_HQ_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ],
});
await hq.createStore(STORE);
const postmaster = await postmasterPid(hq.db);
let terminalNo = 0;

async function terminals(count: number): Promise<BenchTerminal[]> {
  const enrolled: BenchTerminal[] = [];
  for (let i = 0; i < count; i += 1) {
    terminalNo += 1;
    const code = await hq.enrolmentCode(STORE);
    enrolled.push(await enrolTerminal(hq.url, code, String(terminalNo).padStart(2, '0'), STORE));
  }
  return enrolled;
}

async function hqCounts() {
  const { rows } = await hq.db.query<{ sales: number; lines: number; flags: number }>(
    `SELECT (SELECT count(*)::int FROM sales) AS sales, (SELECT count(*)::int FROM sale_lines) AS lines,
       (SELECT count(*)::int FROM review_flags) AS flags`,
  );
  const counts = rows[0];
  if (!counts) throw new Error('no counts');
  return counts;
}

interface Round {
  batchSize: number;
  terminals: number;
  sales: number;
  seconds: number;
  salesPerSecond: number;
  linesPerSecond: number;
  requestMs: ReturnType<typeof summary>;
  /** HQ's process, PostgreSQL's (every backend), and the pushing terminals' (this process). */
  cpuSeconds: Record<'hq' | 'postgres' | 'terminals', number | null>;
  cpuMicrosecondsPerSale: number | null;
}

const rounds: Round[] = [];
/** The batch-200 round's request bodies, per terminal: PouchDB replicates the same sales. */
let pouchInput: Uint8Array[][] = [];
try {
  for (const { batchSize, salesPerTerminal } of ROUNDS) {
    const pushing = await terminals(TERMINALS);
    // Each terminal's first push (one sale) warms HQ's credential cache: scrypt once per terminal.
    // A terminal keeps only its encoded bodies, as a till keeps its outbox in SQLite and not in its
    // heap: the sale objects are garbage before the clock starts.
    const work = pushing.map((terminal) => {
      const mutations = salesOf(STORE, terminal.terminalCode, salesPerTerminal + 1);
      return {
        terminal,
        first: pushBodies(terminal, mutations.slice(0, 1), 1),
        bodies: pushBodies(terminal, mutations.slice(1), batchSize),
      };
    });
    await Promise.all(work.map(({ terminal, first }) => pushInOrder(hq.url, terminal, first)));
    const before = await hqCounts();
    log(`ingest: ${TERMINALS} terminals × ${salesPerTerminal} sales in batches of ${batchSize}…`);
    const cpu = cpuMeter({
      hq: () => (hq.pid === null ? null : processTreeCpu(hq.pid)),
      postgres: () => (postmaster === null ? null : processTreeCpu(postmaster)),
      terminals: ownCpu,
    });
    const started = performance.now();
    const latencies = await Promise.all(
      work.map(({ terminal, bodies }) => pushInOrder(hq.url, terminal, bodies)),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpu.stop();
    const after = await hqCounts();
    const sales = TERMINALS * salesPerTerminal;
    if (
      after.sales - before.sales !== sales ||
      after.lines - before.lines !== sales * 5 ||
      after.flags !== 0
    ) {
      throw new Error(
        `HQ holds ${after.sales - before.sales} sales, ${after.lines - before.lines} lines, ${after.flags} flags`,
      );
    }
    rounds.push({
      batchSize,
      terminals: TERMINALS,
      sales,
      seconds: Number(seconds.toFixed(2)),
      salesPerSecond: Math.round(sales / seconds),
      linesPerSecond: Math.round((sales * 5) / seconds),
      requestMs: summary(latencies.flat(), 1),
      cpuSeconds,
      cpuMicrosecondsPerSale: cpuMicrosecondsPer(sales, cpuSeconds),
    });
    if (batchSize === 200) pouchInput = work.map(({ bodies }) => bodies);
  }
} finally {
  await hq.close();
}

// PouchDB: the batch-200 round's sales, one document each, from a local database per terminal.
const decoder = new TextDecoder();
const pouchDocs = pouchInput.map((bodies) =>
  bodies.flatMap((body) =>
    (JSON.parse(decoder.decode(body)) as { mutations: PushMutation[] }).mutations.map((mutation) => ({
      _id: mutation.id,
      ...(mutation.payload as object),
    })),
  ),
);
pouchInput = [];
const docs = pouchDocs.reduce((n, terminalDocs) => n + terminalDocs.length, 0);

async function replicateWithPouch(fsync: boolean) {
  const server = await startPouchServer(await freePort(), { fsync });
  const locals = await Promise.all(pouchDocs.map((terminalDocs) => localPouch(terminalDocs)));
  try {
    const target = await server.createDb('sales');
    log(
      `pouchdb${fsync ? ' (fsync)' : ''}: ${locals.length} local databases × ${docs / Math.max(1, locals.length)} docs replicating…`,
    );
    const cpu = cpuMeter({
      server: () => (server.pid === null ? null : processTreeCpu(server.pid)),
      replicators: ownCpu,
    });
    const started = performance.now();
    const results = await Promise.all(locals.map(({ db }) => db.replicate.to(target, { batch_size: 200 })));
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpu.stop();
    const written = results.reduce((n, result) => n + result.docs_written, 0);
    const atServer = await server.docCount('sales');
    if (written !== docs || atServer !== docs) {
      throw new Error(`PouchDB wrote ${written} of ${docs} documents; the server holds ${atServer}`);
    }
    return {
      serverVersion: server.version,
      figure: {
        seconds: Number(seconds.toFixed(2)),
        docsPerSecond: Math.round(docs / seconds),
        cpuSeconds,
        cpuMicrosecondsPerDoc: cpuMicrosecondsPer(docs, cpuSeconds),
      },
    };
  } finally {
    await Promise.all(locals.map((local) => local.close()));
    await server.close();
  }
}

const asShipped = await replicateWithPouch(false);
const fsynced = await replicateWithPouch(true);
const matched = rounds.find((round) => round.batchSize === 200);
const ratio = ({ figure }: { figure: { docsPerSecond: number } }) =>
  matched ? Number((matched.salesPerSecond / figure.docsPerSecond).toFixed(1)) : null;
// Rates on a shared 2-core machine swing with whatever else runs; CPU per record does much less.
const cpuRatio = ({ figure }: { figure: { cpuMicrosecondsPerDoc: number | null } }) =>
  matched?.cpuMicrosecondsPerSale && figure.cpuMicrosecondsPerDoc
    ? Number((figure.cpuMicrosecondsPerDoc / matched.cpuMicrosecondsPerSale).toFixed(1))
    : null;

console.info(
  JSON.stringify(
    {
      bench: 'sync-ingest',
      machine: { cores: cpus().length, node: process.version },
      hq: {
        process: 'npm run hq entry point (hq/cli.ts), own process',
        nodeFlags: HQ_NODE_FLAGS,
        dbPool: 10,
        logLevel: 'info',
        postgres: {
          embedded: true,
          fsync: FSYNC ? 'on' : 'off',
          synchronous_commit: 'on',
          full_page_writes: FSYNC ? 'on' : 'off',
        },
      },
      saleLines: 5,
      rounds,
      pouchdb: {
        pouchdb: pouchVersion(),
        pouchdbServer: asShipped.serverVersion,
        storage: 'LevelDB on both sides (pouchdb-server default)',
        terminals: pouchDocs.length,
        docs,
        batchSize: 200,
        // cpuSeconds: pouchdb-server's process, and the local databases replicating (this process).
        asShipped: { durability: 'LevelDB writes left to the OS', ...asShipped.figure },
        fsynced: { durability: 'each LevelDB write synced, as HQ commits', ...fsynced.figure },
      },
      ratioOmnitillToPouchdb: ratio(asShipped),
      ratioOmnitillToPouchdbSameDurability: ratio(fsynced),
      cpuRatioPouchdbToOmnitill: { asShipped: cpuRatio(asShipped), fsynced: cpuRatio(fsynced) },
      targets: { salesPerSecond: 5000, ratioOmnitillToPouchdb: 5 },
    },
    null,
    2,
  ),
);
