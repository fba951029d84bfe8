// The till's link to HQ through the real UI, against a real HQ (Fastify + embedded PostgreSQL):
// a manager enrols the till from the sync page, sales reach HQ, and while HQ is away the till sells
// on without waiting, shows since when it is offline and what waits, and drains when HQ is back.
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { Page } from '@playwright/test';
import { startTestHq } from '../hq/test-hq';
import type { TestHq } from '../hq/test-hq';
import { demoProducts } from '../main/store/seed/demo-catalog';
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
