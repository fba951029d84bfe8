// `npm run bench:customers`: customer identification and the clienteling panel on a store with
// 2,000,000 customers and 5,000,000 past purchases (bench/clienteling-store.ts builds it with the seed
// once and keeps it in the temp folder), through the code the till calls, p50/p95 in ms, as JSON:
//  - card, phone, last-4 and name look-ups (services/customers.ts identify);
//  - the same name queries with MiniSearch in memory (bench/minisearch-names.ts, its own process):
//    build time, memory and query time, side by side with SQLite FTS5 as ratios;
//  - the 360° profile of customers with 500 purchases, and recommendations alone (bench/profile-timing.ts);
//  - the local RFM boundaries (store/rfm-boundaries.ts), and with BENCH_RFM_EXACT=1 the same computed
//    over every customer, for the sample's error.
// BENCH_CUSTOMERS, BENCH_DOCUMENTS and BENCH_LOCAL_SALES scale it down for a quick look.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultTillConfig } from '../contract/config';
import { nameMatchQuery } from '../main/domain/customer-identity';
import { createCustomerService } from '../main/services/customers';
import { openDatabase } from '../main/store/db';
import { createRfmBoundaries } from '../main/store/rfm-boundaries';
import { mulberry32 } from '../main/store/seed/prng';
import { clientelingStore } from './clienteling-store';
import type { StoreParams } from './clienteling-store';
import { timeProfiles } from './profile-timing';
import { summary } from './stats';

const params: StoreParams = {
  customers: Number(process.env.BENCH_CUSTOMERS ?? 2_000_000),
  documents: Number(process.env.BENCH_DOCUMENTS ?? 5_000_000),
  localSales: Number(process.env.BENCH_LOCAL_SALES ?? 200_000),
  products: 5000,
  heavy: 20,
  heavyPurchases: 500,
  seed: 7,
  asOf: '2025-06-15',
};
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
const NAME_ROUNDS = LOOKUPS / NAME_QUERIES.length;
const MIB = 1024 * 1024;

const store = clientelingStore(params, (line) => process.stderr.write(`${line}\n`));
const db = openDatabase(store.file);
// Mid-morning of the day after the history ends: the demo coupons and the recency figures hold.
const now = new Date(`${params.asOf}T10:00:00Z`);
const service = createCustomerService({ db, config: defaultTillConfig, now: () => now });

// Customers as they walk in: surviving profiles with a card and a phone, drawn the same every run.
const byId = db.prepare<[number], { card: string | null; phone: string | null; gone: number }>(
  `SELECT card_no AS card, phone_e164 AS phone, merged_into IS NOT NULL OR erased_at IS NOT NULL AS gone
   FROM customers WHERE id = ?`,
);
const pickRng = mulberry32(params.seed);
const sample: { card: string; phone: string }[] = [];
while (sample.length < LOOKUPS) {
  const row = byId.get(1 + Math.floor(pickRng() * params.customers));
  if (row?.card && row.phone && row.gone === 0) sample.push({ card: row.card, phone: row.phone });
}

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
const nameQueries = Array.from(
  { length: LOOKUPS },
  (_, i) => NAME_QUERIES[i % NAME_QUERIES.length] ?? 'ivan',
);
const names = time(nameQueries, () => true);
// The index alone, as MiniSearch is timed: the MATCH and its first 21 ids.
const ftsRaw: number[] = [];
for (const text of nameQueries) {
  const match = nameMatchQuery(text);
  if (match === null) continue;
  const started = performance.now();
  service.customers.customersByName(match, 20);
  ftsRaw.push(performance.now() - started);
}
const ftsBytes = db
  .prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'customer_names%'")
  .pluck()
  .get() as number;

// MiniSearch in a process of its own, so its memory is measured alone.
const child = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--expose-gc',
    '--max-old-space-size=16384',
    join(import.meta.dirname, 'minisearch-names.ts'),
    store.file,
    JSON.stringify(NAME_QUERIES),
    String(NAME_ROUNDS),
  ],
  { encoding: 'utf8', maxBuffer: 16 * MIB, stdio: ['ignore', 'pipe', 'inherit'] },
);
if (child.status !== 0) throw new Error(`bench: MiniSearch run failed (${child.status})`);
const minisearch = JSON.parse(child.stdout) as {
  documents: number;
  buildSeconds: number;
  heapMiB: number;
  rssMiB: number;
  queryMs: ReturnType<typeof summary>;
};

const rfmStarted = performance.now();
const rfm = createRfmBoundaries(db).compute(now);
const rfmSeconds = (performance.now() - rfmStarted) / 1000;
let rfmExact: { seconds: number; boundaries: unknown } | null = null;
if (process.env.BENCH_RFM_EXACT === '1') {
  const started = performance.now();
  const boundaries = createRfmBoundaries(db, { sample: Number.MAX_SAFE_INTEGER }).compute(now);
  rfmExact = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), boundaries };
  // Put the default (sampled) figures back, as the till would have them.
  createRfmBoundaries(db).compute(now);
}

const profiles = timeProfiles(db, store.heavyIds, now);
db.close();

const ratio = (a: number, b: number) => Number((a / b).toFixed(1));
const ftsSummary = summary(ftsRaw);
console.info(
  JSON.stringify(
    {
      bench: 'customer-lookup',
      customers: params.customers,
      pastPurchases: store.documents,
      localSales: params.localSales,
      store: {
        reused: store.reused,
        buildSeconds: store.buildSeconds,
        seedSeconds: store.seedSeconds,
        gib: Number((store.bytes / 1024 ** 3).toFixed(2)),
      },
      cardLookupMs: summary(card),
      phoneLookupMs: summary(phone),
      last4PickListMs: summary(last4),
      nameSearchMs: summary(names),
      nameSearchSideBySide: {
        queries: NAME_QUERIES,
        // FTS5's index is built as the seed writes the customers: it has no build time of its own.
        fts5: { queryMs: ftsSummary, indexMiBOnDisk: Math.round(ftsBytes / MIB) },
        minisearch,
        minisearchOverFts5: {
          p50: ratio(minisearch.queryMs.p50, ftsSummary.p50),
          p95: ratio(minisearch.queryMs.p95, ftsSummary.p95),
          memory: ratio(minisearch.heapMiB, ftsBytes / MIB),
        },
      },
      profile500PurchasesMs: profiles.profileMs,
      recommendationsMs: profiles.recommendMs,
      recommendationModelBuildSeconds: profiles.modelBuildSeconds,
      profilePurchases: [...new Set(profiles.purchases)],
      rfmBoundaries: { seconds: Number(rfmSeconds.toFixed(2)), boundaries: rfm, exact: rfmExact },
      targets: {
        cardLookupP95Ms: 5,
        phoneLookupP95Ms: 5,
        nameSearchP95Ms: 30,
        profile500P95Ms: 100,
        recommendationsP95Ms: 5,
      },
    },
    null,
    2,
  ),
);
