import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PushConflict, PushResponse } from '../contract/sync';
import type { EnrolResponse, PushMutation } from '../contract/sync';
import { startTestHq } from './test-hq';
import type { TestHq } from './test-hq';
import { bread, enrolled, milk, mutation, refundOf, sale } from './test-payloads';

// A real PostgreSQL and scrypt on 2 shared cores: slower than unit tests when the suite runs in parallel.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let hq: TestHq;
let terminalNo = 0;

beforeAll(async () => {
  hq = await startTestHq();
  await hq.createStore('0001', 'Omnitill Тверская');
  await hq.createStore('0002', 'Omnitill Невский');
  await hq.pool.query(`
    INSERT INTO products (id, sku, names, unit, tax_rate_bp) VALUES
      (1, 'milk', '{"ru": "Молоко 3,2 % 1 л"}', 'piece', 1000),
      (2, 'bread', '{"ru": "Хлеб бородинский"}', 'piece', 1000);
    INSERT INTO product_barcodes (code, product_id) VALUES ('${milk.barcode}', 1), ('${bread.barcode}', 2);
    INSERT INTO prices (product_id, store_id, price_minor, valid_from) VALUES
      (1, NULL, ${milk.priceMinor}, '2020-01-01'), (2, NULL, ${bread.priceMinor}, '2020-01-01');
  `);
}, 30_000);
afterAll(() => hq?.close());

