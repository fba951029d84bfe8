import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Receipt } from '../../contract/ipc';
import { ReturnCompleted } from '../../contract/sync';
import { cashier, fixture, openTestTill } from './test-till';
import type { TestTill } from './test-till';

let till: TestTill;
afterEach(() => till?.close());

/** A completed sale: 2 milk, 1 coffee, paid as given. */
async function saleOf(pay: 'cash' | 'card'): Promise<Receipt> {
  till = openTestTill();
  await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
  await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
  await till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
  const cart = await till.must('cart.scan', { code: fixture.coffee.barcode, source: 'wedge' });
  const outcome =
    pay === 'cash'
      ? await till.must('payment.cash', { cartId: cart.id, receivedMinor: 100_000 })
      : await till.must('payment.card', { cartId: cart.id, amountMinor: cart.totalMinor });
  if (outcome.status !== 'completed') throw new Error('sale not completed');
  return outcome.receipt;
}

const returnLines = (
  lines: { saleLineId: string; quantityMilli: number }[],
  saleId: string,
  returnId = randomUUID(),
) => till.call('returns.complete', { returnId, saleId, lines });

describe('returns', () => {
  it('returns one line of a cash sale in cash and records it for HQ', async () => {
    const sale = await saleOf('cash');
    const found = await till.must('returns.lookup', { receiptNo: sale.receiptNo });
    const milk = found.lines[0];
    if (!milk) throw new Error('no milk line');
    expect(milk).toMatchObject({ quantityMilli: 2000, returnedMilli: 0 });

    const refund = await till.must('returns.complete', {
      returnId: randomUUID(),
      saleId: found.saleId,
      lines: [{ saleLineId: milk.saleLineId, quantityMilli: 1000 }],
    });
    expect(refund).toMatchObject({
      kind: 'return',
      receiptNo: '0001-01-R000001',
      originalReceiptNo: sale.receiptNo,
      totalMinor: fixture.milk.priceMinor,
    });
    expect(refund.tenders.map((t) => [t.kind, t.amountMinor])).toEqual([['cash', fixture.milk.priceMinor]]);

    const again = await till.must('returns.lookup', { receiptNo: sale.receiptNo });
    expect(again.lines[0]?.returnedMilli).toBe(1000);
    const outbox = till.db
      .prepare("SELECT payload FROM outbox WHERE kind = 'return.completed'")
      .pluck()
      .all();
    expect(outbox).toHaveLength(1);
    expect(ReturnCompleted.parse(JSON.parse(String(outbox[0]))).lines).toEqual([
      { saleLineId: milk.saleLineId, quantityMilli: 1000, refundMinor: fixture.milk.priceMinor },
    ]);
  });

  it('refuses a second return of the same line', async () => {
    const sale = await saleOf('cash');
    const coffee = (await till.must('returns.lookup', { receiptNo: sale.receiptNo })).lines[1];
    const request = [{ saleLineId: coffee?.saleLineId ?? '', quantityMilli: 1000 }];
    expect((await returnLines(request, sale.id)).ok).toBe(true);
    expect(await returnLines(request, sale.id)).toMatchObject({
      ok: false,
      error: { code: 'RETURN_EXCEEDS_SOLD', params: { remainingMilli: 0 } },
    });
    expect(till.db.prepare('SELECT count(*) FROM returns').pluck().get()).toBe(1);
  });

  it('refuses to return more than was sold', async () => {
    const sale = await saleOf('cash');
    const milk = (await till.must('returns.lookup', { receiptNo: sale.receiptNo })).lines[0];
    expect(
      await returnLines([{ saleLineId: milk?.saleLineId ?? '', quantityMilli: 3000 }], sale.id),
    ).toMatchObject({
      ok: false,
      error: { code: 'RETURN_EXCEEDS_SOLD', params: { remainingMilli: 2000 } },
    });
    expect(till.db.prepare('SELECT count(*) FROM return_lines').pluck().get()).toBe(0);
  });

  it('refuses a return from a voided sale', async () => {
    const sale = await saleOf('cash');
    till.db.prepare("UPDATE sales SET status = 'voided' WHERE id = ?").run(sale.id);
    const found = await till.must('returns.lookup', { receiptNo: sale.receiptNo });
    expect(found.status).toBe('voided');
    expect(
      await returnLines([{ saleLineId: found.lines[0]?.saleLineId ?? '', quantityMilli: 1000 }], sale.id),
    ).toMatchObject({ ok: false, error: { code: 'SALE_VOIDED' } });
  });

  it('refunds a card sale to the card through the terminal', async () => {
    const sale = await saleOf('card');
    const coffee = (await till.must('returns.lookup', { receiptNo: sale.receiptNo })).lines[1];
    const refund = await till.must('returns.complete', {
      returnId: randomUUID(),
      saleId: sale.id,
      lines: [{ saleLineId: coffee?.saleLineId ?? '', quantityMilli: 1000 }],
    });
    expect(refund.tenders).toEqual([
      expect.objectContaining({
        kind: 'card',
        amountMinor: fixture.coffee.priceMinor,
        cardMasked: sale.tenders[0]?.cardMasked,
      }),
    ]);
    expect(till.db.prepare('SELECT terminal_ref FROM refunds').pluck().get()).toMatch(/^SIM-/);
  });

  it('refunds once when the same return is submitted twice', async () => {
    const sale = await saleOf('cash');
    const milk = (await till.must('returns.lookup', { receiptNo: sale.receiptNo })).lines[0];
    const returnId = randomUUID();
    const request = [{ saleLineId: milk?.saleLineId ?? '', quantityMilli: 1000 }];
    const [first, second] = await Promise.all([
      returnLines(request, sale.id, returnId),
      returnLines(request, sale.id, returnId),
    ]);
    expect(first.ok).toBe(true);
    expect(second.ok && first.ok && second.value.receiptNo === first.value.receiptNo).toBe(true);
    expect(till.db.prepare('SELECT count(*) FROM returns').pluck().get()).toBe(1);
  });

  it('says so when the receipt number is unknown', async () => {
    await saleOf('cash');
    expect(await till.call('returns.lookup', { receiptNo: '0001-01-999999' })).toMatchObject({
      ok: false,
      error: { code: 'RECEIPT_NOT_FOUND' },
    });
  });
});
