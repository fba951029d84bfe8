// Clienteling at checkout through the real UI: identifying the customer (card, phone digits, member
// QR), enrolling, editing a profile, the saved bag, coupons, and what a cashier may see of a
// customer's contacts.
import type { Page } from '@playwright/test';
import { DEMO_MEMBER_QR_KEY } from '../contract/config';
import { issueMemberToken } from '../main/security/member-qr';
import { demoProducts } from '../main/store/seed/demo-catalog';
import type { DemoCustomer } from '../main/store/seed/demo-customers';
import { SHARED_LAST4, annaCoupons, annaSavedBag, demoCustomers } from '../main/store/seed/demo-customers';
import { catalogues } from '../renderer/i18n/catalogues';
import {
  barcodeOf,
  cartLine,
  cashier,
  countRows,
  expect,
  logIn,
  payCash,
  ringUp,
  rub,
  test,
  wedgeScan,
} from './fixtures';
import type { TillFixture } from './fixtures';

const { anna, olga, dmitry } = demoCustomers;
const { milk, coffee, chocolate, tea } = demoProducts;
// The demo store speaks Russian: messages are checked as the cashier reads them.
const ru = catalogues.ru;

function cardOf(customer: DemoCustomer): string {
  if (!customer.cardNo) throw new Error(`${customer.name} has no card`);
  return customer.cardNo;
}

const panelOf = (page: Page) => page.getByTestId('customer-panel');
const toast = (page: Page, code: string) => page.locator(`[data-testid="toast"][data-code="${code}"]`);

/** Opens "Identify" from the sale panel and searches for the query as the cashier types it. */
async function identify(page: Page, query: string): Promise<void> {
  await page.getByTestId('identify-button').click();
  const dialog = page.getByTestId('identify-dialog');
  await dialog.getByTestId('identify-input').fill(query);
  await dialog.getByTestId('identify-submit').click();
}

/** Scans the customer's loyalty card and waits for their profile beside the cart. */
async function scanCard(page: Page, customer: DemoCustomer): Promise<void> {
  await wedgeScan(page, cardOf(customer));
  await expect(panelOf(page).getByTestId('customer-name')).toHaveText(customer.name);
}

const customersWith = (till: TillFixture, where: string, value: string) =>
  till.query<{ id: number; name: string; birthday: string | null }>(
    `SELECT id, name, birthday FROM customers WHERE ${where} = ?`,
    value,
  );

test('a loyalty card scanned during the sale attaches the customer beside the cart, which keeps scanning', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  await ringUp(page, [barcodeOf(milk)]);

  await wedgeScan(page, cardOf(anna));
  const panel = panelOf(page);
  await expect(panel.getByTestId('customer-name')).toHaveText(anna.name);
  await expect(panel.getByTestId('customer-tier')).not.toBeEmpty();
  await expect(panel.getByTestId('customer-points')).toBeVisible();
  // The card attached a customer; it did not become a line, and the cart is still there.
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(cartLine(page, barcodeOf(milk))).toBeVisible();
  await ringUp(page, [barcodeOf(coffee)]);
  await expect(page.getByTestId('cart-total')).toHaveText(rub(milk.priceMinor + coffee.priceMinor));
  await expect(panel).toBeVisible();

  // Her purchases here, at another store and online; one opens to its items, which go in again.
  await panel.getByTestId('customer-tab-history').click();
  await expect(panel.locator('[data-testid="purchase"][data-channel="store"]').first()).toBeVisible();
  await expect(panel.locator('[data-testid="purchase"][data-channel="online"]').first()).toBeVisible();
  const latest = panel.getByTestId('purchase').first();
  await latest.getByTestId('purchase-toggle').click();
  await expect(latest.getByTestId('purchase-line').first()).toBeVisible();
  const totalBefore = (await page.getByTestId('cart-total').textContent()) ?? '';
  await latest.getByTestId('purchase-line-add').first().click();
  await expect(page.getByTestId('cart-total')).not.toHaveText(totalBefore);

  // The sale is hers, with her card masked as the receipt prints it.
  const receiptNo = await payCash(page);
  const card = cardOf(anna);
  expect(
    till.query(
      'SELECT customer_id AS customerId, customer_card AS card FROM sales WHERE receipt_no = ?',
      receiptNo,
    ),
  ).toEqual([{ customerId: anna.id, card: expect.stringMatching(new RegExp(`${card.slice(-4)}$`)) }]);
  await expect(page.getByTestId('receipt-card')).toContainText(card.slice(-4));
});

