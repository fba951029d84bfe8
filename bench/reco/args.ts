// `npm run eval:reco` arguments, parsed into options or a message for the person typing them.
import { parseArgs } from 'node:util';

export interface EvalOptions {
  csv: string | null;
  customers: number;
  seed: number;
}

export const usage = `Usage: npm run eval:reco -- [--csv FILE] [--customers N] [--seed N]

  --csv FILE       transactions with invoice, item, quantity, date and customer columns
                   (UCI Online Retail names such as InvoiceNo, StockCode, CustomerID work as they are)
                   instead of generated data
  --customers N    generated customers (default 4000)
  --seed N         generator seed (default 1)`;

export type ParsedEvalArgs = { ok: true; value: EvalOptions | 'help' } | { ok: false; message: string };

const wholeNumber = (name: string, text: string | undefined, fallback: number, min: number) => {
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll('_', ''));
  return Number.isSafeInteger(value) && value >= min ? value : `--${name} must be a whole number ≥ ${min}`;
};

export function parseEvalArgs(argv: readonly string[]): ParsedEvalArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        csv: { type: 'string' },
        customers: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\n\n${usage}` };
  }
  if (values.help === true) return { ok: true, value: 'help' };
  const customers = wholeNumber('customers', values.customers, 4_000, 1);
  const seed = wholeNumber('seed', values.seed, 1, 0);
  if (typeof customers === 'string') return { ok: false, message: `${customers}\n\n${usage}` };
  if (typeof seed === 'string') return { ok: false, message: `${seed}\n\n${usage}` };
  return { ok: true, value: { csv: values.csv ?? null, customers, seed } };
}
