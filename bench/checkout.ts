// `npm run bench:checkout`: checkout figures on a large store, printed as JSON.
//  - start -> ready to scan: a fresh host process is spawned, Chromium opens it, a cashier logs in,
//    and the clock stops when the checkout screen says it takes scans;
//  - scan -> cart row rendered: wedge bursts typed into the real UI, from the Enter key event to the
//    performance mark the renderer sets after painting the row (p50/p95 over 200 scans);
//  - sale commit: payment.cash through the dispatcher, i.e. the SQLite transaction with FULL sync.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { defaultTillConfig } from '../contract/config';
import { databaseFile } from '../main/config/paths';
import { silentLogger } from '../main/log';
import { openTill } from '../main/services/till';
import { openDatabase } from '../main/store/db';
import { parseSeedArgs } from '../main/store/seed/cli-args';
import { runSeed } from '../main/store/seed/command';
import { demoUsers } from '../main/store/seed/demo-catalog';
import { chromiumPath } from '../e2e/chromium';
import { wedgeScan } from '../e2e/wedge';
import { summary } from './stats';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 500_000);
const SCANS = 200;
const CART_SIZE = 20;
const SALES = 200;

const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-bench-'));
const cashier = demoUsers.find((user) => user.role === 'cashier');
if (!cashier) throw new Error('the demo store has no cashier');

// 1. A large store, seeded the way `npm run seed` does it.
const seedArgs = parseSeedArgs(
  ['--products', PRODUCTS, '--customers', 1000, '--sales', 1000, '--seed', 7, '--data-dir', dataDir].map(
    String,
  ),
);
if (!seedArgs.ok || seedArgs.command === 'help') throw new Error('bench: bad seed arguments');
const seeded = runSeed(seedArgs.command, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
const seedSeconds = seeded.seconds;
const seedDb = openDatabase(databaseFile(dataDir));
const barcodes = seedDb
  .prepare('SELECT code FROM barcodes WHERE length(code) = 13 ORDER BY random() LIMIT ?')
  .pluck()
  .all(SCANS + SALES * 5) as string[];
seedDb.close();

// 2. Start -> ready to scan, and scan -> row, in the real UI served by a real host process.
const started = performance.now();
const host = spawn(process.execPath, ['dist/host/cli.mjs', '--data-dir', dataDir], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const appUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (chunk: Buffer) => {
    out += String(chunk);
    const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\w+)/.exec(out);
    if (match?.[1]) resolve(match[1]);
  });
  host.on('exit', (code) => reject(new Error(`host exited with ${code}`)));
});
const hostListeningMs = performance.now() - started;
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
// Installed before the app's own scripts, so it sees each Enter before the wedge detector swallows it.
await page.addInitScript(() => {
  const w = window as unknown as { __enterAt: number[] };
  w.__enterAt = [];
  window.addEventListener(
    'keydown',
    (event) => event.key === 'Enter' && w.__enterAt.push(event.timeStamp),
    true,
  );
});
await page.goto(appUrl);
await page.getByTestId('cashier-tile').filter({ hasText: cashier.name }).click();
await page.getByTestId('pin-input').fill(cashier.pin);
await page.getByTestId('pin-submit').click();
await page.locator('body[data-ready="scan"]').waitFor({ state: 'attached' });
const startToReadyMs = performance.now() - started;

const scanMs: number[] = [];
for (let i = 0; i < SCANS; i++) {
  if (i > 0 && i % CART_SIZE === 0) {
    await page.getByTestId('void-cart').click();
    await page.getByTestId('void-confirm').click();
    await page.getByTestId('cart-line').first().waitFor({ state: 'detached' });
  }
  const code = barcodes[i] ?? '';
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').length);
  await wedgeScan(page, code);
  await page.waitForFunction(
    (before) =>
      performance
        .getEntriesByType('mark')
        .some((m, index) => index >= before && m.name.startsWith('cart-row:')),
    marks,
  );
  const latency = await page.evaluate(() => {
    const w = window as unknown as { __enterAt: number[] };
    const mark = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('cart-row:'))
      .at(-1);
    return (mark?.startTime ?? NaN) - (w.__enterAt.at(-1) ?? NaN);
  });
  scanMs.push(latency);
}
await browser.close();
host.kill('SIGTERM');

// 3. Sale commit through the dispatcher on a till of the same store.
const till = openTill({ dataDir, config: defaultTillConfig, log: silentLogger });
await till.dispatch('session.login', { userId: cashier.id, pin: cashier.pin });
const commitMs: number[] = [];
for (let sale = 0; sale < SALES; sale++) {
  for (let line = 0; line < 5; line++) {
    await till.dispatch('cart.scan', { code: barcodes[SCANS + sale * 5 + line], source: 'wedge' });
  }
  const cart = await till.dispatch('cart.get', {});
  if (!cart.ok) throw new Error('no cart');
  const { id, totalMinor } = cart.value as { id: string; totalMinor: number };
  const before = performance.now();
  const paid = await till.dispatch('payment.cash', { cartId: id, receivedMinor: totalMinor });
  commitMs.push(performance.now() - before);
  if (!paid.ok) throw new Error(`sale failed: ${paid.error.code}`);
}
till.close();
rmSync(dataDir, { recursive: true, force: true });

console.info(
  JSON.stringify(
    {
      bench: 'checkout',
      products: PRODUCTS,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      startToReadyMs: Math.round(startToReadyMs),
      hostListeningMs: Math.round(hostListeningMs),
      scanToRowMs: summary(scanMs, 2),
      saleCommitMs: summary(commitMs, 2),
      targets: { scanToRowP95Ms: 50, saleCommitP95Ms: 10, startToReadyMs: 3000 },
    },
    null,
    2,
  ),
);
