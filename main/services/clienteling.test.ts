import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_QR_KEY } from '../../contract/config';
import { withGtinDigit } from '../../native-drivers/card-reader/test-cards';
import { issueMemberToken } from '../security/member-qr';
import { cashier, fixture, manager, openTestTill } from './test-till';
import type { TestTill } from './test-till';

let till: TestTill;
afterEach(() => till?.close());

const annaCard = withGtinDigit('270000000101');
const borisCard = withGtinDigit('270000000102');
const consent = { processing: true, marketing: { sms: true } };

async function storeWithCustomers(as: { id: number; pin: string } = cashier) {
  till = openTestTill();
  await till.must('session.login', { userId: as.id, pin: as.pin });
  const anna = await till.must('customers.enrol', {
    name: 'Анна Иванова',
    phone: '+7 916 123-45-67',
    email: 'anna.ivanova@mail.ru',
    birthday: '1990-03-14',
    cardNo: annaCard,
    consent,
    attributes: { 'shoe.size': '38' },
  });
  const boris = await till.must('customers.enrol', {
    name: 'Boris Petrov',
    phone: '+7 926 765-45-67',
    cardNo: borisCard,
    consent: { processing: true },
    attributes: { 'shoe.size': '44' },
  });
  return { anna: anna.profile.id, boris: boris.profile.id };
}

const outboxKinds = () => till.db.prepare('SELECT kind FROM outbox ORDER BY seq').pluck().all() as string[];

const coupon = (code: string, customerId: number | null, over: Record<string, unknown> = {}) =>
  till.db
    .prepare(
      `INSERT INTO coupons (code, customer_id, kind, percent_bp, amount_minor, min_spend_minor, valid_from, valid_until)
       VALUES (@code, @customerId, 'birthday', @percentBp, @amountMinor, @minSpend, @from, @until)`,
    )
    .run({
      code,
      customerId,
      percentBp: 1000,
      amountMinor: null,
      minSpend: 0,
      from: '2000-01-01T00:00:00.000Z',
      until: '2099-01-01T00:00:00.000Z',
      ...over,
    });

