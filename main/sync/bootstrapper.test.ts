import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BootstrapStatus } from '../../contract/sync-status';
import { generateChainData } from '../../hq/chain-data';
import { databaseFile } from '../config/paths';
import type { Logger, LogFields } from '../log';
import { silentLogger } from '../log';
import { openDatabase } from '../store/db';
import type { Db } from '../store/db';
import type { BootstrapSettings } from './bootstrap-messages';
import { createBootstrapper } from './bootstrapper';
import type { Bootstrapper } from './bootstrapper';
import { enrolTill } from './enrol';
import { STORE, startPullWorld, waitFor } from './test-pull';
import type { PullWorld } from './test-pull';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const PRODUCTS = 3000;
const CUSTOMERS = 6000;
let world: PullWorld;
const dirs: string[] = [];

beforeAll(async () => {
  world = await startPullWorld();
  await generateChainData(world.hq.pool, { products: PRODUCTS, customers: CUSTOMERS, firstProductId: 1001 });
}, 60_000);
afterAll(async () => {
  await world?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const fast: Partial<BootstrapSettings> = { checkpointEvery: 500, retryDelayMs: { baseMs: 20, maxMs: 100 } };

interface Run {
  bootstrapper: Bootstrapper;
  statuses: BootstrapStatus[];
  lines: { event: string; fields: LogFields }[];
  /** The till's own connection, as its main thread has it while the worker writes. */
  db: Db;
  dir: string;
  finished(): Promise<BootstrapStatus>;
}

/** An enrolled, empty till folder and a bootstrapper for it, with everything it reports. */
async function newRun(terminalCode: string, settings: Partial<BootstrapSettings> = fast): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bootstrapper-'));
  dirs.push(dir);
  const enrolled = await enrolTill(world.proxy.url, await world.hq.enrolmentCode(STORE), {
    dataDir: dir,
    terminalCode,
    storeCode: STORE,
  });
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  const db = openDatabase(databaseFile(dir));
  const lines: Run['lines'] = [];
  const log: Logger = {
    ...silentLogger,
    info: (event, fields = {}) => lines.push({ event, fields }),
    warn: (event, fields = {}) => lines.push({ event, fields }),
  };
  const bootstrapper = createBootstrapper({ dataDir: dir, log, settings });
  const statuses: BootstrapStatus[] = [];
  bootstrapper.onChange((status) => statuses.push(status));
  return {
    bootstrapper,
    statuses,
    lines,
    db,
    dir,
    async finished() {
      await waitFor(
        'the bootstrap ended',
        () => ['done', 'failed'].includes(bootstrapper.status()?.phase ?? ''),
        20_000,
      );
      const status = bootstrapper.status();
      if (!status) throw new Error('no status');
      return status;
    },
  };
}

const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const streamOf = (status: BootstrapStatus, stream: string) =>
  status.streams.find((entry) => entry.stream === stream);

describe('the bootstrap in its worker thread', () => {
  it('reports each stream’s progress, goes on after a cut, and leaves the data to the till’s own connection', async () => {
    const run = await newRun('21');
    let cut = false;
    const seenByTill: number[] = [];
    run.bootstrapper.onChange((status) => {
      const customers = streamOf(status, 'customers');
      // While the worker writes, the till's main connection reads what it has committed.
      if (customers?.state === 'downloading') seenByTill.push(count(run.db, 'customers'));
      // HQ has begun the customers' snapshot: its connection is lost a little way into the body.
      if (customers?.state === 'downloading' && !cut) {
        cut = true;
        world.proxy.cutAnswerAfter(20_000);
      }
    });
    run.bootstrapper.start();
    expect(run.bootstrapper.status()).toMatchObject({ phase: 'starting', bytes: 0, resumes: 0 });

    const status = await run.finished();
    expect(status).toMatchObject({ phase: 'done', error: null });
    expect(status.resumes).toBeGreaterThanOrEqual(1);
    expect(status.bytes).toBeGreaterThan(1_000_000);
    expect(streamOf(status, 'catalogue')).toMatchObject({ state: 'done', done: 40 + PRODUCTS });
    expect(streamOf(status, 'prices')).toMatchObject({ state: 'done', done: PRODUCTS });
    expect(streamOf(status, 'customers')).toMatchObject({
      state: 'done',
      done: CUSTOMERS,
      expected: CUSTOMERS,
    });

    // What the sync page went through: HQ's count before the first item, then the bar filling up,
    // the cut with its reason, and on from where the till's data stopped.
    const phases = run.statuses.map((entry) => entry.phase);
    expect(phases[0]).toBe('starting');
    expect(phases).toContain('downloading');
    expect(phases).toContain('finishing');
    const resuming = run.statuses.find((entry) => entry.phase === 'resuming');
    expect(resuming?.error).toMatchObject({ stream: 'customers', code: 'HQ_UNREACHABLE' });
    const customerDone = run.statuses.map((entry) => streamOf(entry, 'customers')?.done ?? 0);
    expect(customerDone).toEqual([...customerDone].sort((a, b) => a - b));
    expect(seenByTill.at(-1)).toBeGreaterThan(0);

    expect(count(run.db, 'products')).toBe(PRODUCTS);
    expect(count(run.db, 'customers')).toBe(CUSTOMERS);
    // The worker's log lines land in the till's log.
    expect(run.lines.map((line) => line.event)).toEqual(
      expect.arrayContaining(['sync.bootstrap_started', 'sync.bootstrap_resumed', 'sync.bootstrapped']),
    );
    expect(run.lines.find((line) => line.event === 'sync.bootstrap_done')?.fields).toMatchObject({
      resumes: status.resumes,
    });
    run.db.close();
  });

  it('stops with the reason HQ’s data breaks the contract, and a retry goes on from what it committed', async () => {
    const run = await newRun('22', { ...fast, streams: ['catalogue', 'customers'] });
    await world.hq.pool.query(`UPDATE customers SET birthday = 'in the spring of 1985' WHERE id = 2500`);
    try {
      run.bootstrapper.start();
      const failed = await run.finished();
      expect(failed).toMatchObject({
        phase: 'failed',
        error: { stream: 'customers', code: 'SNAPSHOT_INVALID' },
      });
      expect(failed.error?.message).toMatch(/birthday/);
      // Whole checkpoints up to the bad item (the profile changed last, so the stream's last item).
      expect(streamOf(failed, 'customers')).toMatchObject({ state: 'downloading', done: CUSTOMERS - 500 });
      expect(count(run.db, 'customers')).toBe(CUSTOMERS - 500);
    } finally {
      await world.hq.pool.query(`UPDATE customers SET birthday = NULL WHERE id = 2500`);
    }

    world.proxy.requests.length = 0;
    run.bootstrapper.start();
    const done = await run.finished();
    expect(done.phase).toBe('done');
    // The retry asked only for what came after the till's checkpoints, yet counts what the till holds.
    expect(world.proxy.requests.filter((line) => line.startsWith('GET /v1/snapshot/'))).toEqual([
      expect.stringMatching(/^GET \/v1\/snapshot\/catalogue\?after=v1\./),
      expect.stringMatching(/^GET \/v1\/snapshot\/customers\?after=v1\./),
    ]);
    expect(streamOf(done, 'catalogue')).toMatchObject({ state: 'done', done: 40 + PRODUCTS });
    expect(streamOf(done, 'customers')).toMatchObject({ state: 'done', done: CUSTOMERS });
    expect(count(run.db, 'customers')).toBe(CUSTOMERS);
    run.db.close();
  });

  it('shows a worker that could not start or died as a failed bootstrap', () => {
    const statuses: BootstrapStatus[] = [];
    const broken = createBootstrapper({
      dataDir: '/nonexistent',
      log: silentLogger,
      startThread: () => {
        throw new Error('worker threads are not available');
      },
    });
    broken.onChange((status) => statuses.push(status));
    broken.start();
    expect(statuses.map((status) => status.phase)).toEqual(['starting', 'failed']);
    expect(broken.status()?.error).toMatchObject({
      code: 'INTERNAL',
      message: 'worker threads are not available',
    });

    let exit: (error: Error | null) => void = () => {};
    const dying = createBootstrapper({
      dataDir: '/nonexistent',
      log: silentLogger,
      startThread: () => ({
        onMessage: () => {},
        onExit: (listener) => {
          exit = listener;
        },
        stop: () => {},
      }),
    });
    dying.start();
    exit(new Error('out of memory'));
    expect(dying.status()).toMatchObject({
      phase: 'failed',
      error: { code: 'INTERNAL', message: 'out of memory' },
    });
  });
});