test('the last 4 digits of a phone give a pick list of both customers who share them; the one picked is attached', async ({
  page,
  till,
}) => {
  expect(till.query('SELECT id FROM customers WHERE phone_last4 = ? ORDER BY id', SHARED_LAST4)).toEqual([
    { id: olga.id },
    { id: dmitry.id },
  ]);
  await logIn(page, cashier.name, cashier.pin);
  await identify(page, SHARED_LAST4);

  const dialog = page.getByTestId('identify-dialog');
  const candidates = dialog.getByTestId('customer-candidate');
  await expect(candidates).toHaveCount(2);
  // Read out across the counter: names, and phones masked down to the digits typed.
  await expect(candidates.filter({ hasText: olga.name })).toContainText(`+7 *** ***-77-77`);
  await expect(candidates.filter({ hasText: dmitry.name })).toContainText(`+7 *** ***-77-77`);
  await expect(dialog.getByTestId('identify-more')).toHaveCount(0);

  await candidates.filter({ hasText: dmitry.name }).click();
  await expect(dialog).toBeHidden();
  await expect(panelOf(page).getByTestId('customer-name')).toHaveText(dmitry.name);
});

test('a member QR from the customer’s app attaches them; the same code shown again is refused as used', async ({
  page,
  till,
}) => {
  const issued = issueMemberToken(String(anna.id), new Date(), [DEMO_MEMBER_QR_KEY]);
  if (!issued.ok) throw new Error(`no member QR: ${issued.error}`);
  const qr = issued.value.text;

  await logIn(page, cashier.name, cashier.pin);
  await ringUp(page, [barcodeOf(milk)]);
  await wedgeScan(page, qr);
  const panel = panelOf(page);
  await expect(panel.getByTestId('customer-name')).toHaveText(anna.name);

  // The till remembers the code as used, by its time step, not the code itself.
  expect(till.query('SELECT customer_id AS customerId, step FROM member_tokens_seen')).toEqual([
    { customerId: String(anna.id), step: issued.value.token.step },
  ]);

  await panel.getByTestId('customer-detach').click();
  await expect(panel).toHaveCount(0);

  // A screenshot of the code, or the same code scanned twice: a replay.
  await wedgeScan(page, qr);
  await expect(toast(page, 'MEMBER_QR_REFUSED')).toContainText(ru.errorCases.MEMBER_QR_REFUSED.replayed);
  await expect(panel).toHaveCount(0);
  await expect(cartLine(page, barcodeOf(milk))).toBeVisible();
});

test('a customer nobody found is enrolled from the search in one short form and attached', async ({
  page,
  till,
}) => {
  const name = 'Василиса Премудрова';
  const phone = '+79995551234';
  expect(customersWith(till, 'phone_e164', phone)).toEqual([]);
  await logIn(page, cashier.name, cashier.pin);

  await identify(page, name);
  const dialog = page.getByTestId('identify-dialog');
  await expect(dialog.getByTestId('identify-none')).toBeVisible();
  await dialog.getByTestId('enrol-open').click();

  const form = page.getByTestId('enrol-dialog');
  await expect(form.getByTestId('enrol-name')).toHaveValue(name);
  await expect(form.getByTestId('enrol-phone')).toBeFocused();
  await expect(form.getByTestId('enrol-consent-processing')).not.toBeChecked();
  for (const channel of ['sms', 'email', 'push', 'call'])
    await expect(form.getByTestId(`enrol-marketing-${channel}`)).not.toBeChecked();

  await form.getByTestId('enrol-phone').fill('+7 999 555-12-34');
  await form.getByTestId('enrol-birthday').fill('14.02.1992');
  await form.getByTestId('enrol-consent-processing').check();
  await form.getByTestId('enrol-marketing-sms').check();
  await form.getByTestId('enrol-submit').click();

  await expect(form).toBeHidden();
  await expect(panelOf(page).getByTestId('customer-name')).toHaveText(name);
  const [enrolled] = customersWith(till, 'phone_e164', phone);
  expect(enrolled).toMatchObject({ name, birthday: '1992-02-14' });
  const consents = till.query<{ purpose: string; channel: string | null; granted: number }>(
    'SELECT purpose, channel, granted FROM customer_consents WHERE customer_id = ? ORDER BY id',
    enrolled?.id,
  );
  expect(consents).toEqual(
    expect.arrayContaining([
      { purpose: 'processing', channel: null, granted: 1 },
      { purpose: 'marketing', channel: 'sms', granted: 1 },
      { purpose: 'marketing', channel: 'email', granted: 0 },
      { purpose: 'marketing', channel: 'push', granted: 0 },
      { purpose: 'marketing', channel: 'call', granted: 0 },
    ]),
  );
});