describe('enrolment', () => {
  it('creates a profile with its consent and tells HQ in the same transaction', async () => {
    const { anna, boris } = await storeWithCustomers();
    const profile = await till.must('customers.profile', { customerId: anna });
    expect(profile).toMatchObject({
      name: 'Анна Иванова',
      marketing: { sms: true, email: false, push: false, call: false },
      attributes: [{ key: 'shoe.size', value: '38' }],
    });
    // Without marketing consent the preference was not kept.
    expect((await till.must('customers.profile', { customerId: boris })).attributes).toEqual([]);
    expect(outboxKinds()).toEqual(['customer.enrolled', 'customer.enrolled']);
  });

  it('offers the existing profile for a phone already enrolled, written another way', async () => {
    const { anna } = await storeWithCustomers();
    const again = await till.must('customers.enrol', { name: 'Anna I', phone: '8 (916) 123 45 67', consent });
    expect(again).toMatchObject({ kind: 'existing', matchedBy: 'phone', profile: { id: anna } });
    expect(outboxKinds()).toHaveLength(2);
  });

  it('refuses a missing consent, a garbage phone and no contact at all, writing nothing', async () => {
    await storeWithCustomers();
    const refused = async (input: Parameters<TestTill['call']>[1], code: string) =>
      expect(await till.call('customers.enrol', input as never)).toMatchObject({
        ok: false,
        error: { code },
      });
    await refused(
      { name: 'Вера', phone: '+7 903 111-22-33', consent: { processing: false } },
      'CONSENT_REQUIRED',
    );
    await refused({ name: 'Вера', phone: '12', consent }, 'BAD_PHONE');
    await refused({ name: 'Вера', consent }, 'CONTACT_REQUIRED');
    expect(till.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
  });
});

describe('identify', () => {
  it('finds by the last 4 digits a pick list of masked phones', async () => {
    await storeWithCustomers();
    const found = await till.must('customers.identify', { query: '4567' });
    expect(found).toMatchObject({ kind: 'many', by: 'last4' });
    if (found.kind !== 'many') throw new Error('expected a pick list');
    expect(found.candidates.map((c) => c.phoneMasked).sort()).toEqual([
      '+7 *** ***-45-67',
      '+7 *** ***-45-67',
    ]);
  });

  it('finds a Cyrillic name typed in Latin, and survives FTS operators in a name', async () => {
    const { anna } = await storeWithCustomers();
    expect(await till.must('customers.identify', { query: 'ivanova' })).toMatchObject({
      kind: 'one',
      profile: { id: anna },
    });
    for (const query of [
      '"',
      'Ив*',
      'NEAR(a b)',
      '-Анна',
      'Анна OR 1=1',
      "Анна'); DROP TABLE customers;--",
    ]) {
      const result = await till.call('customers.identify', { query });
      expect(result.ok || result.error.code === 'BAD_NAME').toBe(true);
    }
    expect(till.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
  });

  it('attaches the customer when their loyalty card is scanned during checkout', async () => {
    const { anna } = await storeWithCustomers();
    await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    const cart = await till.must('cart.scan', { code: annaCard, source: 'wedge' });
    expect(cart.customer).toEqual({
      id: anna,
      name: 'Анна Иванова',
      tier: null,
      cardMasked: `•••• ${annaCard.slice(-4)}`,
    });
    expect(cart.lines).toHaveLength(1);
  });

  it('accepts a member QR once and refuses it replayed, forged or expired', async () => {
    const { anna } = await storeWithCustomers();
    const issued = issueMemberToken(String(anna), new Date(), [DEMO_MEMBER_QR_KEY]);
    if (!issued.ok) throw new Error(issued.error);
    const first = await till.must('cart.scan', { code: issued.value.text, source: 'wedge' });
    expect(first.customer?.id).toBe(anna);
    expect(await till.call('customers.identify', { query: issued.value.text })).toMatchObject({
      ok: false,
      error: { code: 'MEMBER_QR_REFUSED', params: { reason: 'replayed' } },
    });
    const fresh = issueMemberToken(String(anna), new Date(Date.now() + 30_000), [DEMO_MEMBER_QR_KEY]);
    if (!fresh.ok) throw new Error(fresh.error);
    const forged = fresh.value.text.slice(0, -1) + (fresh.value.text.endsWith('A') ? 'B' : 'A');
    expect(await till.call('customers.identify', { query: forged })).toMatchObject({
      error: { params: { reason: 'forged' } },
    });
    const old = issueMemberToken(String(anna), new Date(Date.now() - 5 * 60_000), [DEMO_MEMBER_QR_KEY]);
    if (!old.ok) throw new Error(old.error);
    expect(await till.call('customers.identify', { query: old.value.text })).toMatchObject({
      error: { params: { reason: 'expired' } },
    });
    expect(await till.must('customers.identify', { query: fresh.value.text })).toMatchObject({
      kind: 'one',
      by: 'member-qr',
    });
  });

  it('follows a merge to the surviving profile and finds nobody for an erased one', async () => {
    const { anna, boris } = await storeWithCustomers();
    till.db.prepare('UPDATE customers SET merged_into = ? WHERE id = ?').run(anna, boris);
    expect(await till.must('customers.profile', { customerId: boris })).toMatchObject({
      id: anna,
      mergedFrom: boris,
    });
    expect(await till.must('customers.identify', { query: borisCard })).toMatchObject({
      profile: { id: anna },
    });
    till.db.prepare("UPDATE customers SET erased_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(anna);
    expect(await till.call('customers.profile', { customerId: anna })).toMatchObject({
      error: { code: 'CUSTOMER_NOT_FOUND' },
    });
    expect(await till.must('customers.identify', { query: annaCard })).toEqual({ kind: 'none', by: 'card' });
    expect(await till.call('cart.attachCustomer', { customerId: anna })).toMatchObject({
      error: { code: 'CUSTOMER_NOT_FOUND' },
    });
  });
});

describe('the profile', () => {
  it('masks personal data for a cashier and shows it to a manager', async () => {
    const { anna } = await storeWithCustomers();
    expect(await till.must('customers.profile', { customerId: anna })).toMatchObject({
      phone: '+7 *** ***-45-67',
      email: 'a•••@mail.ru',
      birthday: '--03-14',
      cards: [`•••• ${annaCard.slice(-4)}`],
      personalVisible: false,
    });
    await till.must('session.logout', {});
    await till.must('session.login', { userId: manager.id, pin: manager.pin });
    expect(await till.must('customers.profile', { customerId: anna })).toMatchObject({
      phone: '+79161234567',
      email: 'anna.ivanova@mail.ru',
      birthday: '1990-03-14',
      cards: [annaCard],
      personalVisible: true,
    });
  });

  it('shows purchases from this till and from HQ once each, with stats, segment and recommendations', async () => {
    const { anna } = await storeWithCustomers();
    await till.must('cart.attachCustomer', { customerId: anna });
    await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    const cart = await till.must('cart.scan', { code: fixture.bread.barcode, source: 'wedge' });
    const paid = await till.must('payment.cash', { cartId: cart.id, receivedMinor: 20_000 });
    if (paid.status !== 'completed') throw new Error('not completed');
    const history = till.db.prepare(
      `INSERT INTO purchase_history (id, customer_id, channel, store_code, document_no, purchased_at, product_id,
         names, quantity_milli, total_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1000, ?)`,
    );
    history.run('h1', anna, 'online', 'WEB', 'W-1', '2026-01-10T10:00:00.000Z', 3, '{"ru":"Кофе"}', 64_900);
    history.run('h2', anna, 'online', 'WEB', 'W-1', '2026-01-10T10:00:00.000Z', 1, '{"ru":"Молоко"}', 8_990);
    // HQ echoing this till's own sale back must not count it twice.
    history.run('h3', anna, 'store', '0001', paid.receipt.receiptNo, paid.receipt.createdAt, 1, '{}', 8_990);
    till.db
      .prepare(
        `INSERT INTO rfm_boundaries (metric, b1, b2, b3, b4, source, computed_at) VALUES
           ('recency', 10, 30, 90, 180, 'hq', '2026-01-01'), ('frequency', 1, 2, 4, 8, 'hq', '2026-01-01'),
           ('monetary', 10000, 50000, 100000, 500000, 'hq', '2026-01-01')`,
      )
      .run();
    const profile = await till.must('customers.profile', { customerId: anna });
    expect(profile.history.map((p) => [p.channel, p.documentNo, p.totalMinor])).toEqual([
      ['store', paid.receipt.receiptNo, 8_990 + 4_550],
      ['online', 'W-1', 64_900 + 8_990],
    ]);
    expect(profile.history[1]?.lines.map((line) => line.inAssortment)).toEqual([true, true]);
    expect(profile.stats).toMatchObject({
      visits: 2,
      revenueMinor: 8_990 + 4_550 + 64_900 + 8_990,
      averageCheckMinor: Math.round((8_990 + 4_550 + 64_900 + 8_990) / 2),
      onlineShare: 0.5,
    });
    expect(profile.rfm).toEqual({ r: 5, f: 2, m: 3, segment: 'potential-loyalist' });
    expect(profile.recommendations.length).toBeGreaterThan(0);
    for (const suggestion of profile.recommendations) expect(suggestion.reasons.length).toBeGreaterThan(0);
  });

  it('keeps a saved bag, notes and tags, each with its outbox row', async () => {
    const { anna } = await storeWithCustomers();
    expect(await till.call('customers.saveBag', {})).toMatchObject({ error: { code: 'NO_CUSTOMER' } });
    await till.must('cart.attachCustomer', { customerId: anna });
    await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
    const saved = await till.must('customers.saveBag', {});
    expect(saved.bag).toEqual([
      expect.objectContaining({ productId: 3, quantityMilli: 1000, priceMinor: 64_900 }),
    ]);
    const noted = await till.must('customers.addNote', { customerId: anna, text: 'Prefers oat milk' });
    expect(noted.notes[0]).toMatchObject({ text: 'Prefers oat milk', authorName: cashier.name });
    expect((await till.must('customers.setTag', { customerId: anna, tag: ' VIP ', on: true })).tags).toEqual([
      'vip',
    ]);
    const removed = await till.must('customers.removeBagItem', { customerId: anna, productId: 3 });
    expect(removed.bag).toEqual([]);
    expect(outboxKinds().slice(2)).toEqual(['customer.bag', 'customer.note', 'customer.tag', 'customer.bag']);
  });
});

describe('coupons', () => {
  it('applies a personal coupon only with its customer, and a sale redeems it once', async () => {
    const { anna } = await storeWithCustomers();
    coupon('BDAY-ANNA', anna);
    await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
    expect(await till.call('cart.applyCoupon', { code: 'bday-anna' })).toMatchObject({
      error: { code: 'COUPON_NOT_FOR_CUSTOMER' },
    });
    await till.must('cart.attachCustomer', { customerId: anna });
    expect((await till.must('customers.profile', { customerId: anna })).coupons.map((c) => c.code)).toEqual([
      'BDAY-ANNA',
    ]);
    const cart = await till.must('cart.applyCoupon', { code: 'bday-anna' });
    expect(cart).toMatchObject({ subtotalMinor: 64_900, discountMinor: 6_490, totalMinor: 58_410 });
    const paid = await till.must('payment.cash', { cartId: cart.id, receivedMinor: 60_000 });
    if (paid.status !== 'completed') throw new Error('not completed');
    expect(paid.receipt).toMatchObject({
      couponCode: 'BDAY-ANNA',
      discountMinor: 6_490,
      totalMinor: 58_410,
      lines: [expect.objectContaining({ totalMinor: 58_410, discountMinor: 6_490 })],
    });
    expect(paid.receipt.tenders[0]).toMatchObject({ changeMinor: 1_590 });
    expect(
      till.db.prepare("SELECT redeemed_sale_id FROM coupons WHERE code = 'BDAY-ANNA'").pluck().get(),
    ).toBe(paid.receipt.id);
    const payload = JSON.parse(
      till.db.prepare("SELECT payload FROM outbox WHERE kind = 'sale.completed'").pluck().get() as string,
    ) as { customerId: number };
    expect(payload.customerId).toBe(anna);
    expect((await till.must('customers.profile', { customerId: anna })).coupons).toEqual([]);
    await till.must('cart.attachCustomer', { customerId: anna });
    expect(await till.call('cart.applyCoupon', { code: 'BDAY-ANNA' })).toMatchObject({
      error: { code: 'COUPON_USED' },
    });
  });

  it('offers no personal coupon to a customer without marketing consent', async () => {
    const { boris } = await storeWithCustomers();
    coupon('BORIS-1', boris);
    coupon('EVERYONE', null);
    expect((await till.must('customers.profile', { customerId: boris })).coupons.map((c) => c.code)).toEqual([
      'EVERYONE',
    ]);
  });

  it('refuses an unknown or expired code, and payment below the minimum spend', async () => {
    await storeWithCustomers();
    coupon('OLD', null, { until: '2001-01-01T00:00:00.000Z' });
    coupon('BIG', null, { minSpend: 100_000 });
    await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    expect(await till.call('cart.applyCoupon', { code: 'NOPE' })).toMatchObject({
      error: { code: 'COUPON_NOT_FOUND' },
    });
    expect(await till.call('cart.applyCoupon', { code: 'OLD' })).toMatchObject({
      error: { code: 'COUPON_NOT_VALID', params: { reason: 'expired' } },
    });
    const cart = await till.must('cart.applyCoupon', { code: 'BIG' });
    expect(cart.coupon).toMatchObject({ problem: 'min-spend', discountMinor: 0 });
    expect(await till.call('payment.cash', { cartId: cart.id, receivedMinor: 10_000 })).toMatchObject({
      error: { code: 'COUPON_MIN_SPEND' },
    });
    await till.must('cart.removeCoupon', {});
    expect(await till.must('payment.cash', { cartId: cart.id, receivedMinor: 10_000 })).toMatchObject({
      status: 'completed',
    });
  });
});
