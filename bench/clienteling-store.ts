// The store the clienteling figures are measured on: 2,000,000 customers and 5,000,000 past purchases
// (documents), seeded by `npm run seed`'s own code, kept in the OS temp folder between runs.
//
// The split of the 5,000,000: a till's database holds its own sales and HQ's copy of what its
// customers bought elsewhere. A busy terminal rings up about 1,100 receipts a day, 200,000 over the
// 180 days the seed covers; the other 4.8 million are receipts of the chain's other stores and online
// orders over two years, as HQ sends them (purchase_history, one row per line). That is also the
// cheap way to build it: a history line is one row, a local sale is a sale, its lines and payments
// under random UUID keys.
//
// A few customers are topped up to exactly 500 purchases, for the "profile with 500 purchases" figure.
//
// The file is keyed by the parameters and by the source of the seed and the migrations, so a change to
// either builds a new one; other builds of this bench are deleted (each takes gigabytes).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../contract/config';
import { createClienteling } from '../main/store/clienteling';
import { openDatabase } from '../main/store/db';
import { parseSeedArgs } from '../main/store/seed/cli-args';
import { runSeed } from '../main/store/seed/command';
import { otherStores } from '../main/store/seed/chain';
import { Clientele } from '../main/store/seed/clientele';
import { FIRST_GENERATED_CUSTOMER_ID, demoCustomerList } from '../main/store/seed/demo-customers';
import { ChainHistory } from '../main/store/seed/history';
import { prepareInserts } from '../main/store/seed/inserts';
import { rngFor } from '../main/store/seed/prng';
import { Shelf } from '../main/store/seed/shopping';

export interface StoreParams {
  /** All customers, the 5 demo ones included. */
  customers: number;
  /** Past purchases: this till's sales plus HQ's documents. */
  documents: number;
  localSales: number;
  products: number;
  /** Customers with exactly `heavyPurchases` purchases. */
  heavy: number;
  heavyPurchases: number;
  seed: number;
  /** The day the history ends; fixed, so a cached store stays valid. */
  asOf: string;
}

export interface BenchStore {
  file: string;
  /** Seconds it took to build (seed and top-up), this run or the one that built the cached file. */
  buildSeconds: number;
  seedSeconds: number;
  reused: boolean;
  bytes: number;
  heavyIds: number[];
  documents: number;
}

const PREFIX = 'omnitill-bench-clienteling-';
// A stream of its own, so the topped-up purchases are not the customer's seeded ones again.
const TOP_UP_STREAM = 101;
const ANNA_ELSEWHERE = 20;

/** The seed's command line: how a store is built, not what it holds. */
const COMMAND_LINE = new Set(['cli.ts', 'cli-args.ts', 'command.ts', 'progress.ts']);

/** The source that decides what the file holds: the seed's generators and writers, and the schema. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const folder of ['main/store/seed', 'main/store/migrations']) {
    const dir = join(import.meta.dirname, '..', folder);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts') || COMMAND_LINE.has(name)) continue;
      hash.update(name).update(readFileSync(join(dir, name)));
    }
  }
  hash.update(readFileSync(import.meta.filename));
  return hash.digest('hex');
}

/** Generated customers who joined early enough for two years of history, spread over the ids. */
function heavyCustomers(params: StoreParams, generated: number): number[] {
  const early = Math.floor(generated / 3);
  return Array.from(
    { length: params.heavy },
    (_, k) => FIRST_GENERATED_CUSTOMER_ID + Math.floor(((k + 0.5) * early) / params.heavy),
  );
}

/**
 * Adds HQ documents until each heavy customer has exactly `heavyPurchases`, then one each for as many
 * other customers as it takes to make `documents` past purchases in all; returns the total.
 */
