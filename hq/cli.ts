// `npm run hq` serves HQ; `npm run hq -- admin …` runs an admin command (hq/admin.ts).
import { AdminError, adminCommand } from './admin';
import { loadHqConfig } from './config';
import type { HqConfig } from './config';
import { createHqLogger } from './log';
import { startHq } from './server';

const [mode = 'serve', ...args] = process.argv.slice(2);

let config: HqConfig;
try {
  config = loadHqConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

if (mode === 'admin') {
  // Admin output is for a person; the log keeps to warnings.
  const log = createHqLogger(config.logLevel === 'silent' ? 'silent' : 'warn', process.stderr);
  try {
    await adminCommand(args, config, log);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(error instanceof AdminError ? 2 : 1);
  }
} else if (mode === 'serve') {
  const log = createHqLogger(config.logLevel);
  try {
    const hq = await startHq(config, log);
    log.info({ url: hq.url, database: config.databaseUrl ? 'DATABASE_URL' : 'embedded' }, 'hq.started');
    const stop = (signal: string) => {
      log.info({ signal }, 'hq.stopping');
      hq.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  } catch (error) {
    log.fatal({ err: { message: (error as Error).message } }, 'hq.start_failed');
    process.exit(1);
  }
} else {
  console.error('Usage: npm run hq [-- serve] | npm run hq -- admin <command>');
  process.exit(2);
}
