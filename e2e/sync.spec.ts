// The till's link to HQ through the real UI, against a real HQ (Fastify + embedded PostgreSQL):
// a manager enrols the till from the sync page, sales reach HQ, and while HQ is away the till sells
// on without waiting, shows since when it is offline and what waits, and drains when HQ is back.
// A till enrolled with a chain's HQ downloads its catalogue and customers first, with its progress on
// the sync page, through a cut connection and a stop, and then sells what only HQ had.
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { Page } from '@playwright/test';
import { generateChainData } from '../hq/chain-data';
import { startTestHq } from '../hq/test-hq';
import type { TestHq } from '../hq/test-hq';
import { gtinCheckDigit } from '../main/domain/barcode';
import { demoProducts } from '../main/store/seed/demo-catalog';
import { startProxy } from '../main/sync/test-proxy';
import type { TestProxy } from '../main/sync/test-proxy';
import { formatMoment } from '../renderer/i18n/format';
import { ru } from '../renderer/i18n/ru';
import { barcodeOf, cashier, expect, logIn, manager, payCash, ringUp, sell, test } from './fixtures';

const { milk, borodinsky } = demoProducts;

let hq: TestHq;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  hq = await startTestHq();
  await hq.createStore('0001', 'Omnitill Тверская');
});
test.afterAll(async () => {
  await hq?.close();
});

// A failed push waits a whole minute before the next try: only "Retry now" brings the queue to HQ
// within the test.
test.use({ tillSync: { random: () => 1, backoff: { baseMs: 60_000, maxMs: 60_000 } } });

/** An HQ that takes connections and never answers, on HQ's own port while HQ is stopped. */
async function silentHq(port: number): Promise<{ hangUp(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    hangUp: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const indicator = (page: Page) => page.getByTestId('sync-indicator');

async function openSyncPage(page: Page): Promise<void> {
  await indicator(page).click();
  await expect(page.getByTestId('sync-screen')).toBeVisible();
}

async function logOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('cashier-tile').first()).toBeVisible();
}

