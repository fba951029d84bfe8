// `npm run bench:device-scan`: a scan from the serial scanner simulator to the cart row rendered in
// Chromium. The label goes as real bytes through a pseudo-terminal (socat) into the serial driver,
// the framer, the scan router and the cart, then over the host's WebSocket to the page, which marks
// the row once painted. Both ends read the same wall clock (epoch milliseconds, sub-ms precision).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { defaultTillConfig } from '../contract/config';
import type { TillConfig } from '../contract/config';
import { chromiumPath } from '../e2e/chromium';
import { rendererDir } from '../main/host/run';
import { startHost } from '../main/host/server';
import { silentLogger } from '../main/log';
import { startDevices } from '../main/services/devices';
import { openTill } from '../main/services/till';
import { demoProductList, demoUsers } from '../main/store/seed/demo-catalog';
import { summary } from './stats';

const SCANS = Number(process.env.BENCH_SCANS ?? 200);
const CART_SIZE = 20;

const cashier = demoUsers.find((user) => user.role === 'cashier');
if (!cashier) throw new Error('the demo store has no cashier');
const codes = demoProductList.flatMap((product) => product.barcodes.filter((code) => code.length === 13));

const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-bench-device-'));
const config: TillConfig = {
  ...defaultTillConfig,
  devices: { ...defaultTillConfig.devices, simulate: 'always' },
};
const devices = await startDevices(config, silentLogger, { realBuses: false, idleStatusPollMs: 0 });
const scanner = devices.simulators().serialScanner;
if (!scanner) throw new Error('the serial scanner simulator needs socat (apt-get install socat)');
const till = openTill({ dataDir, config, log: silentLogger, seedDemo: true, devices });
const host = await startHost({
  dispatch: till.dispatch,
  events: till.events,
  log: silentLogger,
  staticDir: rendererDir,
});

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(host.appUrl);
await page.getByTestId('cashier-tile').filter({ hasText: cashier.name }).click();
await page.getByTestId('pin-input').fill(cashier.pin);
await page.getByTestId('pin-submit').click();
await page.locator('body[data-ready="scan"]').waitFor({ state: 'attached' });

const rowMs: number[] = [];
for (let i = 0; i < SCANS; i++) {
  if (i > 0 && i % CART_SIZE === 0) {
    await page.getByTestId('void-cart').click();
    await page.getByTestId('void-confirm').click();
    await page.getByTestId('cart-line').first().waitFor({ state: 'detached' });
  }
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').length);
  const sentAt = performance.timeOrigin + performance.now();
  await scanner.scan(codes[i % codes.length] ?? '', { suffix: '\r' });
  const paintedAt = await page.evaluate(async (before) => {
    for (;;) {
      const mark = performance
        .getEntriesByType('mark')
        .slice(before)
        .find((entry) => entry.name.startsWith('cart-row:'));
      if (mark) return performance.timeOrigin + mark.startTime;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }, marks);
  rowMs.push(paintedAt - sentAt);
}

await browser.close();
await host.close();
till.close();
await devices.stop();
rmSync(dataDir, { recursive: true, force: true });

console.info(
  JSON.stringify(
    {
      bench: 'device-scan',
      transport: 'serial (socat pty)',
      serialScanToRowMs: summary(rowMs, 2),
      targets: { p95Ms: 50 },
    },
    null,
    2,
  ),
);
