// HQ's exactly-once rule under any delivery a network can make of a till's outbox (FIELD.md,
// Replicache's lastMutationID): a fast-check property over random mutation logs (sales, returns,
// enrolments, notes, tags) delivered as random ranges of seqs — repeated, out of order, overlapping,
// some skipping ahead of what HQ has, some sent at the same moment. Whatever arrives:
//  - a request that starts past HQ's next seq is refused 409 SEQ_GAP and changes nothing;
//  - any other is answered 200, each mutation acknowledged, `replayed` exactly when HQ had it before;
//  - each mutation takes effect once (one non-replayed ack in all answers), always as a prefix
//    1..last_seq with no hole, and a replay answers the stored result;
//  - once the till pushes the rest, HQ's sales and returns equal the log's to the minor unit, with
//    nothing flagged.
// PROOF_SEED=<n> replays a failing run (printed on failure).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { PushConflict, PushResponse } from '../../contract/sync';
import type { MutationResult, PushMutation } from '../../contract/sync';
import { startTestHq } from '../test-hq';
import type { TestHq } from '../test-hq';
import { bread, enrolled, milk, mutation, refundOf, sale } from '../test-payloads';
import type { SaleOptions } from '../test-payloads';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const SEED = Number(process.env.PROOF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.PROOF_RUNS ?? 60);

let hq: TestHq;
let terminalNo = 0;
let customerNo = 0;
beforeAll(async () => {
  hq = await startTestHq();
  await hq.createStore('0001');
  await hq.pool.query(`
    INSERT INTO products (id, sku, names, unit, tax_rate_bp) VALUES
      (1, 'milk', '{"ru": "Молоко 3,2 % 1 л"}', 'piece', 1000),
      (2, 'bread', '{"ru": "Хлеб бородинский"}', 'piece', 1000);
    INSERT INTO product_barcodes (code, product_id) VALUES ('${milk.barcode}', 1), ('${bread.barcode}', 2);
    INSERT INTO prices (product_id, store_id, price_minor, valid_from) VALUES
      (1, NULL, ${milk.priceMinor}, '2020-01-01'), (2, NULL, ${bread.priceMinor}, '2020-01-01');
  `);
});
afterAll(() => hq?.close());

type Kind = 'sale' | 'return' | 'enrol' | 'note' | 'tag';
const kind = fc.constantFrom<Kind>('sale', 'sale', 'sale', 'return', 'enrol', 'note', 'tag');
const delivery = fc.record({
  start: fc.nat(),
  length: fc.integer({ min: 1, max: 8 }),
  together: fc.boolean(),
});

/** A till's outbox: real payloads in an order a till could write them (a return after its sale…). */
function outboxLog(kinds: Kind[], quantities: number[], terminalCode: string) {
  const log: PushMutation[] = [];
  const sales: ReturnType<typeof sale>[] = [];
  const customers: number[] = [];
  let salesMinor = 0;
  let returnsMinor = 0;
  kinds.forEach((wanted, index) => {
    const seq = index + 1;
    const quantity = quantities[index % quantities.length] ?? 1;
    // Nothing to return yet, or no customer to write about: the till sells instead.
    const impossible =
      wanted === 'return'
        ? sales.length === 0
        : (wanted === 'note' || wanted === 'tag') && customers.length === 0;
    const k = impossible ? 'sale' : wanted;
    switch (k) {
      case 'sale': {
        const options: SaleOptions = {
          terminalCode,
          items: [
            { item: milk, quantity },
            { item: bread, quantity: 1 + (index % 2) },
          ],
          customerId:
            customers.length > 0 && index % 2 === 0 ? (customers[index % customers.length] ?? null) : null,
        };
        const sold = sale(options);
        sales.push(sold);
        salesMinor += sold.receipt.totalMinor;
        log.push(mutation(seq, 'sale.completed', sold));
        break;
      }
      case 'return': {
        const sold = sales[index % sales.length];
        if (!sold) throw new Error('no sale to return');
        const refund = refundOf(sold, 1);
        returnsMinor += refund.receipt.totalMinor;
        // One return per sale line in this log: more would be flagged as exceeding what was sold.
        sales.splice(sales.indexOf(sold), 1);
        log.push(mutation(seq, 'return.completed', refund));
        break;
      }
      case 'enrol': {
        customerNo += 1;
        const tillId = 1000 + customers.length;
        customers.push(tillId);
        log.push(
          mutation(
            seq,
            'customer.enrolled',
            enrolled(tillId, {
              terminalCode,
              phoneE164: `+7916${String(customerNo).padStart(7, '0')}`,
              email: `buyer${customerNo}@example.ru`,
            }),
          ),
        );
        break;
      }
      case 'note':
        log.push(
          mutation(seq, 'customer.note', {
            customerId: customers[index % customers.length],
            text: 'Просила отложить размер 38',
            authorId: 1,
            storeCode: '0001',
            at: new Date().toISOString(),
          }),
        );
        break;
      case 'tag':
        log.push(
          mutation(seq, 'customer.tag', {
            customerId: customers[index % customers.length],
            tag: 'vip',
            on: index % 3 !== 0,
            at: new Date().toISOString(),
          }),
        );
        break;
    }
  });
  return { log, salesMinor, returnsMinor, sales: log.filter((m) => m.kind === 'sale.completed').length };
}

