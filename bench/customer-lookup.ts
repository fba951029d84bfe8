// `npm run bench:customers`: customer identification on a store with 2,000,000 customers, seeded the
// way `npm run seed` does it, through the same service the till calls (identify), p50/p95 in ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../contract/config';
import { databaseFile } from '../main/config/paths';
import { createCustomerService } from '../main/services/customers';
import { openDatabase } from '../main/store/db';
import { parseSeedArgs } from '../main/store/seed/cli-args';
import { runSeed } from '../main/store/seed/command';
import { summary } from './stats';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2_000_000);
const SALES = Number(process.env.BENCH_SALES ?? 10_000);
const LOOKUPS = 500;
const NAME_QUERIES = [
  'Ivanova',
  'иванова мар',
  'ivan',
  'Sokolov',
  'Сергей Пет',
  'yulia',
  'Li Wei',
  'Zhang',
  'кузьм',
  'ol',
];

const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-bench-customers-'));
const seedArgs = parseSeedArgs(
  ['--products', 1000, '--customers', CUSTOMERS, '--sales', SALES, '--seed', 7, '--data-dir', dataDir].map(
    String,
  ),
);
if (!seedArgs.ok || seedArgs.command === 'help') throw new Error('bench: bad seed arguments');
const seeded = runSeed(seedArgs.command, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

const db = openDatabase(databaseFile(dataDir));
const sample = db
  .prepare('SELECT c.card_no AS card, c.phone_e164 AS phone FROM customers c ORDER BY random() LIMIT ?')
  .all(LOOKUPS) as { card: string; phone: string }[];
const service = createCustomerService({ db, config: defaultTillConfig, now: () => new Date() });

function time(queries: readonly string[], expect: (kind: string) => boolean): number[] {
  const ms: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    const result = service.identify(query);
    ms.push(performance.now() - started);
    if (!result.ok || !expect(result.value.kind)) throw new Error(`bench: unexpected result for ${query}`);
  }
  return ms;
}

const card = time(
  sample.map((row) => row.card),
  (kind) => kind === 'one',
);
// Typed as a cashier types it: national format, spaces and a dash.
const phone = time(
  sample.map((row) => `8 ${row.phone.slice(2, 5)} ${row.phone.slice(5, 8)}-${row.phone.slice(8)}`),
  (kind) => kind === 'one',
);
const last4 = time(
  sample.map((row) => row.phone.slice(-4)),
  (kind) => kind !== 'none',
);
const names = time(
  Array.from({ length: LOOKUPS }, (_, i) => NAME_QUERIES[i % NAME_QUERIES.length] ?? 'ivan'),
  () => true,
);
db.close();
rmSync(dataDir, { recursive: true, force: true });

console.info(
  JSON.stringify(
    {
      bench: 'customer-lookup',
      customers: CUSTOMERS,
      seedSeconds: Number(seeded.seconds.toFixed(1)),
      cardLookupMs: summary(card),
      phoneLookupMs: summary(phone),
      last4PickListMs: summary(last4),
      nameSearchMs: summary(names),
      targets: { cardLookupP95Ms: 5, phoneLookupP95Ms: 5, nameSearchP95Ms: 30 },
    },
    null,
    2,
  ),
);
