// Starts a till and serves it on loopback: shared by `npm run host` and `npm start`'s browser fallback.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load';
import { createLogger } from '../log';
import { startDevices } from '../services/devices';
import { openTill } from '../services/till';
import { startHost } from './server';
import type { Host } from './server';

export const rendererDir = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

export async function runHost(options: { dataDir: string; port: number; demo: boolean }): Promise<Host> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('The UI is not built yet: run `npm run build` (npm start does it for you).');
  }
  const log = createLogger({ file: join(options.dataDir, 'logs', 'omnitill.log'), echo: false });
  const { config, file } = loadConfig(options.dataDir);
  log.info('config.loaded', { file: file ?? 'defaults' });
  const devices = await startDevices(config, log);
  const till = openTill({ dataDir: options.dataDir, config, log, seedDemo: options.demo, devices });
  const host = await startHost({
    dispatch: till.dispatch,
    events: till.events,
    log,
    staticDir: rendererDir,
    port: options.port,
  });
  const stop = async () => {
    await host.close();
    till.close();
    await devices.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return host;
}
