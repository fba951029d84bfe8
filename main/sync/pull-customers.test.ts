import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseFile } from '../config/paths';
import { ean13, fixture } from '../services/test-till';
import { startPullWorld, waitFor } from './test-pull';
import type { PullWorld, PullingTill } from './test-pull';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let world: PullWorld;
const boris = { id: 601, card: ean13('270000000601') };
const borisTwin = { id: 602, card: ean13('270000000602') };
const evlampia = {
  id: 701,
  name: 'Евлампия Квакушкина',
  phone: '+79995550123',
  email: 'kvakushkina@example.ru',
  card: ean13('270000000701'),
};

beforeAll(async () => {
  world = await startPullWorld();
  const { pool } = world.hq;
  await pool.query(
    `INSERT INTO customers (id, name, phone_e164, email, attributes, source, created_at) VALUES
       (${boris.id}, 'Борис Аксёнов', '+79161230601', NULL, '{}', 'till', '2023-01-01'),
       (${borisTwin.id}, 'Борис Аксенов', NULL, 'aksenov@example.ru', '{}', 'online', '2023-06-01'),
       (${evlampia.id}, $1, $2, $3, '{"shoe_size": "39"}', 'till', '2023-01-01')`,
    [evlampia.name, evlampia.phone, evlampia.email],
  );
  await pool.query(`
    INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES
      ('${boris.card}', ${boris.id}, '2023-01-01'), ('${borisTwin.card}', ${borisTwin.id}, '2023-06-01'),
      ('${evlampia.card}', ${evlampia.id}, '2023-01-01');
    INSERT INTO consents (customer_id, purpose, channel, granted, recorded_at) VALUES
      (${evlampia.id}, 'processing', NULL, true, '2023-01-01'), (${evlampia.id}, 'marketing', 'sms', true, '2023-01-01')`);
}, 60_000);
afterAll(() => world?.close());

async function sellTo(t: PullingTill, customerId: number) {
  await t.till.must('cart.scan', { code: fixture.milk.barcode, source: 'wedge' });
  const cart = await t.till.must('cart.attachCustomer', { customerId });
  const outcome = await t.till.must('payment.cash', { cartId: cart.id, receivedMinor: cart.totalMinor });
  expect(outcome.status).toBe('completed');
}

const unpushed = (t: PullingTill) => t.count('outbox', 'pushed_at IS NULL');

