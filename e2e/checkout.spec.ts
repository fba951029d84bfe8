// Checkout through the real UI: scanning, editing the cart, paying, and what the till stores.
import { MILLI } from '../contract/common';
import { gtinCheckDigit } from '../main/domain/barcode';
import { demoProducts, embeddedWeightBarcode } from '../main/store/seed/demo-catalog';
import { editableMoney } from '../renderer/i18n/format';
import {
  barcodeOf,
  cartLine,
  cashier,
  countRows,
  enterAmount,
  expect,
  logIn,
  openPay,
  payCash,
  ringUp,
  rub,
  simulateCard,
  test,
  wedgeScan,
} from './fixtures';
import type { TillFixture } from './fixtures';

const { milk, coffee, borodinsky, tea, bananas } = demoProducts;

interface PaymentRow {
  kind: string;
  amountMinor: number;
  receivedMinor: number | null;
  changeMinor: number | null;
  cardMasked: string | null;
  authCode: string | null;
  terminalRef: string | null;
}

function saleByReceipt(till: TillFixture, receiptNo: string) {
  const rows = till.query<{
    id: string;
    totalMinor: number;
    changeMinor: number;
    cashierId: number;
    status: string;
  }>(
    `SELECT id, total_minor AS totalMinor, change_minor AS changeMinor, cashier_id AS cashierId, status
     FROM sales WHERE receipt_no = ?`,
    receiptNo,
  );
  expect(rows).toHaveLength(1);
  return rows[0] as NonNullable<(typeof rows)[0]>;
}

const paymentsOf = (till: TillFixture, saleId: string) =>
  till.query<PaymentRow>(
    `SELECT kind, amount_minor AS amountMinor, received_minor AS receivedMinor, change_minor AS changeMinor,
       card_masked AS cardMasked, auth_code AS authCode, terminal_ref AS terminalRef
     FROM payments WHERE sale_id = ? ORDER BY rowid`,
    saleId,
  );

