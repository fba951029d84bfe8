// What `npm run seed` does, apart from reading process.argv: parse, check the target, build the store
// in a scratch file, rename it into place. Exit codes: 0 seeded, 1 refused or failed, 2 bad arguments.
//
// Why a scratch file: the bulk load keeps its rollback journal in memory and never fsyncs (much faster
// than the till's WAL at millions of rows), so a killed run cannot be recovered from the file. The
// store is built in `<db>.seeding-<pid>` and only a complete one is renamed over the target; a failed
// run deletes its scratch file, a killed one leaves it for the next run to delete. The target is never
// half seeded.
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';
import { databaseFile, defaultDataDir } from '../../config/paths';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { parseSeedArgs, usage } from './cli-args';
import type { SeedCommand } from './cli-args';
import { createProgressReporter } from './progress';
import type { ProgressStream } from './progress';
import { seedDemoStore, storeTables } from './write';

export const ExitCode = { seeded: 0, failed: 1, badArguments: 2 } as const;

export interface SeedIo {
  stdout: { write(text: string): unknown };
  /** Progress and messages. */
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Names the scratch file; process.pid by default. */
  pid?: number;
}

/** A refusal or failure the person running the seed can act on: printed as is, exit code 1. */
export class SeedCommandError extends Error {
  override name = 'SeedCommandError';
}

export interface SeedReport {
  db: string;
  products: number;
  barcodes: number;
  customers: number;
  sales: number;
  /** Purchase-history documents. */
  history: number;
  coupons: number;
  /** Every row written, in every table. */
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** The database file's size once in place. */
  bytes: number;
}

type Existing =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'demo' }
  | { kind: 'store'; detail: string }
  | { kind: 'foreign'; detail: string };

const SIDE_FILES = ['-journal', '-wal', '-shm'];

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/**
 * What the target file holds. Takes an exclusive lock to look, so a till that has the database open
 * (and would go on writing to the replaced file) makes it fail with "in use".
 */
export function inspectTarget(file: string): Existing {
  if (!existsSync(file)) return { kind: 'absent' };
  if (statSync(file).isDirectory()) return { kind: 'foreign', detail: 'is a folder' };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    try {
      const tables = new Set(
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
      );
      if (tables.size === 0) return { kind: 'empty' };
      if (!tables.has('products') || !tables.has('meta')) {
        return { kind: 'foreign', detail: 'holds tables that are not an Omnitill store' };
      }
      const rows = (table: string): number =>
        tables.has(table) ? (db?.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
      if (storeTables.every((table) => rows(table) === 0)) return { kind: 'empty' };
      const demo = db.prepare("SELECT value FROM meta WHERE key = 'demo'").pluck().get() === '1';
      if (demo) return { kind: 'demo' };
      const unsent = tables.has('outbox')
        ? (db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get() as number)
        : 0;
      return {
        kind: 'store',
        detail: `holds a store that was not seeded as a demo (${rows('products')} products, ${rows('sales')} sales, ${unsent} changes not yet sent to HQ)`,
      };
    } finally {
      db.exec('ROLLBACK');
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new SeedCommandError(`${file} is in use; stop the till that has it open and run the seed again`);
    }
    if (code === 'SQLITE_NOTADB') return { kind: 'foreign', detail: 'is not an SQLite database' };
    throw error;
  } finally {
    db?.close();
  }
}

