import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { ExitCode, bulkCacheKib, runSeedCli } from './command';
import type { SeedIo, SeedReport } from './command';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-seed-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const small = ['--products', '50', '--customers', '20', '--sales', '10', '--as-of', '2025-03-10'];

function run(argv: string[], options: { failOn?: string; pid?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: SeedIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: {
      isTTY: false,
      write: (text: string) => {
        if (options.failOn && text.startsWith(options.failOn))
          throw new Error('EPIPE: the terminal went away');
        err.push(text);
      },
    },
    // No $OMNITILL_CONFIG or $OMNITILL_DATA_DIR from the machine running the tests.
    env: {},
    ...(options.pid === undefined ? {} : { pid: options.pid }),
  };
  const code = runSeedCli(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const metaSeed = (file: string) => {
  const db = openDatabase(file, { readonly: true });
  try {
    return JSON.parse(
      db.prepare("SELECT value FROM meta WHERE key = 'seed'").pluck().get() as string,
    ) as object;
  } finally {
    db.close();
  }
};

describe('npm run seed', () => {
  it('exits with 2 and the usage on bad arguments, writing nothing', () => {
    const dir = tempDir();
    for (const argv of [['--products', '-1'], ['--customers', 'many'], ['--bogus'], ['--sales', '1e9']]) {
      const result = run([...argv, '--data-dir', dir]);
      expect(result.code).toBe(ExitCode.badArguments);
      expect(result.stderr).toMatch(/^seed: .+\n\nUsage: npm run seed/);
      expect(result.stdout).toBe('');
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage:') as unknown });
  });

  it('seeds a data folder with its config and prints a JSON report, leaving only the database', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'omnitill.json'),
      JSON.stringify({
        store: { code: '0042', name: 'Kazan', address: 'Baumana 10', currency: 'RUB', locale: 'ru' },
        terminal: { code: '03' },
        embeddedBarcodes: [{ prefix: '21', kind: 'weight', pluDigits: 5 }],
        paymentTerminal: { kind: 'simulator', timeoutMs: 60000 },
        login: { maxAttempts: 5, lockoutSeconds: 60 },
      }),
    );
    const result = run([...small, '--data-dir', dir]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as SeedReport;
    const file = join(dir, 'till.sqlite');
    // The 5 demo customers come on top of the 20 generated ones.
    expect(report).toMatchObject({ db: file, products: 78, customers: 25, sales: 10 });
    expect(report.bytes).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/sales .*10\/10/);
    expect(readdirSync(dir).sort()).toEqual(['omnitill.json', 'till.sqlite']);
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT min(receipt_no) FROM sales').pluck().get()).toBe('0042-03-000001');
    db.close();
  });

  it('refuses to seed an already seeded database without --force, and replaces it with', () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    expect(run([...small, '--db', file]).code).toBe(0);
    const before = hash(file);
    const again = run([...small, '--db', file, '--seed', '9']);
    expect(again.code).toBe(ExitCode.failed);
    expect(again.stderr).toMatch(/already holds a demo store; add --force/);
    expect(hash(file)).toBe(before);

    expect(run([...small, '--db', file, '--seed', '9', '--force']).code).toBe(0);
    expect(metaSeed(file)).toMatchObject({ seed: 9 });
  });

  it('never replaces a store with data of its own, or a file that is not a till database', () => {
    const dir = tempDir();
    const store = join(dir, 'store.sqlite');
    const db = openDatabase(store);
    db.prepare(
      "INSERT INTO products (id, sku, unit, price_minor, tax_rate_bp) VALUES (1, 'A', 'piece', 100, 2000)",
    ).run();
    db.prepare(
      "INSERT INTO outbox (id, kind, payload, created_at) VALUES ('x', 'sale', '{}', '2025-01-01')",
    ).run();
    db.close();
    const before = hash(store);
    const result = run([...small, '--db', store, '--force']);
    expect(result.code).toBe(ExitCode.failed);
    expect(result.stderr).toMatch(
      /not seeded as a demo \(1 products, 0 sales, 1 changes not yet sent to HQ\)/,
    );
    expect(hash(store)).toBe(before);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'x'.repeat(5000));
    expect(run([...small, '--db', text, '--force'])).toMatchObject({
      code: ExitCode.failed,
      stderr: expect.stringMatching(/is not an SQLite database/) as unknown,
    });
    expect(readFileSync(text, 'utf8')).toBe('x'.repeat(5000));
  });

  it('refuses to replace a database a till has open', () => {
    const file = join(tempDir(), 'till.sqlite');
    expect(run([...small, '--db', file]).code).toBe(0);
    const till = openDatabase(file);
    till.prepare('SELECT count(*) FROM products').get();
    const result = run([...small, '--db', file, '--force']);
    expect(result.code).toBe(ExitCode.failed);
    expect(result.stderr).toMatch(/is in use; stop the till/);
    till.close();
    expect(run([...small, '--db', file, '--force']).code).toBe(0);
  });

  it('leaves the old database untouched and no scratch files when a run fails half-way', () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    expect(run([...small, '--db', file]).code).toBe(0);
    const before = hash(file);
    // Products and customers are written by the time the sales table reports.
    const result = run([...small, '--db', file, '--force', '--seed', '5'], { failOn: 'sales' });
    expect(result.code).toBe(ExitCode.failed);
    expect(result.stderr).toMatch(/seed: failed, the database is unchanged: EPIPE/);
    expect(hash(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['till.sqlite']);

    const fresh = join(dir, 'fresh.sqlite');
    expect(run([...small, '--db', fresh], { failOn: 'customers' }).code).toBe(ExitCode.failed);
    expect(existsSync(fresh)).toBe(false);
  });

  it("removes a killed run's scratch files, but not those of a run still going", () => {
    const dir = tempDir();
    const dead = 2 ** 22 + 12_345; // above Linux's default pid_max
    for (const suffix of ['', '-wal'])
      writeFileSync(join(dir, `till.sqlite.seeding-${dead}${suffix}`), 'junk');
    writeFileSync(join(dir, `till.sqlite.seeding-${process.pid}`), 'busy');
    const result = run([...small, '--data-dir', dir], { pid: process.pid + 1 });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`removed till.sqlite.seeding-${dead}, left by a killed seed`);
    expect(readdirSync(dir).sort()).toEqual(['till.sqlite', `till.sqlite.seeding-${process.pid}`]);
  });

  it('names the bad field of a bad config file and writes nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'omnitill.json'), JSON.stringify({ store: { code: 'x' } }));
    const result = run([...small, '--data-dir', dir]);
    expect(result.code).toBe(ExitCode.failed);
    expect(result.stderr).toMatch(/^seed: .*omnitill\.json: store\.code: four digits/);
    expect(readdirSync(dir)).toEqual(['omnitill.json']);
  });

  it('sets the exit code of the real process (npm run seed runs cli.ts with tsx)', () => {
    const dir = tempDir();
    const cli = (...argv: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'main/store/seed/cli.ts', ...argv], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, OMNITILL_CONFIG: '' },
      });
    const refused = cli('--products', '-5', '--data-dir', dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--products takes a whole number from 0 to 10,000,000, got -5');
    const seeded = cli('--products', '0', '--customers', '0', '--sales', '0', '--data-dir', dir);
    expect(seeded.status).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ products: 28, sales: 0 });
  });

  it('sizes the bulk-load cache to an eighth of memory, 64 MiB to 1 GiB', () => {
    const gib = 1024 ** 3;
    expect(bulkCacheKib(24 * gib)).toBe(1024 * 1024);
    expect(bulkCacheKib(4 * gib)).toBe(512 * 1024);
    expect(bulkCacheKib(256 * 1024 ** 2)).toBe(64 * 1024);
  });
});
