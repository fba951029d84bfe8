// A real HQ on a real (embedded) PostgreSQL in a temp folder, on free ports, for the tests of hq/
// and main/sync/. One per test file: PostgreSQL starts in about a second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnrolResponse } from '../contract/sync';
import type { HqConfig } from './config';
import { startEmbeddedPostgres } from './db/embedded';
import { readEpoch } from './db/epoch';
import type { Pool } from './db/pool';
import { createEnrolmentCode, createStore } from './enrolment';
import { createHqLogger } from './log';
import { startHq } from './server';
import type { HqDatabase, RunningHq } from './server';

export interface TestHq {
  url: string;
  pool: Pool;
  /** The database, for a second HQ node on it. */
  databaseUrl: string;
  /** Stops the HTTP API, keeping the database: `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
  createStore(code: string, name?: string): Promise<void>;
  enrolmentCode(storeCode: string, ttlMs?: number, now?: Date): Promise<string>;
  /** A terminal enrolled through the API, as a till would. */
  enrol(storeCode: string, terminalCode?: string): Promise<EnrolResponse>;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  epoch(): Promise<string>;
}

export async function startTestHq(overrides: Partial<HqConfig> = {}): Promise<TestHq> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-hq-'));
  const config: HqConfig = {
    host: '127.0.0.1',
    port: 0,
    databaseUrl: null,
    dataDir,
    poolSize: 4,
    logLevel: 'silent',
    trustProxy: false,
    pushBodyLimitBytes: 4 * 1024 * 1024,
    enrolPerMinute: 1000,
    authFailuresPerMinute: 1000,
    ...overrides,
  };
  const log = createHqLogger(config.logLevel);
  const postgres = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const database: HqDatabase = { url: postgres.url, stop: async () => {} };
  let running: RunningHq | null = await startHq(config, log, database);
  const port = Number(new URL(running.url).port);
  let pool = running.pool;
  const url = running.url;

  const hq: TestHq = {
    url,
    databaseUrl: postgres.url,
    get pool() {
      return pool;
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      running = await startHq({ ...config, port }, log, database);
      pool = running.pool;
    },
    async close() {
      // A client's fetch aborted while it was connecting leaves a connection that never sends a
      // request; Node's server waits out its headers timeout (a minute) for it. At the end of a test
      // file nobody is waiting for an answer any more.
      running?.app.server.closeAllConnections();
      await running?.close();
      running = null;
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async createStore(code, name = `Store ${code}`) {
      await createStore(pool, { code, name });
    },
    async enrolmentCode(storeCode, ttlMs = 15 * 60_000, now = new Date()) {
      const created = await createEnrolmentCode(pool, storeCode, ttlMs, now);
      if (!created) throw new Error(`no store ${storeCode}`);
      return created.code;
    },
    async enrol(storeCode, terminalCode = '01') {
      const code = await hq.enrolmentCode(storeCode);
      const response = await fetch(`${url}/v1/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, terminalCode, deviceName: `Till ${terminalCode}` }),
      });
      if (response.status !== 201) throw new Error(`enrol answered ${response.status}`);
      return (await response.json()) as EnrolResponse;
    },
    async count(table, where = 'true', params = []) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
        params,
      );
      return rows[0]?.n ?? 0;
    },
    epoch: () => readEpoch(pool),
  };
  return hq;
}