/** A till of store 0001 as HQ sees it: its identity, and a push that returns status and body. */
async function till(storeCode = '0001') {
  terminalNo += 1;
  const terminal = await hq.enrol(storeCode, String(terminalNo).padStart(2, '0'));
  const push = async (mutations: PushMutation[], over: { hqEpoch?: string } = {}) => {
    const response = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${terminal.credential}` },
      body: JSON.stringify({
        terminalId: terminal.terminalId,
        hqEpoch: over.hqEpoch ?? terminal.hqEpoch,
        mutations,
      }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { ...terminal, terminalCode: String(terminalNo).padStart(2, '0'), push };
}

const sales = (terminal: EnrolResponse) => hq.count('sales', 'terminal_id = $1', [terminal.terminalId]);
const lastSeq = async (terminal: EnrolResponse) =>
  (
    await hq.pool.query<{ seq: number }>('SELECT last_seq AS seq FROM terminals WHERE id = $1', [
      terminal.terminalId,
    ])
  ).rows[0]?.seq;
const flagsOf = async (mutationId: string) =>
  (
    await hq.pool.query<{ code: string }>(
      'SELECT code FROM review_flags WHERE mutation_id = $1 ORDER BY id',
      [mutationId],
    )
  ).rows.map((row) => row.code);

function saleBatch(first: number, count: number, terminalCode: string) {
  return Array.from({ length: count }, (_, i) =>
    mutation(first + i, 'sale.completed', sale({ terminalCode })),
  );
}

describe('pushing sales', () => {
  it('applies a batch in seq order with lines and payments, and acknowledges every mutation', async () => {
    const t = await till();
    const batch = saleBatch(1, 3, t.terminalCode);
    const { status, body } = await t.push(batch);
    expect(status).toBe(200);
    const answer = PushResponse.parse(body);
    expect(answer.lastSeq).toBe(3);
    expect(answer.acks).toEqual(
      batch.map((m) => ({ id: m.id, seq: m.seq, replayed: false, result: { flags: [] } })),
    );
    expect(await sales(t)).toBe(3);
    const saleIds = batch.map((m) => (m.payload as { saleId: string }).saleId);
    expect(await hq.count('sale_lines', 'sale_id = ANY($1::uuid[])', [saleIds])).toBe(6);
    expect(await hq.count('payments', 'sale_id = ANY($1::uuid[])', [saleIds])).toBe(3);
    expect(
      await hq.count('sale_lines', 'sale_id = ANY($1::uuid[]) AND product_id IS NOT NULL', [saleIds]),
    ).toBe(6);
    const { rows } = await hq.pool.query<{ total: number }>(
      'SELECT sum(total_minor)::bigint AS total FROM sales WHERE terminal_id = $1',
      [t.terminalId],
    );
    expect(rows[0]?.total).toBe(3 * (2 * milk.priceMinor + bread.priceMinor));
    expect(await lastSeq(t)).toBe(3);
  });

  it('answers the same batch sent twice with the stored results and counts each sale once', async () => {
    const t = await till();
    const batch = saleBatch(1, 4, t.terminalCode);
    const first = PushResponse.parse((await t.push(batch)).body);
    const again = await t.push(batch);
    expect(again.status).toBe(200);
    const second = PushResponse.parse(again.body);
    expect(second.lastSeq).toBe(first.lastSeq);
    expect(second.acks.map((ack) => ack.result)).toEqual(first.acks.map((ack) => ack.result));
    expect(second.acks.every((ack) => ack.replayed)).toBe(true);
    expect(await sales(t)).toBe(4);
    expect(await hq.count('applied_mutations', 'terminal_id = $1', [t.terminalId])).toBe(4);
  });

  it('applies only the new part of a batch that overlaps what HQ applied before its ack was lost', async () => {
    const t = await till();
    const batch = saleBatch(1, 4, t.terminalCode);
    await t.push(batch.slice(0, 2));
    const answer = PushResponse.parse((await t.push(batch)).body);
    expect(answer.acks.map((ack) => ack.replayed)).toEqual([true, true, false, false]);
    expect(answer.lastSeq).toBe(4);
    expect(await sales(t)).toBe(4);
  });

  it('rejects a batch after a gap, naming the seq it expects, and changes nothing', async () => {
    const t = await till();
    await t.push(saleBatch(1, 1, t.terminalCode));
    const { status, body } = await t.push(saleBatch(3, 2, t.terminalCode));
    expect(status).toBe(409);
    expect(PushConflict.parse(body)).toMatchObject({ error: 'SEQ_GAP', expectedSeq: 2 });
    expect(await sales(t)).toBe(1);
    expect(await lastSeq(t)).toBe(1);
  });

  it('rejects a push made for another HQ epoch, telling the current one', async () => {
    const t = await till();
    await t.push(saleBatch(1, 2, t.terminalCode));
    const { status, body } = await t.push(saleBatch(3, 1, t.terminalCode), {
      hqEpoch: '3c1f9e58-0000-4000-8000-000000000000',
    });
    expect(status).toBe(409);
    expect(PushConflict.parse(body)).toEqual({
      error: 'EPOCH_MISMATCH',
      message: expect.any(String),
      hqEpoch: await hq.epoch(),
      expectedSeq: 3,
    });
    expect(await sales(t)).toBe(2);
  });

  it('applies a new mutation sent with a seq it already applied (a restored till), and flags it', async () => {
    const t = await till();
    await t.push(saleBatch(1, 2, t.terminalCode));
    const reused = saleBatch(2, 2, t.terminalCode);
    const answer = PushResponse.parse((await t.push(reused)).body);
    expect(answer.acks.map((ack) => ack.result.flags)).toEqual([['terminal.seq_reused'], []]);
    expect(await sales(t)).toBe(4);
    expect(answer.lastSeq).toBe(3);
  });

  it("replays, not fails, a restored till's push that raced its own retry while both waited for the lock", async () => {
    const t = await till();
    await t.push(saleBatch(1, 2, t.terminalCode));
    // A new id at seq 1: applying it leaves last_seq at 2.
    const reused = saleBatch(1, 1, t.terminalCode);
    const holder = await hq.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM terminals WHERE id = $1 FOR UPDATE', [t.terminalId]);
      const answers = Promise.all([t.push(reused), t.push(reused)]);
      // Both read their snapshot before either holds the lock; the second then sees the first commit.
      await vi.waitFor(async () => {
        const { rows } = await hq.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE application_name = 'omnitill-hq' AND cardinality(pg_blocking_pids(pid)) > 0`,
        );
        expect(rows[0]?.n).toBe(2);
      });
      await holder.query('ROLLBACK');
      const [first, second] = await answers;
      expect([first?.status, second?.status]).toEqual([200, 200]);
      const acks = [first, second].map((answer) => PushResponse.parse(answer?.body).acks[0]);
      expect(acks.map((ack) => ack?.replayed).sort()).toEqual([false, true]);
      expect(acks.map((ack) => ack?.result.flags)).toEqual([
        ['terminal.seq_reused'],
        ['terminal.seq_reused'],
      ]);
      expect(await sales(t)).toBe(3);
    } finally {
      holder.release();
    }
  });
});