function topUp(
  file: string,
  params: StoreParams,
  generated: number,
  ids: readonly number[],
  seeded: number,
): number {
  const db = openDatabase(file, { synchronous: 'OFF' });
  try {
    const now = new Date(`${params.asOf}T00:00:00Z`);
    const config = defaultTillConfig;
    const shelf = new Shelf(params.seed, params.products);
    const clientele = new Clientele(
      params.seed,
      generated,
      now.getTime(),
      otherStores(config.store.code),
      shelf,
    );
    // Numbered past anything the seed used: document counters from 9,000,000, line ids from 9·10^11.
    const history = new ChainHistory(
      { seed: params.seed, customers: generated, now, config, shelf, clientele },
      { firstDocument: 9_000_000, firstLine: 900_000_000_000 },
    );
    const clienteling = createClienteling(db);
    const insert = prepareInserts(db);
    let documents = seeded;
    const add = (id: number, count: number) => {
      for (const document of history.customer(rngFor(params.seed, TOP_UP_STREAM, id), id, count)) {
        insert.history(document);
      }
      documents += count;
    };
    db.transaction(() => {
      for (const id of ids) {
        const missing = params.heavyPurchases - clienteling.stats(clienteling.profileIds(id)).visits;
        if (missing < 0)
          throw new Error(`bench: customer ${id} already has more than ${params.heavyPurchases}`);
        add(id, missing);
      }
      // The rest from customers in the middle third, who are nobody's heavy ones.
      const shortfall = params.documents - documents;
      for (let n = 0; n < shortfall; n++) {
        add(FIRST_GENERATED_CUSTOMER_ID + Math.floor(generated / 3) + (n % Math.floor(generated / 3)), 1);
      }
    })();
    for (const id of ids) {
      const visits = clienteling.stats(clienteling.profileIds(id)).visits;
      if (visits !== params.heavyPurchases) throw new Error(`bench: customer ${id} has ${visits} purchases`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    return documents;
  } finally {
    db.close();
  }
}

/** The cached store for these parameters, built first when there is none. */
export function clientelingStore(params: StoreParams, log: (line: string) => void): BenchStore {
  const key = createHash('sha256')
    .update(JSON.stringify(params))
    .update(sourceFingerprint())
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `${PREFIX}${key}.sqlite`);
  const generated = params.customers - demoCustomerList.length;
  const heavyIds = heavyCustomers(params, generated);
  const meta = `${file}.json`;
  try {
    const cached = JSON.parse(readFileSync(meta, 'utf8')) as Pick<
      BenchStore,
      'documents' | 'seedSeconds' | 'buildSeconds'
    >;
    log(`bench: reusing ${file}`);
    return { file, ...cached, reused: true, bytes: statSync(file).size, heavyIds };
  } catch {
    // Not built yet (or half-built by a killed run): build it below.
  }
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(PREFIX)) rmSync(join(tmpdir(), name), { force: true });
  }

  const started = performance.now();
  const building = `${file}.building`;
  const history =
    params.documents - params.localSales - ANNA_ELSEWHERE - params.heavy * params.heavyPurchases;
  const argv = [
    ['--products', params.products],
    ['--customers', generated],
    ['--sales', params.localSales],
    ['--history', Math.max(0, history)],
    ['--seed', params.seed],
    ['--as-of', params.asOf],
    ['--db', building],
  ].flatMap(([name, value]) => [String(name), String(value)]);
  const command = parseSeedArgs(argv);
  if (!command.ok || command.command === 'help') throw new Error('bench: bad seed arguments');
  const seeded = runSeed(command.command, {
    stdout: { write: () => true },
    stderr: process.stderr,
    env: { ...process.env, OMNITILL_CONFIG: '' },
  });
  const documents = topUp(building, params, generated, heavyIds, seeded.sales + seeded.history);
  renameSync(building, file);
  const buildSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  // Written last: its presence says the store beside it is complete.
  writeFileSync(`${meta}.tmp`, JSON.stringify({ documents, seedSeconds: seeded.seconds, buildSeconds }));
  renameSync(`${meta}.tmp`, meta);
  log(`bench: built ${file} in ${buildSeconds} s`);
  return {
    file,
    buildSeconds,
    seedSeconds: seeded.seconds,
    reused: false,
    bytes: statSync(file).size,
    heavyIds,
    documents,
  };
}