test('enrolling with a phone that already belongs to a customer offers their profile instead of a second one', async ({
  page,
  till,
}) => {
  const before = countRows(till, 'customers');
  await logIn(page, cashier.name, cashier.pin);

  await page.keyboard.press('F3');
  await page.getByTestId('identify-dialog').getByTestId('enrol-open').click();
  const form = page.getByTestId('enrol-dialog');
  await form.getByTestId('enrol-name').fill('Анна');
  // Typed the way people say it, with the national 8: the same number as +7 916 123-45-67.
  await form.getByTestId('enrol-phone').fill('8 916 123-45-67');
  await form.getByTestId('enrol-consent-processing').check();
  await form.getByTestId('enrol-submit').click();

  const existing = form.getByTestId('enrol-existing');
  await expect(existing).toContainText(ru.enrol.existing.phone.replace('{name}', anna.name));
  await existing.getByTestId('enrol-use-existing').click();
  await expect(form).toBeHidden();
  await expect(panelOf(page).getByTestId('customer-name')).toHaveText(anna.name);
  expect(countRows(till, 'customers')).toBe(before);
});

test('a customer who does not consent to the processing of personal data is not enrolled', async ({
  page,
  till,
}) => {
  const email = 'petr.nesoglasov@example.com';
  await logIn(page, cashier.name, cashier.pin);

  await page.getByTestId('identify-button').click();
  await page.getByTestId('identify-dialog').getByTestId('enrol-open').click();
  const form = page.getByTestId('enrol-dialog');
  await expect(form).toContainText(ru.enrol.processingHint);
  await form.getByTestId('enrol-name').fill('Пётр Несогласов');
  await form.getByTestId('enrol-email').fill(email);
  await form.getByTestId('enrol-submit').click();

  await expect(toast(page, 'CONSENT_REQUIRED')).toContainText(ru.errors.CONSENT_REQUIRED);
  await expect(form).toBeVisible();
  await expect(form.getByTestId('enrol-consent-processing')).toHaveAttribute('aria-invalid', 'true');
  expect(customersWith(till, 'email_norm', email)).toEqual([]);
  await expect(panelOf(page)).toHaveCount(0);
});

test('a line saved to the bag waits for the next visit and goes back into the cart from there', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  await scanCard(page, anna);
  await ringUp(page, [barcodeOf(tea), barcodeOf(chocolate)]);
  const panel = panelOf(page);
  await panel.getByTestId('customer-tab-bag').click();
  const bagItem = (productId: number) =>
    panel.locator(`[data-testid="bag-item"][data-product-id="${productId}"]`);
  await expect(bagItem(annaSavedBag.productId)).toBeVisible();

  // Only the tea is put aside: the chocolate is unticked.
  await panel.getByTestId('bag-save').click();
  const save = page.getByTestId('bag-save-dialog');
  await save
    .locator(`[data-testid="bag-save-line"][data-barcode="${barcodeOf(chocolate)}"]`)
    .getByTestId('bag-save-select')
    .uncheck();
  await save.getByTestId('bag-save-confirm').click();
  await expect(save).toBeHidden();
  await expect(bagItem(tea.id)).toBeVisible();
  await expect(bagItem(chocolate.id)).toHaveCount(0);
  expect(
    till.query<{ productId: number }>(
      'SELECT product_id AS productId FROM saved_bag WHERE customer_id = ? ORDER BY product_id',
      anna.id,
    ),
  ).toEqual([annaSavedBag.productId, tea.id].sort((a, b) => a - b).map((productId) => ({ productId })));

  // She leaves without buying: the sale is voided and she goes with it.
  await page.getByTestId('void-cart').click();
  await page.getByTestId('void-confirm').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
  await expect(panel).toHaveCount(0);

  // Next visit, found by her phone.
  await identify(page, '+7 916 123-45-67');
  await expect(panel.getByTestId('customer-name')).toHaveText(anna.name);
  await panel.getByTestId('customer-tab-bag').click();
  await expect(bagItem(tea.id).getByTestId('bag-item-price')).toHaveText(rub(tea.priceMinor));
  await bagItem(tea.id).getByTestId('bag-item-add').click();
  await expect(cartLine(page, barcodeOf(tea))).toBeVisible();
  await expect(page.getByTestId('cart-total')).toHaveText(rub(tea.priceMinor));
});