function checkTarget(file: string, force: boolean): void {
  const existing = inspectTarget(file);
  switch (existing.kind) {
    case 'absent':
    case 'empty':
      return;
    case 'demo':
      if (force) return;
      throw new SeedCommandError(
        `${file} already holds a demo store; add --force to replace it, or pick another --data-dir`,
      );
    case 'store':
    case 'foreign':
      throw new SeedCommandError(
        `${file} ${existing.detail}; the seed never replaces it, --force or not. Pick another --data-dir or --db`,
      );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Scratch files of earlier runs that were killed (their process is gone). */
export function removeStaleScratchFiles(file: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(basename(file))}\\.seeding-(\\d+)(-journal|-wal|-shm)?$`);
  const removed: string[] = [];
  for (const name of readdirSync(dirname(file))) {
    const pid = pattern.exec(name)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    rmSync(join(dirname(file), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** A database's journal, WAL and shared-memory files; a stale WAL would be replayed into a new file. */
const removeSideFiles = (file: string) => {
  for (const suffix of SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
};
const removeDatabaseFiles = (file: string) => {
  rmSync(file, { force: true });
  removeSideFiles(file);
};

function fsyncPath(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened for fsync on Windows; the rename is still atomic there.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const MIB = 1024;
/**
 * Page cache for the bulk load, in KiB: an eighth of the machine's memory, 64 MiB to 1 GiB. At a
 * million products and two million customers 1 GiB seeds in ~40 s instead of ~53 s with 256 MiB,
 * because random-key index inserts (barcodes, phones, sale ids) then stay in memory. Speed only: the
 * rows written are the same whatever the cache.
 */
export function bulkCacheKib(memoryBytes = totalmem()): number {
  return Math.min(1024 * MIB, Math.max(64 * MIB, Math.floor(memoryBytes / 8 / 1024)));
}

function journalMode(db: Db, mode: 'delete' | 'memory' | 'wal'): void {
  const now = db.pragma(`journal_mode = ${mode.toUpperCase()}`, { simple: true });
  if (now !== mode) throw new Error(`SQLite kept journal_mode ${String(now)} instead of ${mode}`);
}

// A fresh file nobody else has open: no WAL, no fsyncs, pages kept in memory. The rollback journal
// stays (in memory, and on a fresh file it holds only the few pages that existed before the seed), so
// seedDemoStore's transaction still rolls back; journal_mode OFF would not, and better-sqlite3's
// defensive mode refuses it anyway. SQLite leaves WAL (which openDatabase sets) only for DELETE, hence
// the two steps. The till's WAL mode is set again before the file is renamed into place.
function startBulkLoad(db: Db): void {
  journalMode(db, 'delete');
  journalMode(db, 'memory');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma(`cache_size = -${bulkCacheKib()}`);
  db.pragma('temp_store = MEMORY');
}

function endBulkLoad(db: Db): void {
  db.pragma('locking_mode = NORMAL');
  journalMode(db, 'wal');
}

/** Seeds the command's database; throws SeedCommandError (and others) when it cannot. */
export function runSeed(command: SeedCommand, io: SeedIo): SeedReport {
  const target = command.target;
  const dataDir =
    target && 'db' in target
      ? dirname(resolve(target.db))
      : resolve(target?.dataDir ?? defaultDataDir(io.env));
  const file = target && 'db' in target ? resolve(target.db) : databaseFile(dataDir);
  // Read like the till reads it, so receipt numbers and weight labels follow the store's config.
  const { config } = loadConfig(dataDir, io.env);
  mkdirSync(dirname(file), { recursive: true });
  checkTarget(file, command.force);
  for (const name of removeStaleScratchFiles(file))
    io.stderr.write(`removed ${name}, left by a killed seed\n`);

  const scratch = `${file}.seeding-${io.pid ?? process.pid}`;
  removeDatabaseFiles(scratch);
  const started = performance.now();
  let db: Db | null = null;
  try {
    db = openDatabase(scratch, { synchronous: 'OFF' });
    startBulkLoad(db);
    const summary = seedDemoStore(db, config, {
      products: command.products,
      customers: command.customers,
      sales: command.sales,
      history: command.history,
      seed: command.seed,
      ...(command.asOf ? { now: command.asOf } : {}),
      onProgress: createProgressReporter(io.stderr),
    });
    endBulkLoad(db);
    db.close();
    db = null;
    fsyncPath(scratch);
    // A till may have opened the old file while the store was being built.
    checkTarget(file, command.force);
    // The old file stays until the rename replaces it in one step; only its side files go first.
    removeSideFiles(file);
    renameSync(scratch, file);
    fsyncPath(dirname(file));
    const seconds = (performance.now() - started) / 1000;
    return {
      db: file,
      products: summary.products,
      barcodes: summary.barcodes,
      customers: summary.customers,
      sales: summary.sales,
      history: summary.history,
      coupons: summary.coupons,
      rows: summary.rows,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(summary.rows / seconds),
      bytes: statSync(file).size,
    };
  } catch (error) {
    db?.close();
    removeDatabaseFiles(scratch);
    throw error;
  }
}

/** `npm run seed` without the process: returns the exit code. */
export function runSeedCli(argv: readonly string[], io: SeedIo): number {
  const parsed = parseSeedArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`seed: ${parsed.message}\n\n${usage}\n`);
    return ExitCode.badArguments;
  }
  if (parsed.command === 'help') {
    io.stdout.write(`${usage}\n`);
    return ExitCode.seeded;
  }
  try {
    const report = runSeed(parsed.command, io);
    // Progress went to stderr; the summary alone to stdout, so `> summary.json` keeps it.
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return ExitCode.seeded;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const expected = error instanceof SeedCommandError || error instanceof ConfigError;
    io.stderr.write(`seed: ${expected ? message : `failed, the database is unchanged: ${message}`}\n`);
    return ExitCode.failed;
  }
}
