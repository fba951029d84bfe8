// Returns through the real UI: against a receipt, only what is left, refunded to the tenders that paid.
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demoProducts } from '../main/store/seed/demo-catalog';
import { ru } from '../renderer/i18n/ru';
import {
  barcodeOf,
  cashier,
  countRows,
  expect,
  logIn,
  lookUpReturn,
  rub,
  sell,
  shownReceiptNo,
  test,
} from './fixtures';
import type { TillFixture } from './fixtures';

const { milk, coffee, tea } = demoProducts;

/** The sale with this receipt number: its id, its lines by barcode and its payments by kind. */
function storedSale(till: TillFixture, receiptNo: string) {
  const [sale] = till.query<{ id: string }>('SELECT id FROM sales WHERE receipt_no = ?', receiptNo);
  if (!sale) throw new Error(`no sale ${receiptNo}`);
  const lines = till.query<{ id: string; barcode: string }>(
    'SELECT id, barcode FROM sale_lines WHERE sale_id = ?',
    sale.id,
  );
  const payments = till.query<{ id: string; kind: string; cardMasked: string | null }>(
    'SELECT id, kind, card_masked AS cardMasked FROM payments WHERE sale_id = ?',
    sale.id,
  );
  const lineId = (barcode: string) => lines.find((line) => line.barcode === barcode)?.id ?? '';
  const paymentId = (kind: string) => payments.find((payment) => payment.kind === kind)?.id ?? '';
  return { id: sale.id, lineId, paymentId, payments };
}

const returnRow = (page: Page, saleLineId: string) =>
  page.locator(`[data-testid="return-line"][data-sale-line-id="${saleLineId}"]`);

/** Everything a return writes, counted. */
const returnTables = (till: TillFixture) =>
  ['returns', 'return_lines', 'refunds', 'outbox'].map((table) => countRows(till, table));

test('a line of a cash sale is returned once, in cash, and cannot be returned again', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const receiptNo = await sell(page, [milk, coffee].map(barcodeOf), 'cash');
  const sale = storedSale(till, receiptNo);
  const coffeeLineId = sale.lineId(barcodeOf(coffee));

  await lookUpReturn(page, receiptNo);
  await expect(page.getByTestId('return-line')).toHaveCount(2);
  await returnRow(page, coffeeLineId).getByTestId('return-line-select').check();
  await expect(page.getByTestId('return-total')).toHaveText(rub(coffee.priceMinor));
  await page.getByTestId('return-confirm').click();

  const returnNo = await shownReceiptNo(page, 'return');
  await expect(page.getByTestId('receipt-total')).toHaveText(rub(coffee.priceMinor));
  await expect(page.getByTestId('receipt-line')).toHaveCount(1);

  const returns = till.query<{ id: string; returnNo: string; totalMinor: number; cashierId: number }>(
    'SELECT id, return_no AS returnNo, total_minor AS totalMinor, cashier_id AS cashierId FROM returns WHERE sale_id = ?',
    sale.id,
  );
  expect(returns).toEqual([
    { id: expect.any(String), returnNo, totalMinor: coffee.priceMinor, cashierId: 1 },
  ]);
  const returnId = returns[0]?.id;
  expect(
    till.query(
      `SELECT sale_line_id AS saleLineId, quantity_milli AS quantityMilli, refund_minor AS refundMinor
       FROM return_lines WHERE return_id = ?`,
      returnId,
    ),
  ).toEqual([{ saleLineId: coffeeLineId, quantityMilli: 1000, refundMinor: coffee.priceMinor }]);
  expect(
    till.query(
      'SELECT payment_id AS paymentId, kind, amount_minor AS amountMinor FROM refunds WHERE return_id = ?',
      returnId,
    ),
  ).toEqual([{ paymentId: sale.paymentId('cash'), kind: 'cash', amountMinor: coffee.priceMinor }]);
  const outbox = till.query<{ kind: string; payload: string }>(
    'SELECT kind, payload FROM outbox ORDER BY seq',
  );
  expect(outbox.map((row) => row.kind)).toEqual(['sale.completed', 'return.completed']);
  expect(JSON.parse(outbox[1]?.payload ?? '{}')).toMatchObject({
    returnId,
    saleId: sale.id,
    lines: [{ saleLineId: coffeeLineId, quantityMilli: 1000 }],
  });

  // The receipt again: the coffee is shown as fully returned and cannot be chosen; the milk can.
  await lookUpReturn(page, receiptNo);
  const coffeeRow = returnRow(page, coffeeLineId);
  await expect(coffeeRow).toContainText(ru.returns.fullyReturned);
  await expect(coffeeRow.getByTestId('return-line-select')).toBeDisabled();
  await expect(coffeeRow.getByTestId('return-line-qty')).toBeDisabled();
  await expect(returnRow(page, sale.lineId(barcodeOf(milk))).getByTestId('return-line-select')).toBeEnabled();

  // Past the UI, straight to the till: refused, and nothing is stored.
  const stored = returnTables(till);
  const again = await till.call('returns.complete', {
    returnId: randomUUID(),
    saleId: sale.id,
    lines: [{ saleLineId: coffeeLineId, quantityMilli: 1000 }],
  });
  expect(again).toMatchObject({ ok: false, error: { code: 'RETURN_EXCEEDS_SOLD' } });
  expect(returnTables(till)).toEqual(stored);
});

