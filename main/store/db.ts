// Opens the till database: WAL for concurrent readers, FULL sync so a completed sale survives a
// power cut (FIELD.md: NORMAL may lose the last commits), foreign keys on, migrations applied.
import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Milliseconds a write waits for another connection's lock before failing with STORE_BUSY. */
  busyTimeoutMs?: number;
  /** Bulk loaders (seed, bootstrap) trade durability for speed; the till never does. */
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // An erased customer's data must not linger in free pages of the file.
    db.pragma('secure_delete = ON');
    migrate(db);
  }
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this Omnitill (${latest}); update the app`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      migration.backfill?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