test('a coupon from the profile takes its discount off the total, prints on the receipt and is used up', async ({
  page,
  till,
}) => {
  const coupon = annaCoupons.percent;
  const subtotal = coffee.priceMinor + chocolate.priceMinor;
  // 10 %, rounded half up to the kopeck.
  const discount = Math.round((subtotal * (coupon.percentBp ?? 0)) / 10_000);
  const total = subtotal - discount;

  await logIn(page, cashier.name, cashier.pin);
  await scanCard(page, anna);
  await ringUp(page, [barcodeOf(coffee), barcodeOf(chocolate)]);
  const panel = panelOf(page);
  await panel.getByTestId('customer-tab-coupons').click();
  const offer = panel.locator(`[data-testid="coupon-offer"][data-code="${coupon.code}"]`);
  await expect(offer.getByTestId('coupon-value')).toContainText('10');
  await offer.getByTestId('coupon-apply').click();

  await expect(page.getByTestId('cart-coupon')).toHaveAttribute('data-code', coupon.code);
  await expect(page.getByTestId('cart-subtotal')).toHaveText(rub(subtotal));
  await expect(page.getByTestId('cart-discount')).toHaveText(`−${rub(discount)}`);
  await expect(page.getByTestId('cart-total')).toHaveText(rub(total));
  await expect(offer.getByTestId('coupon-applied')).toBeVisible();

  const receiptNo = await payCash(page);
  await expect(page.getByTestId('receipt-total')).toHaveText(rub(total));
  await expect(page.getByTestId('receipt-discount')).toHaveText(`−${rub(discount)}`);
  await expect(page.getByTestId('receipt-coupon')).toContainText(coupon.code);
  const card = cardOf(anna);
  await expect(page.getByTestId('receipt-card')).toContainText(card.slice(-4));
  await expect(page.getByTestId('receipt-view')).not.toContainText(card);

  const [sale] = till.query<{ id: string; couponCode: string; discountMinor: number; totalMinor: number }>(
    `SELECT id, coupon_code AS couponCode, discount_minor AS discountMinor, total_minor AS totalMinor
     FROM sales WHERE receipt_no = ?`,
    receiptNo,
  );
  expect(sale).toMatchObject({ couponCode: coupon.code, discountMinor: discount, totalMinor: total });
  expect(till.query('SELECT redeemed_sale_id AS saleId FROM coupons WHERE code = ?', coupon.code)).toEqual([
    { saleId: sale?.id },
  ]);

  // Her next sale: the coupon is no longer offered, the other one still is.
  await page.getByTestId('new-sale').click();
  await scanCard(page, anna);
  await panel.getByTestId('customer-tab-coupons').click();
  await expect(
    panel.locator(`[data-testid="coupon-offer"][data-code="${annaCoupons.fixed.code}"]`),
  ).toBeVisible();
  await expect(panel.locator(`[data-testid="coupon-offer"][data-code="${coupon.code}"]`)).toHaveCount(0);
});

test('a cashier sees the customer’s phone, e-mail and birthday masked', async ({ page, till }) => {
  // The till holds them in full; only the screen masks them for the cashier's role.
  expect(till.query('SELECT phone_e164 AS phone FROM customers WHERE id = ?', anna.id)).toEqual([
    { phone: anna.phone },
  ]);
  await logIn(page, cashier.name, cashier.pin);
  await scanCard(page, anna);
  const panel = panelOf(page);
  await panel.getByTestId('customer-tab-profile').click();

  await expect(panel.getByTestId('customer-phone')).toHaveText('+7 *** ***-45-67');
  const email = panel.getByTestId('customer-email');
  await expect(email).toContainText('@example.com');
  await expect(email).not.toContainText(anna.email ?? '');
  await expect(panel.getByTestId('customer-birthday')).not.toContainText(anna.birthday?.slice(0, 4) ?? '');
  await expect(panel).not.toContainText('+7 916');
});

