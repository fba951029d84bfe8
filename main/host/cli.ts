// `npm run host -- [--port N] [--data-dir DIR] [--no-demo]`: a till served to a browser on 127.0.0.1.
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config/paths';
import { runHost } from './run';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number, got ${values.port}`);
  process.exit(2);
}
try {
  const host = await runHost({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    port,
    demo: !values['no-demo'],
  });
  console.info(`Omnitill is running. Open this address in Chromium or Chrome:\n\n  ${host.appUrl}\n`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
