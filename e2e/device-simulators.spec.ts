// The till with its simulated devices attached, through the real UI: real bytes on a pseudo-terminal
// (serial scanner, card reader), on a TCP socket (the network printer on 127.0.0.1) and on a virtual
// HID bus (the HID card reader's input reports).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paymentPans } from '../native-drivers/card-reader/test-cards';
import { demoProducts } from '../main/store/seed/demo-catalog';
import { demoCustomers } from '../main/store/seed/demo-customers';
import { barcodeOf, cartLine, cashier, countRows, expect, logIn, sell, test, wedgeScan } from './fixtures';
import { swipeText } from '../native-drivers/simulators/card-reader';
import type { TillFixture } from './fixtures';
import type { Page } from '@playwright/test';

test.use({ tillDevices: 'simulated' });

const { milk, coffee } = demoProducts;

function simulators(till: TillFixture) {
  if (!till.simulators) throw new Error('this spec runs with simulated devices');
  return till.simulators;
}

const printerRow = (page: Page) => page.locator('[data-testid="device-row"][data-role="printer"]');

test('a scan from the serial scanner simulator lands in the cart', async ({ page, till }) => {
  await logIn(page, cashier.name, cashier.pin);
  const scanner = simulators(till).serialScanner;
  if (!scanner) throw new Error('socat is needed for the serial scanner simulator (see .ci/run)');
  await scanner.scan(`]E0${barcodeOf(milk)}`, { suffix: '\r' });
  await expect(cartLine(page, barcodeOf(milk))).toBeVisible();
  await expect(page.getByTestId('cart-item-count')).toHaveText('1');
});

test('a completed sale’s receipt arrives at the virtual printer, decoded back to its text', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const printer = simulators(till).printer;
  if (!printer) throw new Error('no simulated printer');
  const printed = printer.nextReceipt(10_000);
  const receiptNo = await sell(page, [barcodeOf(milk), barcodeOf(coffee)], 'cash');
  const receipt = await printed;
  expect(receipt.lines.join('\n')).toContain(receiptNo);
  expect(receipt.lines.join('\n')).toContain('Молоко 3,2 % 1 л');
  expect(receipt.barcodes).toContainEqual({ symbology: 'code128', data: receiptNo });
  expect(receipt.drawerKicks).toBe(1);
  await expect(page.getByTestId('receipt-print-status')).toHaveAttribute('data-status', 'printed');
});

test('paper out keeps the sale, tells the cashier, and prints the receipt once when paper is loaded', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const printer = simulators(till).printer;
  if (!printer) throw new Error('no simulated printer');
  printer.setCondition({ paperOut: true });
  const receiptNo = await sell(page, [barcodeOf(milk)], 'cash');
  expect(countRows(till, 'sales')).toBeGreaterThan(0);
  const toast = page.locator('[data-testid="toast"][data-code="PRINTER_PROBLEM"]');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText(receiptNo);
  await expect(page.getByTestId('receipt-print-status')).toHaveAttribute('data-status', 'waiting');
  expect(printer.receipts).toHaveLength(0);

  const printed = printer.nextReceipt(10_000);
  printer.loadPaper();
  expect((await printed).lines.join('\n')).toContain(receiptNo);
  await expect(page.getByTestId('receipt-print-status')).toHaveAttribute('data-status', 'printed');
  expect(printer.receipts).toHaveLength(1);
  expect(
    till.query<{ status: string }>('SELECT status FROM print_jobs WHERE receipt_no = ?', receiptNo),
  ).toEqual([{ status: 'printed' }]);
});

test('an unplugged printer shows as a problem and comes back by itself', async ({ page, till }) => {
  await logIn(page, cashier.name, cashier.pin);
  const printer = simulators(till).printer;
  if (!printer) throw new Error('no simulated printer');
  await page.locator('[data-testid="device-indicator"][data-role="printer"]').click();
  await expect(printerRow(page)).toHaveAttribute('data-state', 'idle');
  await expect(printerRow(page)).toHaveAttribute('data-simulated', 'true');

  await printer.unplug();
  await expect(printerRow(page)).not.toHaveAttribute('data-state', 'idle', { timeout: 10_000 });
  await printer.plugIn();
  await expect(printerRow(page)).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });
});

