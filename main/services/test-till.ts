// A real till on a real SQLite file in a temp folder, with a small catalogue the tests can read
// at a glance. Used by the service tests only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../../contract/config';
import type { TillConfig } from '../../contract/config';
import type { Result } from '../../contract/common';
import type { CallName, CallInput, CallOutput } from '../../contract/ipc';
import { gtinCheckDigit } from '../domain/barcode';
import { silentLogger } from '../log';
import { hashPin } from '../security/pin';
import { openTill } from './till';
import type { Till, TillOptions } from './till';

export const ean13 = (body12: string) => body12 + String(gtinCheckDigit(body12));

export const fixture = {
  milk: { barcode: ean13('460700100001'), priceMinor: 8990, taxRateBp: 1000, name: 'Молоко 3,2 % 1 л' },
  bread: { barcode: ean13('460700100002'), priceMinor: 4550, taxRateBp: 1000, name: 'Хлеб бородинский' },
  coffee: { barcode: ean13('460700100003'), priceMinor: 64900, taxRateBp: 2000, name: 'Кофе в зёрнах 1 кг' },
  book: { barcode: ean13('978500000001'), priceMinor: 59000, taxRateBp: 0, name: 'Книга «Война и мир»' },
  diamond: {
    barcode: ean13('460700100009'),
    priceMinor: 900_000_000_000,
    taxRateBp: 2000,
    name: 'Бриллиант',
  },
  apples: { plu: '00123', priceMinor: 12990, taxRateBp: 1000, name: 'Яблоки Гала, кг' },
} as const;

export const cashier = { id: 1, name: 'Анна Петрова', pin: '1111' } as const;
export const manager = { id: 3, name: 'Иван Соколов', pin: '9999' } as const;

export interface TestTill extends Till {
  dataDir: string;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  /** Calls and unwraps, failing the test with the error code when the call fails. */
  must<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

export function openTestTill(
  options: Partial<TillOptions> & { config?: Partial<TillConfig>; dataDir?: string } = {},
): TestTill {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'omnitill-till-'));
  const config: TillConfig = {
    ...defaultTillConfig,
    paymentTerminal: { kind: 'simulator', timeoutMs: 300 },
    ...options.config,
  };
  const till = openTill({
    log: silentLogger,
    simulatorTiming: { presentMs: 1, authorizeMs: 1 },
    busyTimeoutMs: 50,
    ...options,
    dataDir,
    config,
  });
  if (!options.dataDir) insertFixture(till);
  const call = <N extends CallName>(name: N, input: CallInput<N>) =>
    till.dispatch(name, input) as Promise<Result<CallOutput<N>>>;
  return {
    ...till,
    dataDir,
    call,
    async must(name, input) {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

function insertFixture({ db }: Till) {
  db.transaction(() => {
    const product = db.prepare(
      'INSERT INTO products (id, sku, unit, price_minor, tax_rate_bp, plu) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const name = db.prepare('INSERT INTO product_names (product_id, locale, name) VALUES (?, ?, ?)');
    const barcode = db.prepare('INSERT INTO barcodes (code, product_id) VALUES (?, ?)');
    let id = 0;
    for (const [sku, item] of Object.entries(fixture)) {
      id += 1;
      const plu = 'plu' in item ? item.plu : null;
      product.run(id, sku, plu ? 'kg' : 'piece', item.priceMinor, item.taxRateBp, plu);
      name.run(id, 'ru', item.name);
      name.run(id, 'en', sku);
      if ('barcode' in item) barcode.run(item.barcode, id);
    }
    const user = db.prepare('INSERT INTO users (id, name, role, pin_hash) VALUES (?, ?, ?, ?)');
    user.run(cashier.id, cashier.name, 'cashier', hashPin(cashier.pin));
    user.run(manager.id, manager.name, 'manager', hashPin(manager.pin));
  })();
}
