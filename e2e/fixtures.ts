// Each test gets its own till: a fresh data folder seeded with the demo store, served on a random
// loopback port, and the page opened on it. Tests read the real SQLite file to check what was stored.
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Result } from '../contract/common';
import { defaultTillConfig } from '../contract/config';
import type { TillConfig } from '../contract/config';
import type { CallInput, CallName, CallOutput } from '../contract/ipc';
import { databaseFile } from '../main/config/paths';
import { rendererDir } from '../main/host/run';
import { startHost } from '../main/host/server';
import { createLogger, silentLogger } from '../main/log';
import { startDevices } from '../main/services/devices';
import { openTill } from '../main/services/till';
import type { TillOptions } from '../main/services/till';
import type { SimulatorHandles } from '../native-drivers/manager/types';
import type { ProductRow } from '../main/store/seed/rows';
import { formatMoney } from '../renderer/i18n/format';
import { wedgeScan } from './wedge';

export { wedgeScan };

export interface TillFixture {
  url: string;
  /** The till's data folder: its database files and logs/omnitill.log. */
  dataDir: string;
  /** Runs a read-only query against the till's database file. */
  query<T>(sql: string, ...params: unknown[]): T[];
  /** Calls the till's API directly (as the logged-in cashier), the way the page does: for what the UI won't send. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  /** With `tillDevices: 'simulated'`: the virtual devices behind the till — real bytes on a pty, a TCP socket, a HID bus. */
  simulators: SimulatorHandles | null;
}