test('a swiped payment card is refused and its number is stored, logged and queued nowhere', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const reader = simulators(till).cardReader;
  if (!reader) throw new Error('socat is needed for the card reader simulator (see .ci/run)');
  const pan = paymentPans.visa;
  await reader.swipe({ number: pan, name: 'CARDHOLDER/TEST' });
  await expect(page.locator('[data-testid="toast"][data-code="PAYMENT_CARD_REFUSED"]')).toBeVisible();
  await expect(page.locator('[data-testid="toast"]')).not.toContainText(pan.slice(0, 6));
  await sell(page, [barcodeOf(milk)], 'cash'); // the till goes on, and writes its files

  const files = dataFiles(till);
  expect(files.some((file) => file.endsWith('omnitill.log'))).toBe(true);
  expect(files.some((file) => file.endsWith('till.sqlite'))).toBe(true);
  for (const file of files) {
    const bytes = readFileSync(file);
    expect(bytes.includes(pan), `${file} holds the card number`).toBe(false);
    expect(bytes.includes('CARDHOLDER'), `${file} holds the track data`).toBe(false);
  }
  const outbox = till.query<{ payload: string }>('SELECT payload FROM outbox');
  expect(outbox.length).toBeGreaterThan(0);
  expect(outbox.some((row) => row.payload.includes(pan))).toBe(false);
});

/** Every file under the till's data folder: the database and its -wal and -shm, the logs. */
function dataFiles(till: TillFixture): string[] {
  return readdirSync(till.dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('a payment card swiped on the HID card reader is refused and its tracks are stored, logged and queued nowhere', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const reader = simulators(till).hidCardReader;
  if (!reader) throw new Error('no simulated HID card reader');
  const pan = paymentPans.mastercard2;
  await reader.swipe({ number: pan, name: 'CARDHOLDER/HIDTEST' }, { 1: 'data', 2: 'data', 3: 'data' });
  const toast = page.locator('[data-testid="toast"][data-code="PAYMENT_CARD_REFUSED"]');
  await expect(toast).toBeVisible();
  await expect(toast).not.toContainText(pan.slice(0, 6));
  await sell(page, [barcodeOf(milk)], 'cash'); // the till goes on, and writes its files

  const files = dataFiles(till);
  expect(files.some((file) => file.endsWith('omnitill.log'))).toBe(true);
  expect(files.some((file) => file.endsWith('till.sqlite'))).toBe(true);
  for (const file of files) {
    const bytes = readFileSync(file);
    expect(bytes.includes(pan), `${file} holds the card number`).toBe(false);
    expect(bytes.includes(pan.slice(0, 8)), `${file} holds the start of the card number`).toBe(false);
    expect(bytes.includes(`${pan.slice(-4)}=3012`), `${file} holds track 2`).toBe(false);
    expect(bytes.includes('HIDTEST'), `${file} holds track 1`).toBe(false);
  }
  const outbox = till.query<{ payload: string }>('SELECT payload FROM outbox');
  expect(outbox.length).toBeGreaterThan(0);
  expect(outbox.some((row) => row.payload.includes(pan.slice(0, 8)))).toBe(false);
});

test('a loyalty card swiped on the HID card reader attaches its customer beside the cart', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const reader = simulators(till).hidCardReader;
  if (!reader) throw new Error('no simulated HID card reader');
  await wedgeScan(page, barcodeOf(milk));
  const { anna } = demoCustomers;
  if (!anna.cardNo) throw new Error('the demo customer has a card');
  await reader.swipe({ number: anna.cardNo }, { 1: 'unreadable', 2: 'data' });
  await expect(page.getByTestId('customer-panel').getByTestId('customer-name')).toHaveText(anna.name);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  await page.locator('[data-testid="device-indicator"][data-role="printer"]').click();
  const row = page.locator('[data-testid="device-row"][data-device-id="sim:hid-card-reader"]');
  await expect(row).toHaveAttribute('data-state', 'idle');
  await expect(row).toHaveAttribute('data-simulated', 'true');
  await expect(row.getByTestId('device-rejected')).toHaveAttribute('data-count', '0');
});

test('a payment card swiped on a keyboard-mode reader is refused, masked, and the cart stays', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  await wedgeScan(page, barcodeOf(milk));
  await expect(cartLine(page, barcodeOf(milk))).toBeVisible();
  const pan = paymentPans.mastercard;
  await wedgeScan(page, swipeText({ number: pan, name: 'CARDHOLDER/TEST' }));
  const toast = page.locator('[data-testid="toast"][data-code="PAYMENT_CARD_REFUSED"]');
  await expect(toast).toBeVisible();
  await expect(toast).not.toContainText(pan.slice(0, 6));
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('scan-input')).toHaveValue('');
  expect(readFileSync(join(till.dataDir, 'logs', 'omnitill.log')).includes(pan)).toBe(false);
});

test('a loyalty card swiped on the serial card reader attaches its customer beside the cart', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const reader = simulators(till).cardReader;
  if (!reader) throw new Error('socat is needed for the card reader simulator (see .ci/run)');
  await wedgeScan(page, barcodeOf(milk));
  const { anna } = demoCustomers;
  if (!anna.cardNo) throw new Error('the demo customer has a card');
  await reader.swipe({ number: anna.cardNo, name: 'IVANOVA/ANNA' });
  await expect(page.getByTestId('customer-panel').getByTestId('customer-name')).toHaveText(anna.name);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});