describe('customers HQ merged or erased', () => {
  it('follows a merge to the survivor while the sales of the merged profile keep its id', async () => {
    const t = await world.till({ streams: ['customers'] });
    await t.puller.pullNow();
    await sellTo(t, boris.id);
    await sellTo(t, boris.id);
    await waitFor('the sales reached HQ', () => unpushed(t) === 0);

    const merged = await world.admin('/customers/merge', { from: boris.id, into: borisTwin.id });
    expect(merged.status).toBe(200);
    expect((await t.puller.pullNow()).failed).toEqual([]);

    // Asked for by the old id, by its card, by its phone: the survivor, with the merged profile's visits.
    const profile = await t.till.must('customers.profile', { customerId: boris.id });
    expect(profile).toMatchObject({ id: borisTwin.id, mergedFrom: boris.id });
    expect(profile.stats.visits).toBe(2);
    // Masked for a cashier: the last four digits.
    expect(profile.cards.map((masked) => masked.slice(-4)).sort()).toEqual(
      [boris.card, borisTwin.card].map((number) => number.slice(-4)).sort(),
    );
    const byCard = await t.till.must('customers.identify', { query: boris.card });
    expect(byCard).toMatchObject({ kind: 'one', profile: { id: borisTwin.id } });
    const byPhone = await t.till.must('customers.identify', { query: '+7 916 123-06-01' });
    expect(byPhone).toMatchObject({ kind: 'one', profile: { id: borisTwin.id } });
    expect(t.count('sales', 'customer_id = ?', boris.id)).toBe(2);
    expect(t.count('sales', 'customer_id = ?', borisTwin.id)).toBe(0);
  });

  it('joins a profile this till enrolled to the one HQ made of it, with what the till noted', async () => {
    const t = await world.till({ streams: ['customers'] });
    const card = ean13('270000000999');
    const enrolment = await t.till.must('customers.enrol', {
      name: 'Нина Соколова',
      phone: '+7 916 123-99-99',
      cardNo: card,
      consent: { processing: true, marketing: { sms: true } },
    });
    const localId = enrolment.profile.id;
    await t.till.must('customers.addNote', { customerId: localId, text: 'Ищет кроссовки 38 размера' });
    await waitFor('HQ has the enrolment', () => unpushed(t) === 0);
    const { rows } = await world.hq.pool.query<{ id: number }>(
      'SELECT customer_id AS id FROM terminal_customers WHERE terminal_id = $1 AND till_customer_id = $2',
      [t.terminalId, localId],
    );
    const hqId = rows[0]?.id ?? 0;
    expect(hqId).toBeGreaterThan(0);

    expect((await t.puller.pullNow()).failed).toEqual([]);
    const profile = await t.till.must('customers.profile', { customerId: localId });
    if (hqId !== localId) expect(profile).toMatchObject({ id: hqId, mergedFrom: localId });
    expect(profile.notes.map((note) => note.text)).toEqual(['Ищет кроссовки 38 размера']);
    const byPhone = await t.till.must('customers.identify', { query: '89161239999' });
    expect(byPhone).toMatchObject({ kind: 'one', profile: { id: hqId } });
    const byCard = await t.till.must('customers.identify', { query: card });
    expect(byCard).toMatchObject({ kind: 'one', profile: { id: hqId } });
  });

  it('erases a customer: nothing personal is left in the till database file', async () => {
    const t = await world.till({ streams: ['customers'] });
    await t.puller.pullNow();
    await sellTo(t, evlampia.id);
    await t.till.must('customers.addNote', { customerId: evlampia.id, text: 'Квакушкина любит джаз' });
    await waitFor('HQ has the sale and the note', () => unpushed(t) === 0);
    // The profile is updated once more, so an older copy of its row is left behind in the file.
    await world.hq.pool.query(`UPDATE customers SET tier = 'silver' WHERE id = $1`, [evlampia.id]);
    await t.puller.pullNow();

    const file = databaseFile(t.till.dataDir);
    const bytes = () => {
      t.till.db.pragma('wal_checkpoint(TRUNCATE)');
      return Buffer.concat([
        readFileSync(file),
        existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
      ]);
    };
    // Every spelling the till writes: the name, the folded and romanised index terms (stored after the
    // prefix they share with the term before them, so without their first letters), phone, e-mail,
    // card, note.
    const personal = [
      'Квакушкина',
      'Евлампия',
      'акушкин',
      'akushkin',
      'влампи',
      'vlampi',
      '9995550123',
      'kvakushkina@',
      evlampia.card,
      'любит джаз',
    ];
    const before = bytes();
    for (const needle of personal) expect(before.includes(Buffer.from(needle)), needle).toBe(true);

    expect((await world.admin(`/customers/${evlampia.id}/erase`, {})).status).toBe(200);
    expect((await t.puller.pullNow()).failed).toEqual([]);

    const after = bytes();
    for (const needle of personal) expect(after.includes(Buffer.from(needle)), needle).toBe(false);
    expect((await t.till.call('customers.profile', { customerId: evlampia.id })).ok).toBe(false);
    expect(await t.till.must('customers.identify', { query: evlampia.phone })).toMatchObject({
      kind: 'none',
    });
    // The sale stays in the books under the bare id.
    expect(t.count('sales', 'customer_id = ?', evlampia.id)).toBe(1);

    // A profile HQ sends late for the erased id does not bring the person back.
    await world.hq.pool.query(
      `UPDATE customers SET erased_at = NULL, name = 'Евлампия Квакушкина' WHERE id = $1`,
      [evlampia.id],
    );
    await t.puller.pullNow();
    expect(t.count('customers', "id = ? AND name = ''", evlampia.id)).toBe(1);
  });
});
