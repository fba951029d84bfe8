// Name search over the same customers with MiniSearch in memory, for the side-by-side with SQLite
// FTS5 in bench/customer-lookup.ts. Runs in a process of its own (spawned by that bench), so its heap
// and RSS are the index's and nothing else's. Indexes the same text FTS5 does (every spelling of each
// word, domain/customer-identity.ts nameSearchText) and asks the same thing: every word of the query,
// in any of its spellings, as a prefix. MiniSearch ranks every match (BM25); the till takes the first
// 21 either way.
//
// Usage: node --import tsx --expose-gc bench/minisearch-names.ts <db file> <queries as JSON> <repeat>
import MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import { nameSearchText, spellings, words } from '../main/domain/customer-identity';
import { openDatabase } from '../main/store/db';
import { summary } from './stats';

const [file, queriesJson, repeatText] = process.argv.slice(2);
if (!file || !queriesJson) throw new Error('usage: minisearch-names.ts <db> <queries JSON> <repeat>');
const queries = JSON.parse(queriesJson) as string[];
const repeat = Number(repeatText ?? 50);
const CANDIDATES = 21;
const MIN_PREFIX = 2;
const HAN = /\p{Script=Han}/u;
const MIB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const memory = () => {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
};

// The names as the till holds them: surviving, not erased profiles.
const db = openDatabase(file, { readonly: true });
const ids: number[] = [];
const names: string[] = [];
for (const row of db
  .prepare<[], { id: number; name: string }>(
    'SELECT id, name FROM customers WHERE erased_at IS NULL AND merged_into IS NULL',
  )
  .iterate()) {
  ids.push(row.id);
  names.push(row.name);
}
db.close();

const before = memory();
const started = performance.now();
const index = new MiniSearch<{ id: number; terms: string }>({
  fields: ['terms'],
  storeFields: [],
  // nameSearchText already splits, folds and spells out the words.
  tokenize: (text) => text.split(' '),
});
for (const [n, id] of ids.entries()) index.add({ id, terms: nameSearchText(names[n] ?? '') });
const buildMs = performance.now() - started;
const after = memory();

/** The MiniSearch form of domain/customer-identity.ts nameMatchQuery. */
function query(text: string): Query | null {
  const terms = words(text)
    .filter((word) => [...word].length >= MIN_PREFIX || HAN.test(word))
    .slice(0, 5);
  if (terms.length === 0) return null;
  return {
    combineWith: 'AND',
    queries: terms.map((word) => ({ combineWith: 'OR', prefix: true, queries: spellings(word) })),
  };
}

const ms: number[] = [];
const found: Record<string, number> = {};
for (let round = 0; round < repeat; round++) {
  for (const text of queries) {
    const expression = query(text);
    if (!expression) continue;
    const t = performance.now();
    const results = index.search(expression).slice(0, CANDIDATES);
    ms.push(performance.now() - t);
    found[text] = results.length;
  }
}

process.stdout.write(
  `${JSON.stringify({
    documents: ids.length,
    buildSeconds: Number((buildMs / 1000).toFixed(1)),
    heapMiB: Math.round((after.heap - before.heap) / MIB),
    rssMiB: Math.round((after.rss - before.rss) / MIB),
    queryMs: summary(ms),
    found,
  })}\n`,
);
