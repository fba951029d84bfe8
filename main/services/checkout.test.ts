import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/db';
import { databaseFile } from '../config/paths';
import { SaleCompleted } from '../../contract/sync';
import { cashier, ean13, fixture, openTestTill } from './test-till';
import type { TestTill } from './test-till';

let till: TestTill;
afterEach(() => till?.close());

async function loggedIn(options?: Parameters<typeof openTestTill>[0]) {
  till = openTestTill(options);
  await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
  return till;
}

const count = (table: string) => till.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
const scan = (code: string) => till.call('cart.scan', { code, source: 'wedge' });
const weighed = (plu: string, grams: number) => ean13(`21${plu}${String(grams).padStart(5, '0')}`);

describe('ringing up a sale', () => {
  it('sells three items for cash, gives change and stores the sale with its outbox row in one go', async () => {
    await loggedIn();
    await scan(fixture.milk.barcode);
    await scan(fixture.bread.barcode);
    await scan(fixture.bread.barcode);
    const cart = await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'manual' });
    expect(cart.lines.map((line) => line.quantityMilli)).toEqual([1000, 2000, 1000]);
    expect(cart.totalMinor).toBe(8990 + 2 * 4550 + 64900);
    expect(cart.taxes).toEqual([
      { rateBp: 2000, grossMinor: 64900, taxMinor: 10817 },
      { rateBp: 1000, grossMinor: 18090, taxMinor: 1645 },
    ]);

    const outcome = await till.must('payment.cash', { cartId: cart.id, receivedMinor: 100_000 });
    expect(outcome.status).toBe('completed');
    if (outcome.status !== 'completed') return;
    expect(outcome.receipt.receiptNo).toBe('0001-01-000001');
    expect(outcome.receipt.changeMinor).toBe(100_000 - 82_990);
    expect(outcome.receipt.cashierName).toBe(cashier.name);
    expect(outcome.cart.lines).toEqual([]);
    expect(outcome.cart.id).not.toBe(cart.id);

    expect(count('sales')).toBe(1);
    expect(count('sale_lines')).toBe(3);
    expect(count('payments')).toBe(1);
    const outbox = till.db.prepare('SELECT seq, kind, payload FROM outbox').all() as {
      seq: number;
      kind: string;
      payload: string;
    }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.kind).toBe('sale.completed');
    const payload = SaleCompleted.parse(JSON.parse(outbox[0]?.payload ?? ''));
    expect(payload.receipt.totalMinor).toBe(82_990);
  });

  it('sells a weighed item from an in-store barcode with the weight it carries', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: weighed(fixture.apples.plu, 1250), source: 'wedge' });
    expect(cart.lines[0]).toMatchObject({ quantityMilli: 1250, unit: 'kg', fromEmbeddedBarcode: true });
    expect(cart.lines[0]?.totalMinor).toBe(16238); // 129.90 × 1.250 = 162.375, half-up
    const edit = await till.call('cart.setQuantity', {
      lineId: cart.lines[0]?.id ?? '',
      quantityMilli: 2000,
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'LINE_NOT_EDITABLE' } });
  });

  it('changes a quantity and removes a line', async () => {
    await loggedIn();
    const first = await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    const lineId = first.lines[0]?.id ?? '';
    const changed = await till.must('cart.setQuantity', { lineId, quantityMilli: 3000 });
    expect(changed.totalMinor).toBe(3 * 8990);
    const removed = await till.must('cart.removeLine', { lineId });
    expect(removed.lines).toEqual([]);
  });
});

