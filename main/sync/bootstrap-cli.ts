// `npm run bootstrap -- [--data-dir DIR] [--every N]`: fills a new, enrolled till with HQ's data
// (catalogue, prices, customers, coupons, history, settings, the recommendation model) from HQ's
// snapshots, with a progress bar. Run it again after an interruption (Ctrl-C, a cut): it goes on
// from the last checkpoint each stream committed. Afterwards the till's puller keeps it current.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFile, defaultDataDir } from '../config/paths';
import { createLogger } from '../log';
import { openDatabase } from '../store/db';
import { BootstrapError, bootstrapTill } from './bootstrap';
import { createBootstrapProgress } from './bootstrap-progress';
import { readCredentials } from './credentials';

const usage = 'Usage: npm run bootstrap -- [--data-dir DIR] [--every ITEMS_PER_CHECKPOINT]';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, every: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.info(usage);
  process.exit(0);
}
const every = values.every === undefined ? undefined : Number(values.every);
if (every !== undefined && (!Number.isInteger(every) || every < 100 || every > 50_000)) {
  console.error(`--every must be an integer from 100 to 50000\n${usage}`);
  process.exit(2);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
const credentials = await readCredentials(dataDir).catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
if (!credentials) {
  console.error(
    `This till is not enrolled (${dataDir}): npm run enrol -- --hq <HQ URL> --code <code> first.`,
  );
  process.exit(2);
}

// A bulk load: commits are not flushed one by one (WAL with NORMAL never corrupts; a power cut loses
// at most the last checkpoints, which the next run downloads again), and a large page cache.
const db = openDatabase(databaseFile(dataDir), { synchronous: 'NORMAL' });
db.pragma('cache_size = -262144');
const abort = new AbortController();
process.once('SIGINT', () => {
  console.error('\nStopping; run the same command again to go on from here.');
  abort.abort();
});

try {
  const summary = await bootstrapTill({
    db,
    credentials,
    // Resumes and per-stream timings go to the till's log, beside the app's own lines.
    log: createLogger({ file: join(dataDir, 'logs', 'omnitill.log'), echo: false }),
    onProgress: createBootstrapProgress(process.stderr),
    signal: abort.signal,
    ...(every !== undefined && { checkpointEvery: every }),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const items = Object.entries(summary.items)
    .map(([stream, count]) => `${stream} ${count}`)
    .join(', ');
  console.info(
    `Bootstrapped from ${credentials.hqUrl} in ${(summary.ms / 1000).toFixed(1)} s: ${items}` +
      (summary.resumes > 0 ? ` (resumed ${summary.resumes} times after a cut)` : ''),
  );
} catch (error) {
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (!(error instanceof BootstrapError)) throw error;
  console.error(`Bootstrap stopped: ${error.message}. What was committed stays; run it again to go on.`);
  process.exitCode = 1;
} finally {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
