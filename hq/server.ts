// Starts HQ: the database (DATABASE_URL, or the embedded PostgreSQL), its migrations, the monthly
// sales partitions, then the HTTP API, and the duplicate-merge job on its schedule.
import type { FastifyInstance } from 'fastify';
import { buildHqApp } from './app';
import type { HqConfig } from './config';
import { scheduleDedupe } from './customers/dedupe';
import { startEmbeddedPostgres } from './db/embedded';
import { ensureSalesPartitions, migrate } from './db/migrate';
import { createPool } from './db/pool';
import type { Pool } from './db/pool';
import type { HqLogger } from './log';

const PARTITION_CHECK_MS = 12 * 60 * 60 * 1000;

export interface HqDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function openHqDatabase(config: HqConfig, log: HqLogger): Promise<HqDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const started = performance.now();
  const database = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    onLog: (line) => log.debug({ postgres: line }, 'postgres'),
  });
  log.info({ dataDir: config.dataDir, ms: Math.round(performance.now() - started) }, 'postgres.embedded');
  return database;
}

/** A pool on a migrated database, with the sales partitions of the coming months in place. */
export async function openHqPool(database: HqDatabase, config: HqConfig, log: HqLogger): Promise<Pool> {
  const pool = createPool(database.url, config.poolSize);
  try {
    const applied = await migrate(pool);
    if (applied.length > 0) log.info({ applied }, 'migrations.applied');
    await ensureSalesPartitions(pool, new Date());
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export interface RunningHq {
  url: string;
  app: FastifyInstance;
  pool: Pool;
  close(): Promise<void>;
}

export async function startHq(config: HqConfig, log: HqLogger, database?: HqDatabase): Promise<RunningHq> {
  const db = database ?? (await openHqDatabase(config, log));
  const pool = await openHqPool(db, config, log);
  const partitions = setInterval(() => {
    ensureSalesPartitions(pool, new Date()).catch((error: Error) =>
      log.error({ err: { message: error.message } }, 'partitions.failed'),
    );
  }, PARTITION_CHECK_MS);
  partitions.unref();
  const app = await buildHqApp({ pool, config, log });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    clearInterval(partitions);
    await pool.end();
    if (!database) await db.stop();
    throw error;
  }
  // Every node schedules it; the job's advisory lock lets one run at a time.
  const dedupe = config.dedupeEveryMs ? scheduleDedupe(pool, log, config.dedupeEveryMs) : null;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    app,
    pool,
    close: async () => {
      clearInterval(partitions);
      await dedupe?.stop();
      await app.close();
      await pool.end();
      if (!database) await db.stop();
    },
  };
}
