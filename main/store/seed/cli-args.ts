// `npm run seed` arguments: parsed into a command or a message for the person typing them. Pure: the
// caller prints the message and exits with 2.
import { parseArgs } from 'node:util';
import { MAX_GENERATED } from './limits';
import { DEFAULT_SEED, MAX_SEED, defaultSeedSize } from './write';
import type { SeedSize } from './write';

export interface SeedCommand extends SeedSize {
  seed: number;
  /** Where the database goes: a file, a data folder (its till.sqlite), or the till's own data folder. */
  target: { db: string } | { dataDir: string } | null;
  /** The day the store is seeded as of (UTC midnight); today when absent. */
  asOf: Date | null;
  /** Replace an existing demo store (one this command or a till's first run seeded). */
  force: boolean;
}

export type ParsedSeedArgs = { ok: true; command: SeedCommand | 'help' } | { ok: false; message: string };

const grouped = new Intl.NumberFormat('en-US');

export const usage = `Usage: npm run seed -- [--products N] [--customers N] [--sales N] [--history N]
                       [--data-dir DIR | --db FILE] [--seed N] [--as-of YYYY-MM-DD] [--force]

  --products N     generated products besides the demo catalogue (default ${defaultSeedSize.products})
  --customers N    generated customers besides the 5 demo customers (default ${defaultSeedSize.customers})
  --sales N        this till's past sales over the 180 days before --as-of (default ${defaultSeedSize.sales})
  --history N      the customers' purchases elsewhere (other stores' receipts, online orders) over the
                   two years before --as-of, as HQ sends them (default ${defaultSeedSize.history})
                   Counts are whole numbers from 0 to ${grouped.format(MAX_GENERATED)}; 1_000_000 may be grouped.
  --data-dir DIR   data folder: seeds DIR/till.sqlite, reads DIR/omnitill.json like the till
                   (default: $OMNITILL_DATA_DIR, else the till's data folder)
  --db FILE        database file instead; its folder is the data folder
  --seed N         random seed, 0 to ${MAX_SEED} (default ${DEFAULT_SEED})
  --as-of DATE     the history ends at 00:00 UTC of DATE (default: today)
                   The same --seed and --as-of build the same store (PIN hashes are salted anew).
  --force          replace an existing demo store; a store with data of its own is never replaced

The store is built in a scratch file next to the database and renamed into place when complete, so
a failed or interrupted run leaves the database as it was. Stop a till using the database first.`;

const countOptions = ['products', 'customers', 'sales', 'history', 'seed'] as const;
type CountOption = (typeof countOptions)[number];
const maxOf: Record<CountOption, number> = {
  products: MAX_GENERATED,
  customers: MAX_GENERATED,
  sales: MAX_GENERATED,
  history: MAX_GENERATED,
  seed: MAX_SEED,
};

function count(name: CountOption, text: string | undefined, fallback: number): number | string {
  if (text === undefined) return fallback;
  const max = maxOf[name];
  const range = `a whole number from 0 to ${grouped.format(max)}`;
  // Underscores group digits as in code: 1_000_000.
  if (!/^\d+(_\d+)*$/.test(text)) return `--${name} takes ${range}, got "${text}"`;
  const value = Number(text.replaceAll('_', ''));
  if (value > max) return `--${name} takes ${range}, got ${text}`;
  return value;
}

function date(text: string | undefined): Date | null | string {
  if (text === undefined) return null;
  const value = new Date(`${text}T00:00:00Z`);
  // Date accepts 2025-02-30 as 2 March; a round trip catches it.
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(value.getTime()) ||
    !value.toISOString().startsWith(text)
  ) {
    return `--as-of takes a date as YYYY-MM-DD, got "${text}"`;
  }
  return value;
}

// parseArgs reads `--products -5` as a missing value followed by an option; say what was meant.
function negativeCount(argv: readonly string[]): string | null {
  for (const [index, arg] of argv.entries()) {
    const name = countOptions.find((option) => arg === `--${option}`);
    const next = argv[index + 1];
    if (name && next !== undefined && /^-\d/.test(next)) {
      return `--${name} takes a whole number from 0 to ${grouped.format(maxOf[name])}, got ${next}`;
    }
  }
  return null;
}

export function parseSeedArgs(argv: readonly string[]): ParsedSeedArgs {
  const negative = negativeCount(argv);
  if (negative) return { ok: false, message: negative };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: {
        products: { type: 'string' },
        customers: { type: 'string' },
        sales: { type: 'string' },
        history: { type: 'string' },
        'data-dir': { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // Node's own wording ("Unknown option '--prodcts'", "Unexpected argument 'x'"), first line only.
    return { ok: false, message: String((error as Error).message).split('\n')[0] ?? 'bad arguments' };
  }
  const { values, tokens } = parsed;
  if (values.help) return { ok: true, command: 'help' };

  // The last of two --products would silently win; a typo in a long command line deserves a word.
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) return { ok: false, message: `--${token.name} is given more than once` };
    seen.add(token.name);
  }

  const products = count('products', values.products, defaultSeedSize.products);
  const customers = count('customers', values.customers, defaultSeedSize.customers);
  const sales = count('sales', values.sales, defaultSeedSize.sales);
  const history = count('history', values.history, defaultSeedSize.history);
  const seed = count('seed', values.seed, DEFAULT_SEED);
  const asOf = date(values['as-of']);
  for (const value of [products, customers, sales, history, seed, asOf]) {
    if (typeof value === 'string') return { ok: false, message: value };
  }
  const dataDir = values['data-dir'];
  const db = values.db;
  if (dataDir !== undefined && db !== undefined) {
    return { ok: false, message: '--data-dir and --db both say where the database goes; give one' };
  }
  if (dataDir !== undefined && dataDir.trim() === '')
    return { ok: false, message: '--data-dir needs a folder' };
  if (db !== undefined && db.trim() === '') return { ok: false, message: '--db needs a file path' };
  return {
    ok: true,
    command: {
      products: products as number,
      customers: customers as number,
      sales: sales as number,
      history: history as number,
      seed: seed as number,
      asOf: asOf as Date | null,
      target: db !== undefined ? { db } : dataDir !== undefined ? { dataDir } : null,
      force: values.force,
    },
  };
}
