// The device lights, the devices page and printing through the real UI, on a till with no printer
// or scanner attached: receipts wait in the persistent print queue, and the sale never waits for them.
import { demoProducts } from '../main/store/seed/demo-catalog';
import { ru } from '../renderer/i18n/ru';
import { barcodeOf, cashier, countRows, expect, logIn, sell, test } from './fixtures';

const { milk } = demoProducts;

test('a sale’s receipt waits in the print queue, a reprint joins it, and the devices page shows both', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const printer = page.locator('[data-testid="device-indicator"][data-role="printer"]');
  await expect(printer).toHaveAttribute('data-state', 'absent');
  await expect(printer).toHaveAccessibleName(`${ru.devices.roles.printer}: ${ru.devices.notConnected}`);

  const receiptNo = await sell(page, [barcodeOf(milk)], 'cash');
  const printStatus = page.getByTestId('receipt-print-status');
  await expect(printStatus).toHaveAttribute('data-status', 'queued');
  await expect(printStatus).toHaveText(ru.print.receiptLine.queued);

  await page.getByTestId('reprint-receipt').click();
  await expect.poll(() => countRows(till, 'print_jobs')).toBe(2);

  await printer.click();
  const devices = page.getByTestId('devices-screen');
  await expect(devices).toBeVisible();
  // Only the payment terminal (in-process simulator): no printer or scanner is attached to this till.
  const rows = devices.getByTestId('device-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-role', 'payment-terminal');
  await expect(rows).toHaveAttribute('data-simulated', 'true');
  await expect(devices.getByTestId('print-queued')).toHaveText('2');
  const jobs = devices.getByTestId('print-job');
  await expect(jobs).toHaveCount(2);
  await expect(jobs.and(page.locator('[data-status="queued"]'))).toHaveCount(2);
  await expect(jobs.first()).toHaveAttribute('data-kind', 'reprint');
  await expect(jobs.first()).toContainText(receiptNo);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('checkout-screen')).toBeVisible();
});

test('reprinting before any receipt and simulating on a till without simulators are refused in words', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  await page.locator('[data-testid="device-indicator"][data-role="scanner"]').click();
  await expect(page.getByTestId('devices-screen')).toBeVisible();

  await page.getByTestId('reprint-last').click();
  const toast = page.getByTestId('toast');
  await expect(toast).toHaveAttribute('data-code', 'NOTHING_TO_PRINT');
  await expect(toast).toContainText(ru.errors.NOTHING_TO_PRINT);
  expect(countRows(till, 'print_jobs')).toBe(0);

  // A demo till shows the simulator panel; this one has no simulated devices attached.
  await page.getByTestId('sim-scan-input').fill(barcodeOf(milk));
  await page.getByTestId('sim-scan-serial').click();
  await expect(page.locator('[data-testid="toast"][data-code="NOT_SIMULATED"]')).toBeVisible();
  await page.getByTestId('sim-paper-out').click();
  await expect(page.getByTestId('sim-paper-out')).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('devices-back').click();
  await expect(page.getByTestId('checkout-screen')).toBeVisible();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
});
