// The PouchDB side of the sync comparison: pouchdb-server (npm) in its own process on loopback,
// storing in LevelDB (its default), and one local PouchDB per terminal (LevelDB in a temp folder,
// as a till would keep it) replicating to it. The same sale documents go over as Omnitill pushes.
// `fsync: true` makes the server sync each LevelDB write before it answers (synced-leveldown.cjs),
// the durability HQ gives a sale; by default LevelDB leaves writes to the OS.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The little of PouchDB's API used here (the package ships no types). */
interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
  replicate: {
    to(
      target: string,
      options: { batch_size: number; batches_limit?: number },
    ): Promise<{ ok: boolean; docs_written: number; errors: unknown[] }>;
  };
}
type PouchConstructor = new (name: string) => PouchDatabase;

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchConstructor;
const SERVER = resolve(import.meta.dirname, '../../node_modules/pouchdb-server/bin/pouchdb-server');
const SYNCED_LEVELDOWN = resolve(import.meta.dirname, 'synced-leveldown.cjs');

export async function startPouchServer(port: number, options: { fsync: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-pouch-'));
  // A custom backend keeps its databases in the working directory, as the default keeps them in --dir.
  const storage = options.fsync ? ['--level-backend', SYNCED_LEVELDOWN] : ['--dir', join(dir, 'data')];
  const server = spawn(process.execPath, [SERVER, '--port', String(port), ...storage, '-n'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 30_000) throw new Error('pouchdb-server did not start');
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  const version = ((await (await fetch(url)).json()) as { version: string }).version;
  return {
    url,
    version,
    pid: server.pid ?? null,
    async createDb(name: string) {
      const response = await fetch(`${url}/${name}`, { method: 'PUT' });
      if (!response.ok) throw new Error(`pouchdb-server: PUT /${name} answered ${response.status}`);
      return `${url}/${name}`;
    },
    async docCount(name: string) {
      return ((await (await fetch(`${url}/${name}`)).json()) as { doc_count: number }).doc_count;
    },
    async close() {
      const exited = new Promise((resolveExit) => server.once('exit', resolveExit));
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A till's local PouchDB holding its sales (written before the clock starts). */
export async function localPouch(docs: { _id: string }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-pouch-local-'));
  const db = new PouchDB(join(dir, 'sales'));
  for (let from = 0; from < docs.length; from += 1000) await db.bulkDocs(docs.slice(from, from + 1000));
  return {
    db,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const pouchVersion = (): string => (require('pouchdb/package.json') as { version: string }).version;