test('a return confirmed on a screen that is out of date is refused', async ({ page, till }) => {
  await logIn(page, cashier.name, cashier.pin);
  const receiptNo = await sell(page, [milk, coffee].map(barcodeOf), 'cash');
  const sale = storedSale(till, receiptNo);
  const coffeeLineId = sale.lineId(barcodeOf(coffee));

  await lookUpReturn(page, receiptNo);
  await returnRow(page, coffeeLineId).getByTestId('return-line-select').check();
  // Meanwhile the same line is returned elsewhere (another till window, a retried request).
  const elsewhere = await till.call('returns.complete', {
    returnId: randomUUID(),
    saleId: sale.id,
    lines: [{ saleLineId: coffeeLineId, quantityMilli: 1000 }],
  });
  expect(elsewhere.ok).toBe(true);
  const stored = returnTables(till);

  await page.getByTestId('return-confirm').click();
  await expect(page.locator('[data-testid="toast"][role="alert"]')).toHaveAttribute(
    'data-code',
    'RETURN_EXCEEDS_SOLD',
  );
  await expect(page.getByTestId('return-screen')).toBeVisible();
  await expect(page.getByTestId('receipt-view')).toHaveCount(0);
  expect(returnTables(till)).toEqual(stored);
  expect(countRows(till, 'returns')).toBe(1);
});

test('a line of a card sale is refunded to the card', async ({ page, till }) => {
  await logIn(page, cashier.name, cashier.pin);
  const receiptNo = await sell(page, [milk, tea].map(barcodeOf), 'card');
  const sale = storedSale(till, receiptNo);
  expect(sale.payments.map((payment) => payment.kind)).toEqual(['card']);
  const teaLineId = sale.lineId(barcodeOf(tea));

  await lookUpReturn(page, receiptNo);
  await returnRow(page, teaLineId).getByTestId('return-line-select').check();
  await expect(page.getByTestId('return-total')).toHaveText(rub(tea.priceMinor));
  await page.getByTestId('return-confirm').click();

  await shownReceiptNo(page, 'return');
  await expect(page.getByTestId('receipt-total')).toHaveText(rub(tea.priceMinor));
  const tender = page.getByTestId('receipt-tender');
  await expect(tender).toHaveCount(1);
  await expect(tender).toContainText(sale.payments[0]?.cardMasked ?? '**** ');
  await expect(tender).toContainText(rub(tea.priceMinor));

  const refunds = till.query<{ paymentId: string; kind: string; amountMinor: number; terminalRef: string }>(
    `SELECT f.payment_id AS paymentId, f.kind, f.amount_minor AS amountMinor, f.terminal_ref AS terminalRef
     FROM refunds f JOIN returns r ON r.id = f.return_id WHERE r.sale_id = ?`,
    sale.id,
  );
  expect(refunds).toEqual([
    {
      paymentId: sale.paymentId('card'),
      kind: 'card',
      amountMinor: tea.priceMinor,
      terminalRef: expect.stringMatching(/^SIM-/),
    },
  ]);
  expect(till.query('SELECT kind FROM outbox ORDER BY seq')).toEqual([
    { kind: 'sale.completed' },
    { kind: 'return.completed' },
  ]);
});
