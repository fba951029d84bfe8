// `npm run seed`: fills a till database with the demo store, at any size up to millions of rows for
// benchmarks. Progress goes to stderr, the JSON summary to stdout, so `> summary.json` keeps it.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../../config/load';
import { databaseFile, defaultDataDir } from '../../config/paths';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { parseSeedArgs, usage } from './cli-args';
import type { SeedCommand } from './cli-args';
import { createProgressReporter } from './progress';
import { isSeeded, seedDemoStore } from './write';

const EXIT_REFUSED = 1;
const EXIT_BAD_ARGS = 2;

// A fresh file nobody else has open: a crash can only cost this run, so skip the journal and fsyncs
// and keep pages in memory. The till's own WAL mode is restored before the file is handed back.
function startBulkLoad(db: Db): void {
  db.pragma('journal_mode = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
}

function endBulkLoad(db: Db): void {
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
}

function seed(command: SeedCommand): number {
  const dataDir = command.db ? dirname(command.db) : defaultDataDir();
  const file = command.db ?? databaseFile(dataDir);
  const { config } = loadConfig(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  if (command.force) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

  const db = openDatabase(file, { synchronous: 'OFF' });
  try {
    if (isSeeded(db)) {
      console.error(`seed: ${file} already has a catalogue; add --force to delete it and seed again`);
      return EXIT_REFUSED;
    }
    const started = performance.now();
    startBulkLoad(db);
    const summary = seedDemoStore(db, config, {
      products: command.products,
      customers: command.customers,
      sales: command.sales,
      seed: command.seed,
      onProgress: createProgressReporter(process.stderr),
    });
    endBulkLoad(db);
    const seconds = (performance.now() - started) / 1000;
    const report = {
      db: file,
      products: summary.products,
      barcodes: summary.barcodes,
      customers: summary.customers,
      sales: summary.sales,
      rows: summary.rows,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(summary.rows / seconds),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    db.close();
  }
}

function main(argv: readonly string[]): number {
  const parsed = parseSeedArgs(argv);
  if (!parsed.ok) {
    console.error(`seed: ${parsed.message}\n\n${usage}`);
    return EXIT_BAD_ARGS;
  }
  if (parsed.command === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return seed(parsed.command);
}

process.exitCode = main(process.argv.slice(2));
