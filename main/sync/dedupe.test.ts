// HQ merges duplicate customers while tills hold sales of them, some not yet pushed (issue 5, proof:
// "a merge arrives while a till holds sales of the merged customer"). The documented end state on
// every till: the duplicate's ids — HQ's and a till's own — lead to the survivor, whose profile panel
// shows every purchase of the person; at HQ a sale pushed after the merge is booked to the survivor,
// one pushed before keeps the duplicate's id, which leads to the survivor.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../services/test-till';
import { startPullWorld, waitFor } from './test-pull';
import type { PullWorld, PullingTill } from './test-pull';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let world: PullWorld;
const olga = { name: 'Ольга Смирнова', phoneE164: '+79001234567', typed: '+7 900 123-45-67' };

beforeAll(async () => {
  world = await startPullWorld();
  // HQ's catalogue has the tills' products, so the history it serves names them.
  await world.hq.pool.query(`
    INSERT INTO products (id, sku, names, unit, tax_rate_bp) VALUES
      (1, 'milk', '{"ru": "${fixture.milk.name}"}', 'piece', 1000),
      (2, 'bread', '{"ru": "${fixture.bread.name}"}', 'piece', 1000);
    INSERT INTO product_barcodes (code, product_id) VALUES
      ('${fixture.milk.barcode}', 1), ('${fixture.bread.barcode}', 2);`);
}, 60_000);
afterAll(() => world?.close());

/** Rings up a bottle of milk for the customer; answers the sale's id and receipt number. */
async function sellTo(t: PullingTill, customerId: number) {
  await t.till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
  const cart = await t.till.must('cart.attachCustomer', { customerId });
  const outcome = await t.till.must('payment.cash', { cartId: cart.id, receivedMinor: cart.totalMinor });
  if (outcome.status !== 'completed') throw new Error('the sale did not complete');
  return { saleId: outcome.receipt.id, receiptNo: outcome.receipt.receiptNo };
}

const unpushed = (t: PullingTill) => t.count('outbox', 'pushed_at IS NULL');

async function pushed(t: PullingTill) {
  t.till.services.sync.retryNow();
  await waitFor('the till pushed its outbox', () => unpushed(t) === 0, 10_000);
}

describe('a merge arrives while tills hold sales of the duplicate', () => {
  it('ends on both tills in one profile with both histories, and HQ books the late sales to the survivor', async () => {
    const a = await world.till({ streams: ['customers', 'history'] });
    const b = await world.till({ streams: ['customers', 'history'] });
    expect((await a.puller.pullNow()).failed).toEqual([]);
    expect((await b.puller.pullNow()).failed).toEqual([]);

    // The network is down; meanwhile the web shop sends HQ two orders of Olga's.
    world.proxy.down();
    const imported = await world.admin('/online-orders', {
      orders: ['WEB-9001', 'WEB-9002'].map((orderNo, n) => ({
        orderNo,
        shopCode: 'web',
        customer: { phoneE164: olga.phoneE164, email: 'olga.smirnova@example.ru', name: olga.name },
        orderedAt: `2024-0${n + 4}-01T10:00:00.000Z`,
        currency: 'RUB',
        lines: [{ sku: 'bread', quantityMilli: 1000, totalMinor: fixture.bread.priceMinor }],
      })),
    });
    expect(imported.status).toBe(200);
    const online =
      ((await imported.json()) as { orders: { customerId: number }[] }).orders[0]?.customerId ?? 0;

    // Till A, offline, enrols Olga as she dictates her number, and sells to her.
    const enrolment = await a.till.must('customers.enrol', {
      name: olga.name,
      phone: olga.typed,
      consent: { processing: true, marketing: { sms: true } },
    });
    expect(enrolment.kind).toBe('created');
    const localId = enrolment.profile.id;
    const first = await sellTo(a, localId);

    // Back online: HQ gets a second profile of Olga (flagged as a possible duplicate) and the sale.
    world.proxy.up();
    await pushed(a);
    const { rows } = await world.hq.pool.query<{ id: number }>(
      'SELECT customer_id AS id FROM terminal_customers WHERE terminal_id = $1 AND till_customer_id = $2',
      [a.terminalId, localId],
    );
    const duplicate = rows[0]?.id ?? 0;
    expect(duplicate).toBeGreaterThan(0);
    expect(duplicate).not.toBe(online);
    expect(await world.hq.count('review_flags', "code = 'customer.possible_duplicate'")).toBe(1);
    expect((await b.puller.pullNow()).failed).toEqual([]);

    // Offline again, each till sells to Olga once more: A by its own id, B by HQ's id of the duplicate.
    world.proxy.down();
    const second = await sellTo(a, localId);
    const third = await sellTo(b, duplicate);

    // HQ merges the two: the web profile has more purchases, so it survives.
    const deduped = await world.admin('/customers/dedupe', {});
    expect(deduped.status).toBe(200);
    expect(await deduped.json()).toMatchObject({
      groups: [{ survivorId: online, mergedIds: [duplicate] }],
      merged: { [duplicate]: online },
    });

    world.proxy.up();
    await pushed(a);
    await pushed(b);
    const bookedTo = async (saleId: string) =>
      (
        await world.hq.pool.query<{ customerId: number }>(
          'SELECT customer_id AS "customerId" FROM sales WHERE id = $1',
          [saleId],
        )
      ).rows[0]?.customerId;
    expect(await bookedTo(first.saleId)).toBe(duplicate);
    expect(await bookedTo(second.saleId)).toBe(online);
    expect(await bookedTo(third.saleId)).toBe(online);
    // The person's revenue at HQ: the survivor's and what was booked to the tombstone leading to it.
    const revenue = await world.hq.pool.query<{ minor: number }>(
      `SELECT (SELECT sum(total_minor) FROM sales WHERE customer_id IN (SELECT id FROM customers
                WHERE id = $1 OR merged_into = $1))
            + (SELECT sum(total_minor) FROM online_orders WHERE customer_id = $1) AS minor`,
      [online],
    );
    const expectedRevenue = 2 * fixture.bread.priceMinor + 3 * fixture.milk.priceMinor;
    expect(Number(revenue.rows[0]?.minor)).toBe(expectedRevenue);

    expect((await a.puller.pullNow()).failed).toEqual([]);
    expect((await b.puller.pullNow()).failed).toEqual([]);
    const receipts = ['WEB-9001', 'WEB-9002', first.receiptNo, second.receiptNo, third.receiptNo].sort();
    for (const [t, asked] of [
      [a, localId],
      [b, duplicate],
    ] as const) {
      const profile = await t.till.must('customers.profile', { customerId: asked });
      expect(profile).toMatchObject({ id: online, mergedFrom: asked, name: olga.name });
      expect(profile.stats).toMatchObject({ visits: 5, revenueMinor: expectedRevenue });
      expect(profile.history.map((purchase) => purchase.documentNo).sort()).toEqual(receipts);
      // One Olga, however she is looked up.
      expect(await t.till.must('customers.identify', { query: olga.typed })).toMatchObject({
        kind: 'one',
        profile: { id: online },
      });
    }
  });
});