test('a cashier replaces the customer’s phone and changes their consent to offers in the profile, without seeing the old number', async ({
  page,
  till,
}) => {
  const newPhone = '+79991230077';
  const [user] = till.query<{ id: number }>('SELECT id FROM users WHERE name = ?', cashier.name);
  await logIn(page, cashier.name, cashier.pin);
  await scanCard(page, anna);
  const panel = panelOf(page);
  await panel.getByTestId('customer-tab-profile').click();
  await panel.getByTestId('customer-edit').click();

  const form = page.getByTestId('customer-edit-dialog');
  // The cashier may not read the number: the field is empty, the masked one is only a hint.
  await expect(form.getByTestId('customer-edit-phone')).toHaveValue('');
  await expect(form.getByTestId('customer-edit-phone')).toHaveAttribute('placeholder', '+7 *** ***-45-67');
  await expect(form.getByTestId('customer-edit-hint')).toHaveText(ru.customerEdit.maskedHint);
  await expect(form).not.toContainText('916');
  await expect(form.getByTestId('customer-edit-marketing-sms')).toBeChecked();
  await expect(form.getByTestId('customer-edit-marketing-push')).not.toBeChecked();

  await form.getByTestId('customer-edit-phone').fill('8 999 123-00-77');
  await form.getByTestId('customer-edit-marketing-sms').uncheck();
  await form.getByTestId('customer-edit-marketing-push').check();
  await form.getByTestId('customer-edit-submit').click();

  await expect(form).toBeHidden();
  await expect(panel.getByTestId('customer-phone')).toHaveText('+7 *** ***-00-77');
  await expect(panel.getByTestId('customer-marketing')).toHaveText(
    [ru.customer.channels.email, ru.customer.channels.push].join(', '),
  );

  expect(till.query('SELECT phone_e164 AS phone FROM customers WHERE id = ?', anna.id)).toEqual([
    { phone: newPhone },
  ]);
  const [update] = till.query<{ payload: string }>(
    "SELECT payload FROM outbox WHERE kind = 'customer.updated' AND pushed_at IS NULL",
  );
  const payload = JSON.parse(update?.payload ?? '{}') as {
    customerId: number;
    cashierId: number;
    at: string;
    fields: { field: string; value: string | null; hlc: string }[];
  };
  expect(payload).toMatchObject({
    customerId: anna.id,
    cashierId: user?.id,
    storeCode: '0001',
    terminalCode: '01',
  });
  expect(payload.fields.map(({ field, value }) => ({ field, value }))).toEqual([
    { field: 'phoneE164', value: newPhone },
    { field: 'consent:marketing:sms', value: 'withdrawn' },
    { field: 'consent:marketing:push', value: 'granted' },
  ]);
  const stamp = payload.fields[0]?.hlc;
  expect(
    till.query('SELECT field, hlc FROM customer_field_clocks WHERE customer_id = ? ORDER BY field', anna.id),
  ).toEqual([
    { field: 'consent:marketing:push', hlc: stamp },
    { field: 'consent:marketing:sms', hlc: stamp },
    { field: 'phoneE164', hlc: stamp },
  ]);
  // Recorded as given: when, by this cashier, at this till; the earlier records are not touched.
  expect(
    till.query(
      `SELECT channel, granted, store_code AS store, terminal_code AS terminal, cashier_id AS cashierId
       FROM customer_consents WHERE customer_id = ? AND purpose = 'marketing' AND recorded_at = ? ORDER BY id`,
      anna.id,
      payload.at,
    ),
  ).toEqual([
    { channel: 'sms', granted: 0, store: '0001', terminal: '01', cashierId: user?.id },
    { channel: 'push', granted: 1, store: '0001', terminal: '01', cashierId: user?.id },
  ]);
});

test('a phone that belongs to another customer is not saved: their profile is offered instead', async ({
  page,
  till,
}) => {
  await logIn(page, cashier.name, cashier.pin);
  await scanCard(page, anna);
  const panel = panelOf(page);
  await panel.getByTestId('customer-edit').click();
  const form = page.getByTestId('customer-edit-dialog');
  await form.getByTestId('customer-edit-phone').fill('+7 903 111-77-77');
  await form.getByTestId('customer-edit-submit').click();

  const taken = form.getByTestId('customer-edit-taken');
  await expect(taken).toContainText(ru.customerEdit.taken.phone.replace('{name}', olga.name));
  expect(till.query("SELECT seq FROM outbox WHERE kind = 'customer.updated'")).toEqual([]);
  expect(till.query('SELECT phone_e164 AS phone FROM customers WHERE id = ?', anna.id)).toEqual([
    { phone: anna.phone },
  ]);
  await taken.getByTestId('customer-edit-open-taken').click();
  await expect(form).toBeHidden();
  await expect(panel.getByTestId('customer-name')).toHaveText(olga.name);
});