test('a manager enrols the till; sales reach HQ, wait on the till while it is away, and drain once', async ({
  page,
  till,
}) => {
  test.setTimeout(60_000);
  const hqPort = Number(new URL(hq.url).port);

  // A new till is not connected, and a cashier cannot change that.
  await logIn(page, cashier.name, cashier.pin);
  await expect(indicator(page)).toHaveAttribute('data-state', 'not-enrolled');
  await expect(indicator(page)).toHaveAccessibleName(ru.sync.indicator['not-enrolled']);
  await openSyncPage(page);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'not-enrolled');
  await expect(page.getByTestId('sync-hq-url')).toBeDisabled();
  await expect(page.getByTestId('sync-enrol-code')).toBeDisabled();
  await expect(page.getByTestId('sync-enrol-submit')).toBeDisabled();
  await expect(page.getByTestId('sync-enrol-manager-only')).toHaveText(ru.sync.enrol.managerOnly);
  expect(
    await till.call('sync.enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('0001') }),
  ).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  await logOut(page);

  // The manager types a wrong code first: HQ's refusal in words, nothing enrolled.
  await logIn(page, manager.name, manager.pin);
  await openSyncPage(page);
  await page.getByTestId('sync-hq-url').fill(hq.url);
  await page.getByTestId('sync-enrol-code').fill('WRONG-C0DE7');
  await page.getByTestId('sync-enrol-submit').click();
  const refusal = page.getByTestId('sync-enrol-error');
  await expect(refusal).toHaveAttribute('data-code', 'ENROL_REFUSED');
  await expect(refusal).toHaveText(ru.errorCases.ENROL_REFUSED.ENROL_CODE_REFUSED);
  await expect(page.getByTestId('sync-enrol-code')).toHaveAttribute('aria-invalid', 'true');
  await expect(indicator(page)).toHaveAttribute('data-state', 'not-enrolled');
  expect(await hq.count('terminals')).toBe(0);

  await page.getByTestId('sync-enrol-code').fill(await hq.enrolmentCode('0001'));
  await page.getByTestId('sync-enrol-submit').click();
  await expect(page.getByTestId('sync-enrol-done')).toHaveText(ru.sync.enrol.done);
  await expect(indicator(page)).toHaveAttribute('data-state', 'online');
  await expect(indicator(page)).toHaveAccessibleName(ru.sync.indicator.online);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'online');
  expect(await hq.count('terminals')).toBe(1);
  await page.getByTestId('sync-back').click();

  // Online: the sale is at HQ moments later and nothing waits.
  const first = await sell(page, [barcodeOf(milk)], 'cash');
  await expect.poll(() => hq.count('sales', 'receipt_no = $1', [first])).toBe(1);
  await expect(indicator(page)).toHaveAttribute('data-waiting', '0');
  await expect(indicator(page)).toHaveAccessibleName(ru.sync.indicator.online);

  // HQ takes the connection and never answers: the sale completes at once all the same.
  await hq.stop();
  const silent = await silentHq(hqPort);
  await page.getByTestId('new-sale').click();
  await ringUp(page, [barcodeOf(borodinsky)]);
  const paid = Date.now();
  const second = await payCash(page);
  expect(Date.now() - paid).toBeLessThan(3_000);
  await expect(indicator(page)).toHaveAttribute('data-waiting', '1');

  // HQ's end hangs up: the till is offline since then, with the sale waiting.
  await silent.hangUp();
  await expect(indicator(page)).toHaveAttribute('data-state', 'offline');
  const offline = await till.call('sync.status', {});
  if (!offline.ok || !offline.value.offlineSince)
    throw new Error('the till does not say since when it is offline');
  const since = formatMoment(offline.value.offlineSince, new Date(), 'ru');
  expect(since).toMatch(/^\d{2}:\d{2}$/);
  await expect(indicator(page)).toHaveAccessibleName(
    `${ru.sync.indicator.offline.replace('{time}', since)} · ${ru.sync.waiting.one?.replace('{count}', '1')}`,
  );
  await openSyncPage(page);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-queue-depth')).toHaveText('1');
  const lastError = page.getByTestId('sync-last-error');
  await expect(lastError).toHaveAttribute('data-code', 'HQ_UNREACHABLE');
  await expect(lastError).toContainText(ru.sync.problems.HQ_UNREACHABLE);
  await expect(page.getByTestId('sync-error-details')).toContainText('HQ_UNREACHABLE');
  await expect(page.getByTestId('sync-next-attempt')).not.toHaveText(ru.sync.notScheduled);

  // HQ is back; Retry now sends the queue without waiting out the back-off.
  await hq.start();
  await page.getByTestId('sync-retry').click();
  await expect(indicator(page)).toHaveAttribute('data-state', 'online');
  await expect(indicator(page)).toHaveAttribute('data-waiting', '0');
  await expect(page.getByTestId('sync-queue-depth')).toHaveText('0');
  expect(await hq.count('sales', 'receipt_no = $1', [first])).toBe(1);
  expect(await hq.count('sales', 'receipt_no = $1', [second])).toBe(1);
  expect(await hq.count('sales')).toBe(2);
  await expect(page.getByTestId('sync-next-attempt')).toHaveText(ru.sync.notScheduled);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('checkout-screen')).toBeVisible();
});

