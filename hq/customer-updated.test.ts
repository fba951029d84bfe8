import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatHlc, MAX_HLC_DRIFT_MS } from '../contract/hlc';
import type { CustomerFieldEdit, CustomerUpdated, PushMutation } from '../contract/sync';
import { eraseCustomer } from './customers/erase';
import { startTestHq } from './test-hq';
import type { TestHq } from './test-hq';
import { mutation } from './test-payloads';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let hq: TestHq;
let terminalNo = 0;

beforeAll(async () => {
  hq = await startTestHq();
  await hq.createStore('0001', 'Omnitill Тверская');
  await hq.pool.query(`
    INSERT INTO customers (id, name, phone_e164, email, attributes, source, created_at) VALUES
      (901, 'Инна Первая', '+79995550901', 'inna@example.ru', '{"shoe_size": "37"}', 'till', '2023-01-01'),
      (902, 'Ирина Вторая', '+79995550902', 'irina@example.ru', '{}', 'online', '2023-01-01'),
      (903, 'Илья Третий', '+79995550903', NULL, '{}', 'till', '2023-01-01'),
      (904, 'Игорь Четвёртый', '+79995550904', NULL, '{}', 'till', '2023-01-01');
    INSERT INTO consents (customer_id, purpose, channel, granted, recorded_at)
      SELECT id, 'marketing', 'sms', true, '2023-01-01' FROM customers WHERE id BETWEEN 901 AND 904;`);
}, 60_000);
afterAll(() => hq?.close());