async function terminal() {
  terminalNo += 1;
  // Codes 01–99 of the store, over and over: enrolling a code again revokes its previous terminal.
  const terminalCode = String((terminalNo % 99) + 1).padStart(2, '0');
  const enrolment = await hq.enrol('0001', terminalCode);
  const push = async (mutations: PushMutation[]) => {
    const response = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolment.credential}` },
      body: JSON.stringify({ terminalId: enrolment.terminalId, hqEpoch: enrolment.hqEpoch, mutations }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const lastSeq = async () =>
    (
      await hq.pool.query<{ seq: number }>('SELECT last_seq AS seq FROM terminals WHERE id = $1', [
        enrolment.terminalId,
      ])
    ).rows[0]?.seq ?? -1;
  return { ...enrolment, terminalCode, push, lastSeq };
}

it('applies each mutation exactly once, as a prefix, whatever order, overlap, gap or concurrency its pushes arrive in', async () => {
  const property = fc.asyncProperty(
    fc.array(kind, { minLength: 1, maxLength: 24 }),
    fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
    fc.array(delivery, { minLength: 1, maxLength: 14 }),
    async (kinds, quantities, deliveries) => {
      const t = await terminal();
      const { log, salesMinor, returnsMinor, sales } = outboxLog(kinds, quantities, t.terminalCode);
      const ranges = deliveries.map(({ start, length, together }) => {
        const from = (start % log.length) + 1;
        return { from, to: Math.min(log.length, from + length - 1), together };
      });
      // Consecutive deliveries marked `together` go at the same moment.
      const groups: (typeof ranges)[] = [];
      for (const range of ranges) {
        const group = groups.at(-1);
        if (range.together && group) group.push(range);
        else groups.push([range]);
      }

      const freshAcks = new Map<string, number>();
      const results = new Map<string, MutationResult>();
      for (const group of groups) {
        const before = await t.lastSeq();
        const answers = await Promise.all(group.map(({ from, to }) => t.push(log.slice(from - 1, to))));
        for (const [index, { status, body }] of answers.entries()) {
          const { from, to } = group[index] ?? { from: 0, to: 0 };
          if (status === 409) {
            const conflict = PushConflict.parse(body);
            expect(conflict.error).toBe('SEQ_GAP');
            expect(conflict.expectedSeq).toBeLessThan(from);
            continue;
          }
          expect(status).toBe(200);
          const answer = PushResponse.parse(body);
          expect(answer.acks.map((ack) => [ack.id, ack.seq])).toEqual(
            log.slice(from - 1, to).map((m) => [m.id, m.seq]),
          );
          expect(answer.lastSeq).toBeGreaterThanOrEqual(to);
          for (const ack of answer.acks) {
            if (!ack.replayed) freshAcks.set(ack.id, (freshAcks.get(ack.id) ?? 0) + 1);
            const known = results.get(ack.id);
            if (known) expect(ack.result).toEqual(known);
            else results.set(ack.id, ack.result);
          }
          if (group.length === 1) {
            // Alone on the wire, the answer is exactly what the rule says.
            expect(from).toBeLessThanOrEqual(before + 1);
            expect(answer.acks.map((ack) => ack.replayed)).toEqual(
              answer.acks.map((ack) => ack.seq <= before),
            );
          }
        }
        if (group.length === 1 && group[0] && group[0].from > before + 1) {
          expect(answers[0]?.status).toBe(409);
        }
        // Applied is always a prefix of the log, with no hole.
        const { rows } = await hq.pool.query<{ seq: number; id: string }>(
          'SELECT seq, id FROM applied_mutations WHERE terminal_id = $1 ORDER BY seq',
          [t.terminalId],
        );
        const last = await t.lastSeq();
        expect(rows.map((row) => [row.seq, row.id])).toEqual(log.slice(0, last).map((m) => [m.seq, m.id]));
      }
      // One non-replayed ack per applied mutation, in all answers together.
      expect([...freshAcks.values()].every((n) => n === 1)).toBe(true);
      expect(freshAcks.size).toBe(await t.lastSeq());

      // The till pushes what HQ does not have yet; then HQ's figures are the log's.
      const last = await t.lastSeq();
      if (last < log.length) expect((await t.push(log.slice(last))).status).toBe(200);
      const { rows } = await hq.pool.query<{
        sales: number;
        salesMinor: number;
        returnsMinor: number;
        flags: number;
        mutations: number;
      }>(
        `SELECT
           (SELECT count(*)::int FROM sales WHERE terminal_id = $1) AS sales,
           (SELECT coalesce(sum(total_minor), 0)::bigint FROM sales WHERE terminal_id = $1) AS "salesMinor",
           (SELECT coalesce(sum(total_minor), 0)::bigint FROM returns WHERE terminal_id = $1) AS "returnsMinor",
           (SELECT count(*)::int FROM review_flags WHERE terminal_id = $1) AS flags,
           (SELECT count(*)::int FROM applied_mutations WHERE terminal_id = $1) AS mutations`,
        [t.terminalId],
      );
      expect(rows[0]).toEqual({ sales, salesMinor, returnsMinor, flags: 0, mutations: log.length });
    },
  );
  try {
    await fc.assert(property, { numRuns: RUNS, seed: SEED });
  } catch (error) {
    console.error(`push-order proof failed: replay with PROOF_SEED=${SEED}`);
    throw error;
  }
});