test('a wedge burst, a quantity change, a removal and a weighed item, paid in cash with change', async ({
  page,
  till,
}) => {
  const salesBefore = countRows(till, 'sales');
  await logIn(page, cashier.name, cashier.pin);

  // A scanner types into the page whatever has focus; here nothing has.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  const codes = [milk, coffee, borodinsky].map(barcodeOf);
  await ringUp(page, codes);
  const rows = page.getByTestId('cart-line');
  for (const [index, code] of codes.entries())
    await expect(rows.nth(index)).toHaveAttribute('data-barcode', code);
  await expect(page.getByTestId('cart-total')).toHaveText(
    rub(milk.priceMinor + coffee.priceMinor + borodinsky.priceMinor),
  );
  // The burst became scans, not text in a field.
  await expect(page.getByTestId('scan-input')).toHaveValue('');
  const typed = await page
    .locator('input')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value).filter(Boolean));
  expect(typed).toEqual([]);

  const milkLine = cartLine(page, barcodeOf(milk));
  await milkLine.getByTestId('line-qty-edit').click();
  const dialog = page.getByTestId('qty-dialog');
  await dialog.getByTestId('qty-input').fill('3');
  await dialog.getByTestId('qty-save').click();
  await expect(dialog).toBeHidden();
  await expect(milkLine.getByTestId('line-qty')).toHaveText('3');
  await expect(milkLine.getByTestId('line-total')).toHaveText(rub(3 * milk.priceMinor));

  await cartLine(page, barcodeOf(borodinsky)).getByTestId('line-remove').click();
  await expect(rows).toHaveCount(2);
  await expect(cartLine(page, barcodeOf(borodinsky))).toHaveCount(0);

  // 1.234 kg of bananas from the scale's label: the weight is the quantity and cannot be retyped.
  const bananaCode = embeddedWeightBarcode(bananas.plu ?? '', 1234);
  const bananaTotal = Math.round((bananas.priceMinor * 1234) / MILLI);
  await ringUp(page, [bananaCode]);
  const bananaLine = cartLine(page, bananaCode);
  await expect(bananaLine.getByTestId('line-qty')).toHaveText('1,234');
  await expect(bananaLine.getByTestId('line-qty-edit')).toBeDisabled();
  await expect(bananaLine.getByTestId('line-total')).toHaveText(rub(bananaTotal));

  const total = 3 * milk.priceMinor + coffee.priceMinor + bananaTotal;
  const received = 100_000;
  const change = received - total;
  expect(change).toBeGreaterThan(0);
  await expect(page.getByTestId('cart-total')).toHaveText(rub(total));

  const receiptNo = await payCash(page, '1000');
  await expect(page.getByTestId('receipt-total')).toHaveText(rub(total));
  await expect(page.getByTestId('receipt-change')).toHaveText(rub(change));
  await expect(page.getByTestId('receipt-line')).toHaveCount(3);

  expect(countRows(till, 'sales')).toBe(salesBefore + 1);
  const sale = saleByReceipt(till, receiptNo);
  expect(sale).toMatchObject({ totalMinor: total, changeMinor: change, cashierId: 1, status: 'completed' });
  const lines = till.query(
    `SELECT barcode, quantity_milli AS quantityMilli, total_minor AS totalMinor
     FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
    sale.id,
  );
  expect(lines).toEqual([
    { barcode: barcodeOf(milk), quantityMilli: 3000, totalMinor: 3 * milk.priceMinor },
    { barcode: barcodeOf(coffee), quantityMilli: 1000, totalMinor: coffee.priceMinor },
    { barcode: bananaCode, quantityMilli: 1234, totalMinor: bananaTotal },
  ]);
  expect(paymentsOf(till, sale.id)).toEqual([
    expect.objectContaining({
      kind: 'cash',
      amountMinor: total,
      receivedMinor: received,
      changeMinor: change,
    }),
  ]);
  const outbox = till.query<{ kind: string; payload: string }>('SELECT kind, payload FROM outbox');
  expect(outbox.map((row) => row.kind)).toEqual(['sale.completed']);
  expect(JSON.parse(outbox[0]?.payload ?? '{}')).toMatchObject({
    saleId: sale.id,
    receipt: { receiptNo, totalMinor: total },
  });
});

test('a declined card leaves the cart as it was; cash then completes the sale', async ({ page, till }) => {
  const salesBefore = countRows(till, 'sales');
  await logIn(page, cashier.name, cashier.pin);
  const codes = [milk, tea].map(barcodeOf);
  const total = milk.priceMinor + tea.priceMinor;
  await ringUp(page, codes);

  await simulateCard(page, 'decline');
  await openPay(page);
  await page.getByTestId('pay-card').click();
  await expect(page.locator('[data-testid="toast"][role="alert"]')).toHaveAttribute(
    'data-code',
    'CARD_DECLINED',
  );
  await expect(page.getByTestId('pay-card')).toBeEnabled();
  const rows = page.getByTestId('cart-line');
  await expect(rows).toHaveCount(2);
  for (const [index, code] of codes.entries())
    await expect(rows.nth(index)).toHaveAttribute('data-barcode', code);
  await expect(page.getByTestId('cart-total')).toHaveText(rub(total));
  await expect(page.getByTestId('due-amount')).toHaveText(rub(total));
  await expect(page.getByTestId('tender-row')).toHaveCount(0);
  expect(countRows(till, 'sales')).toBe(salesBefore);

  const receiptNo = await payCash(page);
  await expect(page.getByTestId('receipt-total')).toHaveText(rub(total));
  await expect(page.getByTestId('receipt-change')).toHaveText(rub(0));
  const sale = saleByReceipt(till, receiptNo);
  expect(sale.totalMinor).toBe(total);
  expect(paymentsOf(till, sale.id)).toEqual([
    expect.objectContaining({ kind: 'cash', amountMinor: total, receivedMinor: total, changeMinor: 0 }),
  ]);
});

test('a split payment: part by an approved card, the rest in cash with change', async ({ page, till }) => {
  await logIn(page, cashier.name, cashier.pin);
  await ringUp(page, [milk, coffee].map(barcodeOf));
  const total = milk.priceMinor + coffee.priceMinor;
  const cardPart = 20_000;
  const cashDue = total - cardPart;
  const received = 40_000;

  await simulateCard(page, 'approve');
  await enterAmount(page, '200');
  await page.getByTestId('pay-card').click();
  await expect(page.getByTestId('tender-row')).toHaveCount(1);
  await expect(page.getByTestId('due-amount')).toHaveText(rub(cashDue));
  // After a part payment the amount field offers what is left.
  await expect(page.getByTestId('amount-input')).toHaveValue(editableMoney(cashDue, 'RUB', 'ru'));

  const receiptNo = await payCash(page, '400');
  await expect(page.getByTestId('receipt-total')).toHaveText(rub(total));
  await expect(page.getByTestId('receipt-change')).toHaveText(rub(received - cashDue));
  await expect(page.getByTestId('receipt-tender')).toHaveCount(2);

  const sale = saleByReceipt(till, receiptNo);
  expect(sale).toMatchObject({ totalMinor: total, changeMinor: received - cashDue });
  const [card, cash, ...more] = paymentsOf(till, sale.id);
  expect(more).toEqual([]);
  expect(card).toMatchObject({ kind: 'card', amountMinor: cardPart, receivedMinor: null, changeMinor: null });
  expect(card?.cardMasked).toMatch(/^\*{4} \d{4}$/);
  expect(card?.authCode).toMatch(/^\d{6}$/);
  expect(card?.terminalRef).toBeTruthy();
  expect(cash).toMatchObject({
    kind: 'cash',
    amountMinor: cashDue,
    receivedMinor: received,
    changeMinor: received - cashDue,
    cardMasked: null,
  });
});

test('an unknown barcode and a bad check digit are refused and change nothing', async ({ page, till }) => {
  const salesBefore = countRows(till, 'sales');
  await logIn(page, cashier.name, cashier.pin);
  await ringUp(page, [barcodeOf(milk)]);

  // A well-formed EAN-13 that no product carries (the demo range 4600512… ends at 001012).
  const body = '460051299999';
  const unknown = `${body}${gtinCheckDigit(body)}`;
  expect(till.query('SELECT code FROM barcodes WHERE code = ?', unknown)).toEqual([]);
  const milkCode = barcodeOf(milk);
  const wrongCheckDigit = `${milkCode.slice(0, -1)}${(Number(milkCode.at(-1)) + 1) % 10}`;

  const toast = page.locator('[data-testid="toast"][role="alert"]');
  for (const [code, errorCode] of [
    [unknown, 'UNKNOWN_BARCODE'],
    [wrongCheckDigit, 'INVALID_BARCODE'],
  ] as const) {
    await wedgeScan(page, code);
    await expect(toast.and(page.locator(`[data-code="${errorCode}"]`))).toBeVisible();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(cartLine(page, milkCode)).toHaveCount(1);
    await expect(cartLine(page, milkCode).getByTestId('line-qty')).toHaveText('1');
    await expect(page.getByTestId('cart-total')).toHaveText(rub(milk.priceMinor));
    await expect(page.getByTestId('scan-input')).toHaveValue('');
  }
  // The cashier is told which code was not found.
  await expect(toast.and(page.locator('[data-code="UNKNOWN_BARCODE"]'))).toContainText(unknown);
  expect(countRows(till, 'sales')).toBe(salesBefore);
  expect(countRows(till, 'outbox')).toBe(0);
});

test('a bad quantity in the quantity dialog is refused and the line keeps its quantity', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  const milkCode = barcodeOf(milk);
  await ringUp(page, [milkCode]);
  const line = cartLine(page, milkCode);
  await line.getByTestId('line-qty-edit').click();
  const dialog = page.getByTestId('qty-dialog');
  const toast = page.locator('[data-testid="toast"][role="alert"]');

  for (const typed of ['0', '1,5', '10000']) {
    await dialog.getByTestId('qty-input').fill(typed);
    await dialog.getByTestId('qty-save').click();
    await expect(toast).toHaveAttribute('data-code', 'BAD_QUANTITY');
    await expect(dialog).toBeVisible();
    await expect(line.getByTestId('line-qty')).toHaveText('1');
    await expect(page.getByTestId('cart-total')).toHaveText(rub(milk.priceMinor));
    // Dismissed, so the next attempt has to raise its own error.
    await toast.getByRole('button').click();
    await expect(toast).toHaveCount(0);
  }

  // The till itself refuses them too, whatever a client sends.
  const lineId = (await line.getAttribute('data-line-id')) ?? '';
  for (const quantityMilli of [0, 1500, 10_000 * MILLI]) {
    const answer = await till.call('cart.setQuantity', { lineId, quantityMilli });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_QUANTITY' } });
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(line.getByTestId('line-qty')).toHaveText('1');
  await expect(page.getByTestId('cart-total')).toHaveText(rub(milk.priceMinor));
});
