// The real Electron app, where this machine has an Electron binary: launch it, ring up one item.
// Elsewhere (this CI has no way to download Electron) the test is skipped with the reason below;
// every other end-to-end test drives the same UI through the loopback host.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoProducts, demoUsers } from '../main/store/seed/demo-catalog';
import { electronBinary } from '../scripts/electron-binary';
import { wedgeScan } from './fixtures';

const binary = electronBinary();

test('the Electron app rings up one item', async () => {
  test.skip(!binary, 'no Electron binary on this machine (see README: Running in Electron)');
  const cashier = demoUsers[0];
  const item = Object.values(demoProducts).find((product) => product.unit === 'piece');
  if (!cashier || !item) throw new Error('the demo store has no cashier or piece item');
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: ['.'],
    env: { ...process.env, OMNITILL_DATA_DIR: mkdtempSync(join(tmpdir(), 'omnitill-electron-')) },
  });
  const page = await app.firstWindow();
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  await page.getByTestId('cashier-tile').filter({ hasText: cashier.name }).click();
  await page.getByTestId('pin-input').fill(cashier.pin);
  await page.getByTestId('pin-submit').click();
  await wedgeScan(page, item.barcodes[0] ?? '');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await app.close();
});