export const test = base.extend<{
  till: TillFixture;
  tillDevices: 'none' | 'simulated';
  tillSync: TillOptions['sync'];
  tillBootstrap: TillOptions['bootstrap'];
}>({
  /** Most tests need no devices; `test.use({ tillDevices: 'simulated' })` attaches the simulators. */
  tillDevices: ['none', { option: true }],
  /** The HQ pusher's timing: `test.use({ tillSync: { … } })` makes its back-off predictable. */
  tillSync: [undefined, { option: true }],
  /** The first download's checkpoints and retries: `test.use({ tillBootstrap: { settings: { … } } })`. */
  tillBootstrap: [undefined, { option: true }],
  till: async ({ page, tillDevices, tillSync, tillBootstrap }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-e2e-'));
    const config: TillConfig = {
      ...defaultTillConfig,
      paymentTerminal: { kind: 'simulator', timeoutMs: 1500 },
      devices: {
        ...defaultTillConfig.devices,
        simulate: 'always',
        printer: { ...defaultTillConfig.devices.printer, statusPollMs: 200 },
      },
    };
    // Written like a real till's log, so tests can check what never reaches it (card numbers).
    const log = createLogger({ file: join(dataDir, 'logs', 'omnitill.log'), echo: false });
    const devices =
      tillDevices === 'simulated' ? await startDevices(config, log, { realBuses: false }) : undefined;
    const till = openTill({
      devices,
      dataDir,
      config,
      log,
      seedDemo: true,
      simulatorTiming: { presentMs: 150, authorizeMs: 100 },
      ...(tillSync && { sync: tillSync }),
      ...(tillBootstrap && { bootstrap: tillBootstrap }),
    });
    const host = await startHost({
      dispatch: till.dispatch,
      events: till.events,
      log: silentLogger,
      staticDir: rendererDir,
    });
    const reader = new Database(databaseFile(dataDir), { readonly: true });
    await page.goto(host.appUrl);
    await use({
      url: host.appUrl,
      dataDir,
      query: <T>(sql: string, ...params: unknown[]) => reader.prepare(sql).all(...params) as T[],
      call: async (name, input) => {
        const response = await fetch(`${host.url}/api/call/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
        return (await response.json()) as Result<CallOutput<typeof name>>;
      },
      simulators: devices?.simulators() ?? null,
    });
    reader.close();
    await host.close();
    till.close();
    await devices?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** Logs a cashier in through the login screen and waits until the till takes scans. */
export async function logIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('cashier-tile').filter({ hasText: name }).click();
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('checkout-screen')).toBeVisible();
  await expect(page.locator('body[data-ready="scan"]')).toBeAttached();
}

export const cashier = { name: 'Анна Петрова', pin: '1111' };
export const manager = { name: 'Иван Соколов', pin: '9999' };

/** An amount as the till shows it: the store's locale and currency (ru, RUB). */
export const rub = (minor: number): string => formatMoney(minor, 'RUB', 'ru');

/** The first barcode of a demo product. */
export function barcodeOf(product: ProductRow): string {
  const code = product.barcodes[0];
  if (!code) throw new Error(`${product.sku} has no barcode of its own`);
  return code;
}

/**
 * Scans each item (each a different product) as a wedge burst and waits for its row, as a cashier
 * scans one item after the other, so a scan that went astray fails here and not steps later.
 */
export async function ringUp(page: Page, codes: readonly string[]): Promise<void> {
  const rows = page.getByTestId('cart-line');
  for (const code of codes) {
    const before = await rows.count();
    await wedgeScan(page, code);
    await expect(rows).toHaveCount(before + 1);
    await expect(rows.and(page.locator(`[data-barcode="${code}"]`))).toHaveCount(1);
  }
}

/** Opens the pay panel unless it is open already. */
export async function openPay(page: Page): Promise<void> {
  if (!(await page.getByTestId('pay-panel').isVisible())) await page.getByTestId('pay-button').click();
  await expect(page.getByTestId('amount-input')).toBeVisible();
}

/** Opens the pay panel and types an amount, e.g. "1000" or "250,50". */
export async function enterAmount(page: Page, amount: string): Promise<void> {
  await openPay(page);
  await page.getByTestId('amount-input').fill(amount);
}

/** Pays the rest in cash (`received` typed in, or the due the field starts with) and returns the receipt number. */
export async function payCash(page: Page, received?: string): Promise<string> {
  if (received === undefined) await openPay(page);
  else await enterAmount(page, received);
  await page.getByTestId('pay-cash').click();
  return shownReceiptNo(page, 'sale');
}

/** Waits for a receipt of this kind on screen and returns its number. */
export async function shownReceiptNo(page: Page, kind: 'sale' | 'return'): Promise<string> {
  await expect(page.getByTestId('receipt-view').locator(`article[data-kind="${kind}"]`)).toBeVisible();
  const receiptNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
  expect(receiptNo).toMatch(kind === 'sale' ? /^\d{4}-\d{2}-\d{6,}$/ : /^\d{4}-\d{2}-R\d{6,}$/);
  return receiptNo;
}

/** Rows in a table of the till's database. */
export function countRows(till: TillFixture, table: string): number {
  return till.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]?.n ?? 0;
}

/** A row of the cart by its barcode. */
export const cartLine = (page: Page, barcode: string) =>
  page.locator(`[data-testid="cart-line"][data-barcode="${barcode}"]`);

/** What the simulated card terminal answers next, chosen in the status bar as a demo user would. */
export async function simulateCard(page: Page, outcome: 'approve' | 'decline' | 'timeout'): Promise<void> {
  const select = page.getByTestId('sim-payment-outcome');
  const answered = page.waitForResponse((response) =>
    response.url().endsWith('/api/call/simulator.setPaymentOutcome'),
  );
  await select.selectOption(outcome);
  expect((await answered).ok()).toBe(true);
  await expect(select).toHaveValue(outcome);
}

/** Rings up the codes and pays the whole due in cash (exactly) or by card; returns the receipt number. */
export async function sell(page: Page, codes: readonly string[], tender: 'cash' | 'card'): Promise<string> {
  await ringUp(page, codes);
  if (tender === 'cash') return payCash(page);
  await openPay(page);
  await page.getByTestId('pay-card').click();
  return shownReceiptNo(page, 'sale');
}

/** Opens the return screen and looks up a sale by its receipt number. */
export async function lookUpReturn(page: Page, receiptNo: string): Promise<void> {
  await page.getByTestId('returns-button').click();
  await page.getByTestId('return-receipt-input').fill(receiptNo);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/call/returns.lookup'));
  await page.getByTestId('return-lookup').click();
  expect((await answered).ok()).toBe(true);
  await expect(page.getByTestId('return-line').first()).toBeVisible();
}
