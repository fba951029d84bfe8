// `npm run seed` arguments: parsed into a command or a message for the person typing them.
import { parseArgs } from 'node:util';
import { MAX_GENERATED } from './generate';
import { defaultSeedSize } from './write';
import type { SeedSize } from './write';

export interface SeedCommand extends SeedSize {
  seed: number;
  /** The database file; the till's own (in its data folder) when absent. */
  db: string | null;
  /** Delete the file first, so an already seeded database can be seeded again. */
  force: boolean;
}

export type ParsedSeedArgs = { ok: true; command: SeedCommand | 'help' } | { ok: false; message: string };

export const usage = `Usage: npm run seed -- [--products N] [--customers N] [--sales N] [--db PATH] [--seed N] [--force]

  --products N   generated products besides the demo catalogue (default ${defaultSeedSize.products})
  --customers N  customers (default ${defaultSeedSize.customers})
  --sales N      past sales over the last 180 days (default ${defaultSeedSize.sales})
  --db PATH      database file (default: the till's database in its data folder)
  --seed N       random seed, 0 to 4294967295; the same seed builds the same store (default 42)
  --force        delete the database file first if it exists`;

const MAX_SEED = 0xffff_ffff;

function count(name: string, text: string | undefined, fallback: number, max: number): number | string {
  if (text === undefined) return fallback;
  // Underscores group digits as in code: 1_000_000.
  if (!/^\d+(_\d+)*$/.test(text)) return `--${name} takes a whole number, got "${text}"`;
  const value = Number(text.replaceAll('_', ''));
  if (value > max) return `--${name} is at most ${max}, got ${text}`;
  return value;
}

export function parseSeedArgs(argv: readonly string[]): ParsedSeedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        products: { type: 'string' },
        customers: { type: 'string' },
        sales: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: true, command: 'help' };

  const products = count('products', values.products, defaultSeedSize.products, MAX_GENERATED);
  const customers = count('customers', values.customers, defaultSeedSize.customers, MAX_GENERATED);
  const sales = count('sales', values.sales, defaultSeedSize.sales, MAX_GENERATED);
  const seed = count('seed', values.seed, 42, MAX_SEED);
  for (const value of [products, customers, sales, seed]) {
    if (typeof value === 'string') return { ok: false, message: value };
  }
  if (values.db !== undefined && values.db.trim() === '') return { ok: false, message: '--db needs a file path' };
  return {
    ok: true,
    command: {
      products: products as number,
      customers: customers as number,
      sales: sales as number,
      seed: seed as number,
      db: values.db ?? null,
      force: values.force,
    },
  };
}