test.describe('a new till’s first download from a chain’s HQ', () => {
  const PRODUCTS = 3000;
  const CUSTOMERS = 6000;
  // Ids apart from the demo store's own, so what the till sells below came from HQ alone.
  const firstProductId = 100_001;
  const firstCustomerId = 1_000_001;
  /** Changed last at HQ, so the last customer of the snapshot. */
  const brokenCustomer = firstCustomerId + 2999;
  const hqOnlyBarcode = (() => {
    const body = `46${String(firstProductId + 1499).padStart(10, '0')}`;
    return body + String(gtinCheckDigit(body));
  })();

  let chain: TestHq;
  let proxy: TestProxy;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    chain = await startTestHq();
    await chain.createStore('0001', 'Omnitill Тверская');
    await generateChainData(chain.pool, {
      products: PRODUCTS,
      customers: CUSTOMERS,
      firstProductId,
      firstCustomerId,
    });
    proxy = await startProxy(Number(new URL(chain.url).port));
  });
  test.afterAll(async () => {
    await proxy?.close();
    await chain?.close();
  });

  test.use({
    tillBootstrap: { settings: { checkpointEvery: 500, retryDelayMs: { baseMs: 200, maxMs: 1000 } } },
  });

  test('shows the download’s progress, goes on after a cut, stops with a reason until retried, then sells HQ’s products', async ({
    page,
    till,
  }) => {
    test.setTimeout(60_000);
    await chain.pool.query(`UPDATE customers SET birthday = 'in the spring of 1985' WHERE id = $1`, [
      brokenCustomer,
    ]);
    // The customers' snapshot stops a little way into its body, as on a slow link, until the test cuts it.
    proxy.stallAnswer(/^GET \/v1\/snapshot\/customers/, 100_000);

    await logIn(page, manager.name, manager.pin);
    await openSyncPage(page);
    await page.getByTestId('sync-hq-url').fill(proxy.url);
    await page.getByTestId('sync-enrol-code').fill(await chain.enrolmentCode('0001'));
    await page.getByTestId('sync-enrol-submit').click();

    // Not "online": the till is preparing, and the sync page shows how far it has come.
    await expect(indicator(page)).toHaveAttribute('data-state', 'preparing');
    await expect(indicator(page)).toHaveAccessibleName(ru.sync.indicator.preparing);
    await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'preparing');
    await expect(page.getByTestId('sync-hq-address')).toHaveText(proxy.url);
    const panel = page.getByTestId('sync-bootstrap');
    const row = (stream: string) =>
      panel.locator(`[data-testid="sync-bootstrap-stream"][data-stream="${stream}"]`);
    await expect(row('catalogue')).toHaveAttribute('data-state', 'done');
    await expect(row('catalogue')).toHaveAttribute('data-done', String(40 + PRODUCTS));
    await expect(row('customers')).toHaveAttribute('data-state', 'downloading');
    await expect(row('customers').locator('progress')).toHaveAttribute('max', String(CUSTOMERS));
    await expect
      .poll(async () => Number(await row('customers').getAttribute('data-done')))
      .toBeGreaterThan(0);
    await expect(row('coupons')).toHaveText(new RegExp(ru.sync.bootstrap.waiting));

    // The held connection is cut: the download goes on from its last checkpoint, then meets the
    // profile HQ cannot send as the contract says, and stops with the reason and a retry.
    proxy.cutStalled();
    await expect(panel).toHaveAttribute('data-phase', 'failed');
    await expect(page.getByTestId('sync-bootstrap-resumes')).toHaveAttribute('data-count', '1');
    const error = page.getByTestId('sync-bootstrap-error');
    await expect(error).toHaveAttribute('data-code', 'SNAPSHOT_INVALID');
    await expect(error).toHaveText(
      ru.sync.bootstrap.stopped
        .replace('{stream}', ru.sync.streams.customers)
        .replace('{problem}', ru.sync.problems.SNAPSHOT_INVALID),
    );
    await expect(row('customers')).toHaveAttribute('data-done', String(CUSTOMERS - 500));
    await expect(indicator(page)).toHaveAttribute('data-light', 'problem');
    await expect(indicator(page)).toHaveAccessibleName(ru.sync.preparingStopped);

    // HQ's data is put right; Retry goes on from what the till committed, and the puller takes over.
    await chain.pool.query(`UPDATE customers SET birthday = NULL WHERE id = $1`, [brokenCustomer]);
    await page.getByTestId('sync-bootstrap-retry').click();
    await expect(panel).toBeHidden();
    await expect(indicator(page)).toHaveAttribute('data-state', 'online');
    const pulled = (stream: string) =>
      page.locator(`[data-testid="sync-pull-stream"][data-stream="${stream}"]`);
    await expect(pulled('catalogue')).toHaveAttribute('data-items', String(40 + PRODUCTS));
    await expect(pulled('customers')).toHaveAttribute('data-items', String(CUSTOMERS));
    await expect(page.getByTestId('sync-pull-state')).toHaveAttribute('data-state', 'idle');

    // A product only HQ had scans at the till.
    await page.getByTestId('sync-back').click();
    await ringUp(page, [hqOnlyBarcode]);
    // After a restart the till goes on pulling: its first download is behind it.
    expect(till.query(`SELECT value FROM meta WHERE key = 'sync.bootstrap'`)).toEqual([{ value: 'done' }]);
  });
});