describe('bad input leaves the cart as it was', () => {
  it('refuses a barcode with a wrong check digit', async () => {
    await loggedIn();
    await scan(fixture.milk.barcode);
    const wrong = fixture.bread.barcode.slice(0, 12) + String((Number(fixture.bread.barcode[12]) + 1) % 10);
    expect(await scan(wrong)).toMatchObject({ ok: false, error: { code: 'INVALID_BARCODE' } });
    expect((await till.must('cart.get', {})).lines).toHaveLength(1);
  });

  it('refuses an unknown barcode', async () => {
    await loggedIn();
    await scan(fixture.milk.barcode);
    const unknown = ean13('460799999999');
    // The UI's message names the code by `barcode`.
    expect(await scan(unknown)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_BARCODE', params: { barcode: unknown } },
    });
    expect((await till.must('cart.get', {})).lines).toHaveLength(1);
  });

  it.each([
    [0, 'zero'],
    [-1000, 'negative'],
    [1500, 'fractional'],
    [10_000_000, 'too_large'],
  ])('refuses quantity %i (%s)', async (quantityMilli, reason) => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    const result = await till.call('cart.setQuantity', { lineId: cart.lines[0]?.id ?? '', quantityMilli });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_QUANTITY', params: { reason } } });
    expect((await till.must('cart.get', {})).lines[0]?.quantityMilli).toBe(1000);
  });

  it('refuses a total above 10^12 minor units', async () => {
    await loggedIn();
    await scan(fixture.diamond.barcode);
    expect(await scan(fixture.diamond.barcode)).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_TOO_LARGE' },
    });
    expect((await till.must('cart.get', {})).totalMinor).toBe(fixture.diamond.priceMinor);
  });

  it('refuses cash short of the total and stores nothing', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
    const result = await till.call('payment.cash', { cartId: cart.id, receivedMinor: 50_000 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'TENDER_SHORT', params: { dueMinor: 64_900 } },
    });
    expect(count('sales')).toBe(0);
    expect((await till.must('cart.get', {})).tenders).toEqual([]);
  });

  it('makes exactly one sale from a double click on pay', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    const [first, second] = await Promise.all([
      till.call('payment.cash', { cartId: cart.id, receivedMinor: 10_000 }),
      till.call('payment.cash', { cartId: cart.id, receivedMinor: 10_000 }),
    ]);
    expect(count('sales')).toBe(1);
    expect(count('outbox')).toBe(1);
    const numbers = [first, second].map((r) =>
      r.ok && r.value.status === 'completed' ? r.value.receipt.receiptNo : null,
    );
    expect(numbers).toEqual(['0001-01-000001', '0001-01-000001']);
  });

  it('refuses calls of the wrong shape before any service runs', async () => {
    await loggedIn();
    expect(await till.dispatch('cart.scan', { code: 42 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', params: { field: 'code' } },
    });
    expect(
      await till.dispatch('cart.scan', { code: fixture.milk.barcode, source: 'wedge', price: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await till.dispatch('db.exec', { sql: 'DROP TABLE sales' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect((await till.must('cart.get', {})).lines).toEqual([]);
  });

  it('refuses the till to anyone not logged in', async () => {
    till = openTestTill();
    expect(await scan(fixture.milk.barcode)).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });
});

describe('card payments', () => {
  it('takes cash after a declined card, with only the cash stored', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
    await till.must('simulator.setPaymentOutcome', { outcome: 'decline' });
    const declined = await till.call('payment.card', { cartId: cart.id, amountMinor: cart.totalMinor });
    expect(declined).toMatchObject({ ok: false, error: { code: 'CARD_DECLINED' } });
    expect((await till.must('cart.get', {})).tenders).toEqual([]);

    const paid = await till.must('payment.cash', { cartId: cart.id, receivedMinor: 70_000 });
    expect(paid.status).toBe('completed');
    expect(till.db.prepare('SELECT kind FROM payments').pluck().all()).toEqual(['cash']);
  });

  it('fails a card payment the terminal never answers, after the timeout', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    await till.must('simulator.setPaymentOutcome', { outcome: 'timeout' });
    const result = await till.call('payment.card', { cartId: cart.id, amountMinor: cart.totalMinor });
    expect(result).toMatchObject({ ok: false, error: { code: 'CARD_TIMEOUT' } });
    expect(count('sales')).toBe(0);
  });

  it('splits a sale: part by card, the rest in cash', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
    const part = await till.must('payment.card', { cartId: cart.id, amountMinor: 50_000 });
    expect(part).toMatchObject({ status: 'partial', cart: { paidMinor: 50_000, dueMinor: 14_900 } });
    expect(await scan(fixture.milk.barcode)).toMatchObject({ ok: false, error: { code: 'CART_LOCKED' } });
    const rest = await till.must('payment.cash', { cartId: cart.id, receivedMinor: 15_000 });
    if (rest.status !== 'completed') throw new Error('not completed');
    expect(rest.receipt.tenders.map((t) => [t.kind, t.amountMinor])).toEqual([
      ['card', 50_000],
      ['cash', 14_900],
    ]);
    expect(rest.receipt.tenders[0]?.cardMasked).toMatch(/^\*\*\*\* \d{4}$/);
    expect(rest.receipt.changeMinor).toBe(100);
  });

  it('reverses a partial card payment when the customer changes their mind', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
    await till.must('payment.card', { cartId: cart.id, amountMinor: 10_000 });
    const open = await till.must('payment.cancel', { cartId: cart.id });
    expect(open.tenders).toEqual([]);
    expect(
      (await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' })).lines,
    ).toHaveLength(2);
  });
});

describe('a failed commit keeps the cart and stores nothing', () => {
  it('reports a locked database, then completes on retry once the lock is gone', async () => {
    await loggedIn();
    const cart = await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
    const other = openDatabase(databaseFile(till.dataDir));
    other.exec('BEGIN IMMEDIATE');
    const busy = await till.call('payment.cash', { cartId: cart.id, receivedMinor: 10_000 });
    expect(busy).toMatchObject({ ok: false, error: { code: 'STORE_BUSY' } });
    other.exec('ROLLBACK');
    other.close();
    expect(count('sales')).toBe(0);
    expect(count('outbox')).toBe(0);
    expect((await till.must('cart.get', {})).lines).toHaveLength(1);

    const retried = await till.must('sale.complete', { cartId: cart.id });
    expect(retried.status === 'completed' && retried.receipt.receiptNo).toBe('0001-01-000001');
  });

  it('reports a full disk and leaves no partial sale behind', async () => {
    await loggedIn();
    for (let grams = 100; grams < 100 + 60; grams += 1) await scan(weighed(fixture.apples.plu, grams));
    const cart = await till.must('cart.get', {});
    expect(cart.lines).toHaveLength(60);
    // The database may not grow by a single page: the next write that needs space fails as a full disk would.
    const pages = till.db.pragma('page_count', { simple: true }) as number;
    till.db.pragma(`max_page_count = ${pages}`);
    const full = await till.call('payment.cash', { cartId: cart.id, receivedMinor: cart.totalMinor });
    expect(full).toMatchObject({ ok: false, error: { code: 'STORE_FULL' } });
    expect([count('sales'), count('sale_lines'), count('payments'), count('outbox')]).toEqual([0, 0, 0, 0]);
    expect((await till.must('cart.get', {})).lines).toHaveLength(60);

    till.db.pragma('max_page_count = 1073741823');
    const retried = await till.must('sale.complete', { cartId: cart.id });
    expect(retried.status === 'completed' && retried.receipt.receiptNo).toBe('0001-01-000001');
  });
});