describe('refusing what must not be applied', () => {
  it('refuses a batch holding a sale of another store, and applies none of it', async () => {
    const t = await till();
    const batch = [
      mutation(1, 'sale.completed', sale({ terminalCode: t.terminalCode })),
      mutation(2, 'sale.completed', sale({ storeCode: '0002' })),
    ];
    const { status, body } = await t.push(batch);
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: 'CROSS_STORE', seq: 2, mutationId: batch[1]?.id });
    expect(await sales(t)).toBe(0);
    expect(await lastSeq(t)).toBe(0);
  });

  it('refuses a customer enrolled "for" another store', async () => {
    const t = await till();
    const { status, body } = await t.push([
      mutation(1, 'customer.enrolled', enrolled(7, { storeCode: '0002' })),
    ]);
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: 'CROSS_STORE' });
  });

  it('refuses a malformed payload, naming the mutation and the field, and applies none of the batch', async () => {
    const t = await till();
    const broken = sale({ terminalCode: t.terminalCode }) as unknown as { receipt: Record<string, unknown> };
    broken.receipt.totalMinor = -5;
    const batch = [
      mutation(1, 'sale.completed', sale({ terminalCode: t.terminalCode })),
      mutation(2, 'sale.completed', broken),
    ];
    const { status, body } = await t.push(batch);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: 'PAYLOAD_INVALID',
      seq: 2,
      mutationId: batch[1]?.id,
      issues: [{ path: 'receipt.totalMinor' }],
    });
    expect(await sales(t)).toBe(0);
    expect(await hq.count('applied_mutations', 'terminal_id = $1', [t.terminalId])).toBe(0);
  });

  it('refuses bodies that are not JSON, envelopes that are wrong, and seqs that are not consecutive', async () => {
    const t = await till();
    const raw = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.credential}` },
      body: '{"terminalId": ',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: 'BAD_REQUEST',
      message: expect.stringMatching(/not valid JSON/),
    });

    const unknownKind = { ...mutation(1, 'sale.completed', sale()), kind: 'sale.voided' };
    expect((await t.push([unknownKind as PushMutation])).body).toMatchObject({
      error: 'BAD_REQUEST',
      issues: [{ path: 'mutations.0.kind' }],
    });
    const skipping = [mutation(1, 'sale.completed', sale()), mutation(3, 'sale.completed', sale())];
    expect((await t.push(skipping)).body).toMatchObject({ error: 'BAD_REQUEST', message: /consecutive/ });
    expect(await sales(t)).toBe(0);
  });

  it('refuses a body over the limit with 413 before reading it, and changes nothing', async () => {
    const t = await till();
    const huge = sale({ terminalCode: t.terminalCode });
    huge.receipt.cashierName = 'Я'.repeat(2_500_000); // 5 MB of UTF-8
    const { status, body } = await t.push([mutation(1, 'sale.completed', huge)]);
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    expect(await sales(t)).toBe(0);
  });
});

describe('booking what does not add up instead of refusing a sale', () => {
  it('accepts a sale with an unknown product, a price HQ does not have and totals that differ, and flags each', async () => {
    const t = await till();
    const unknown = { productId: 999, barcode: '4600000009999', priceMinor: 1000, name: 'Неизвестный товар' };
    const cheapMilk = { ...milk, priceMinor: 7990 };
    const odd = sale({
      terminalCode: t.terminalCode,
      items: [
        { item: unknown, quantity: 1 },
        { item: cheapMilk, quantity: 1 },
      ],
      totalMinor: 9000,
    });
    const m = mutation(1, 'sale.completed', odd);
    const answer = PushResponse.parse((await t.push([m])).body);
    expect(answer.acks[0]?.result.flags).toEqual([
      'product.unknown',
      'price.differs',
      'sale.totals_mismatch',
    ]);
    expect(await flagsOf(m.id)).toEqual(['product.unknown', 'price.differs', 'sale.totals_mismatch']);
    expect(await sales(t)).toBe(1);
    const { rows } = await hq.pool.query<{ detail: Record<string, number> }>(
      "SELECT detail FROM review_flags WHERE mutation_id = $1 AND code = 'sale.totals_mismatch'",
      [m.id],
    );
    expect(rows[0]?.detail).toMatchObject({ totalMinor: 9000, linesMinor: 1000 + 7990 });
  });

  it('books a personal coupon used at two tills, flagging the second use', async () => {
    const a = await till();
    const b = await till();
    const { rows } = await hq.pool.query<{ id: number }>(
      `INSERT INTO customers (name, source, created_at) VALUES ('Пётр Смирнов', 'online', now()) RETURNING id`,
    );
    const customerId = rows[0]?.id ?? 0;
    await hq.pool.query(
      `INSERT INTO coupons (code, customer_id, valid_from, valid_until) VALUES ('PETR-10', $1, now() - interval '1 day', now() + interval '30 days')`,
      [customerId],
    );
    const use = (terminalCode: string) =>
      mutation(
        1,
        'sale.completed',
        sale({
          terminalCode,
          customerId,
          couponCode: 'petr-10',
          items: [{ item: milk, quantity: 1, discountMinor: 899 }],
        }),
      );
    const first = PushResponse.parse((await a.push([use(a.terminalCode)])).body);
    const second = PushResponse.parse((await b.push([use(b.terminalCode)])).body);
    expect(first.acks[0]?.result.flags).toEqual([]);
    expect(second.acks[0]?.result.flags).toEqual(['coupon.already_redeemed']);
    expect(await hq.count('coupon_redemptions', "code = 'PETR-10'")).toBe(2);
    const unknown = PushResponse.parse(
      (
        await a.push([
          mutation(2, 'sale.completed', sale({ terminalCode: a.terminalCode, couponCode: 'NOPE' })),
        ])
      ).body,
    );
    expect(unknown.acks[0]?.result.flags).toEqual(['coupon.unknown']);
  });
});

describe('customers and returns', () => {
  it("creates the till's new customer with consents, and puts the till's later sale on HQ's profile", async () => {
    const t = await till();
    const tillCustomerId = 501;
    const batch = [
      mutation(
        1,
        'customer.enrolled',
        enrolled(tillCustomerId, { cardNo: '2700000000017', terminalCode: t.terminalCode }),
      ),
      mutation(2, 'sale.completed', sale({ terminalCode: t.terminalCode, customerId: tillCustomerId })),
      mutation(3, 'customer.note', {
        customerId: tillCustomerId,
        text: 'Предпочитает безлактозное',
        authorId: 1,
        storeCode: '0001',
        at: new Date().toISOString(),
      }),
      mutation(4, 'customer.tag', {
        customerId: tillCustomerId,
        tag: 'vip',
        on: true,
        at: new Date().toISOString(),
      }),
    ];
    const answer = PushResponse.parse((await t.push(batch)).body);
    const customerId = answer.acks[0]?.result.customerId ?? 0;
    expect(customerId).toBeGreaterThan(0);
    expect(answer.acks.map((ack) => ack.result.flags)).toEqual([[], [], [], []]);
    expect(await hq.count('consents', 'customer_id = $1', [customerId])).toBe(2);
    expect(await hq.count('customer_cards', 'customer_id = $1', [customerId])).toBe(1);
    expect(await hq.count('sales', 'customer_id = $1', [customerId])).toBe(1);
    expect(await hq.count('customer_notes', 'customer_id = $1', [customerId])).toBe(1);
    expect(await hq.count('customer_tags', 'customer_id = $1 AND on_profile', [customerId])).toBe(1);

    // Another till enrolling the same phone makes a second profile HQ will merge, flagged.
    const other = await till();
    const twin = PushResponse.parse(
      (
        await other.push([
          mutation(1, 'customer.enrolled', enrolled(501, { terminalCode: other.terminalCode })),
        ])
      ).body,
    );
    expect(twin.acks[0]?.result.flags).toEqual(['customer.possible_duplicate']);
    expect(twin.acks[0]?.result.customerId).not.toBe(customerId);
  });

  it('flags changes to a profile HQ does not know and applies nothing for them', async () => {
    const t = await till();
    const bag = { customerId: 987_654, items: [], at: new Date().toISOString() };
    const answer = PushResponse.parse((await t.push([mutation(1, 'customer.bag', bag)])).body);
    expect(answer.acks[0]?.result.flags).toEqual(['customer.unknown']);
  });

  it('books a return against its sale and flags one that returns more than was sold', async () => {
    const t = await till();
    const sold = sale({ terminalCode: t.terminalCode, items: [{ item: milk, quantity: 2 }] });
    const first = refundOf(sold, 1);
    const tooMuch = refundOf(sold, 2);
    const answer = PushResponse.parse(
      (
        await t.push([
          mutation(1, 'sale.completed', sold),
          mutation(2, 'return.completed', first),
          mutation(3, 'return.completed', tooMuch),
        ])
      ).body,
    );
    expect(answer.acks.map((ack) => ack.result.flags)).toEqual([[], [], ['return.exceeds_sold']]);
    expect(await hq.count('returns', 'sale_id = $1', [sold.saleId])).toBe(2);
    expect(
      await hq.count('return_lines r JOIN returns x ON x.id = r.return_id', 'x.sale_id = $1', [sold.saleId]),
    ).toBe(2);

    const orphan = refundOf(sale({ terminalCode: t.terminalCode }), 1);
    const late = PushResponse.parse((await t.push([mutation(4, 'return.completed', orphan)])).body);
    expect(late.acks[0]?.result.flags).toEqual(['return.sale_unknown']);
  });
});
