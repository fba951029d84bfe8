// Each test gets its own till: a fresh data folder seeded with the demo store, served on a random
// loopback port, and the page opened on it. Tests read the real SQLite file to check what was stored.
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultTillConfig } from '../contract/config';
import { databaseFile } from '../main/config/paths';
import { rendererDir } from '../main/host/run';
import { startHost } from '../main/host/server';
import { silentLogger } from '../main/log';
import { openTill } from '../main/services/till';

export interface TillFixture {
  url: string;
  /** Runs a read-only query against the till's database file. */
  query<T>(sql: string, ...params: unknown[]): T[];
}

export const test = base.extend<{ till: TillFixture }>({
  till: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-e2e-'));
    const config = { ...defaultTillConfig, paymentTerminal: { kind: 'simulator' as const, timeoutMs: 1500 } };
    const till = openTill({
      dataDir,
      config,
      log: silentLogger,
      seedDemo: true,
      simulatorTiming: { presentMs: 150, authorizeMs: 100 },
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
      query: <T>(sql: string, ...params: unknown[]) => reader.prepare(sql).all(...params) as T[],
    });
    reader.close();
    await host.close();
    till.close();
  },
});

export { expect };

/** Types a code the way a keyboard-wedge scanner does: a fast burst of keys ending in Enter. */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 8 });
  await page.keyboard.press('Enter');
}

export async function logIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('cashier-tile').filter({ hasText: name }).click();
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('checkout-screen')).toBeVisible();
  await expect(page.locator('body[data-ready="scan"]')).toBeAttached();
}