async function till() {
  terminalNo += 1;
  const terminalCode = String(terminalNo).padStart(2, '0');
  const terminal = await hq.enrol('0001', terminalCode);
  let seq = 0;
  const push = async (mutations: PushMutation[]) => {
    const response = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${terminal.credential}` },
      body: JSON.stringify({ terminalId: terminal.terminalId, hqEpoch: terminal.hqEpoch, mutations }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** One `customer.updated` as the till's next outbox row. */
  const edit = (customerId: number, fields: CustomerFieldEdit[], over: Partial<CustomerUpdated> = {}) => {
    seq += 1;
    const payload: CustomerUpdated = {
      customerId,
      fields,
      storeCode: '0001',
      terminalCode,
      cashierId: 1,
      at: new Date().toISOString(),
      ...over,
    };
    return mutation(seq, 'customer.updated', payload);
  };
  return { ...terminal, push, edit };
}

const stamp = (ms: number, node = 'till-a') => formatHlc({ ms, counter: 0 }, node);
const now = Date.now();
const row = async (id: number) =>
  (
    await hq.pool.query<{
      name: string;
      phone: string | null;
      email: string | null;
      attributes: Record<string, string>;
      clocks: Record<string, string>;
      consents: { channel: string | null; granted: boolean }[];
    }>(
      `SELECT name, phone_e164 AS phone, email, attributes, field_clocks AS clocks, consents_doc AS consents
       FROM customers WHERE id = $1`,
      [id],
    )
  ).rows[0];
const flagsOf = async (mutationId: string) =>
  (
    await hq.pool.query<{ code: string }>(
      'SELECT code FROM review_flags WHERE mutation_id = $1 ORDER BY id',
      [mutationId],
    )
  ).rows.map((flag) => flag.code);

describe('customer edits pushed by tills', () => {
  it('keeps per field the edit stamped latest, whatever order they come in', async () => {
    const a = await till();
    const b = await till();
    const later = b.edit(901, [
      { field: 'name', value: 'Инна Поздняя', hlc: stamp(now - 1_000, 'till-b') },
      { field: 'attr:shoe_size', value: null, hlc: stamp(now - 1_000, 'till-b') },
    ]);
    const earlier = a.edit(901, [
      { field: 'name', value: 'Инна Ранняя', hlc: stamp(now - 2_000) },
      { field: 'phoneE164', value: '+79035550901', hlc: stamp(now - 2_000) },
    ]);
    expect((await b.push([later])).status).toBe(200);
    expect((await a.push([earlier])).status).toBe(200);
    expect(await row(901)).toMatchObject({
      name: 'Инна Поздняя',
      phone: '+79035550901',
      attributes: {},
      clocks: {
        name: stamp(now - 1_000, 'till-b'),
        phoneE164: stamp(now - 2_000),
        'attr:shoe_size': stamp(now - 1_000, 'till-b'),
      },
    });
  });

  it('records every consent given and puts the latest stamped in force, not the latest to arrive', async () => {
    const a = await till();
    const late = a.edit(902, [
      { field: 'consent:marketing:sms', value: 'withdrawn', hlc: stamp(now - 1_000) },
    ]);
    const early = a.edit(902, [
      { field: 'consent:marketing:sms', value: 'granted', hlc: stamp(now - 5_000) },
    ]);
    expect((await a.push([late, early])).status).toBe(200);
    const customer = await row(902);
    expect(customer?.consents.filter((consent) => consent.channel === 'sms')).toMatchObject([
      { granted: false },
    ]);
    expect(customer?.clocks['consent:marketing:sms']).toBe(stamp(now - 1_000));
    expect(await hq.count('consents', 'customer_id = 902 AND hlc IS NOT NULL AND cashier_id = 1')).toBe(2);
  });

  it('applies a phone another living profile has, and flags the two as a possible duplicate', async () => {
    const a = await till();
    const taken = a.edit(903, [{ field: 'phoneE164', value: '+79995550904', hlc: stamp(now) }]);
    expect((await a.push([taken])).status).toBe(200);
    expect(await row(903)).toMatchObject({ phone: '+79995550904' });
    expect(await flagsOf(taken.id)).toEqual(['customer.possible_duplicate']);
  });

  it('ignores an edit of an erased profile, however late its stamp, and flags it', async () => {
    expect(await eraseCustomer(hq.pool, 904)).toMatchObject({ ok: true });
    const a = await till();
    const late = a.edit(904, [
      { field: 'name', value: 'Игорь Вернувшийся', hlc: stamp(now + 60_000) },
      { field: 'consent:marketing:email', value: 'granted', hlc: stamp(now + 60_000) },
    ]);
    expect((await a.push([late])).status).toBe(200);
    expect(await row(904)).toMatchObject({ name: '', phone: null, clocks: {} });
    expect(await hq.count('consents', "customer_id = 904 AND channel = 'email'")).toBe(0);
    expect(await flagsOf(late.id)).toEqual(['customer.erased']);
  });

  it('sets aside an edit from a clock more than a day ahead, and flags it', async () => {
    const a = await till();
    const ahead = a.edit(901, [
      { field: 'email', value: 'future@example.ru', hlc: stamp(now + MAX_HLC_DRIFT_MS + 60_000) },
    ]);
    expect((await a.push([ahead])).status).toBe(200);
    expect(await row(901)).toMatchObject({ email: 'inna@example.ru' });
    expect(await flagsOf(ahead.id)).toEqual(['customer.clock_ahead']);
  });

  it.each([
    ['a phone that is not E.164', { field: 'phoneE164', value: '8 916 123' }],
    ['a consent that is neither granted nor withdrawn', { field: 'consent:marketing:sms', value: 'yes' }],
    ['a name cleared', { field: 'name', value: null }],
    ['a field no profile has', { field: 'password', value: 'x' }],
  ])('refuses a batch with %s, changing nothing', async (_what, field) => {
    const a = await till();
    const bad = a.edit(901, [{ ...field, hlc: stamp(now) } as CustomerFieldEdit]);
    const before = await row(901);
    const { status, body } = await a.push([bad]);
    expect({ status, error: body['error'] }).toEqual({ status: 400, error: 'PAYLOAD_INVALID' });
    expect(await row(901)).toEqual(before);
  });

  it('refuses an edit made "for" another store', async () => {
    const a = await till();
    const { status, body } = await a.push([
      a.edit(901, [{ field: 'name', value: 'Инна', hlc: stamp(now) }], { storeCode: '0002' }),
    ]);
    expect({ status, error: body['error'] }).toEqual({ status: 403, error: 'CROSS_STORE' });
  });
});
