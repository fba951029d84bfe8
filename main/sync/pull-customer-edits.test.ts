// Customer edits from several tills against the real HQ: per field the edit with the later HLC stamp
// wins at HQ and on every till, whatever order the tills push in; a till keeps its own edit until HQ
// shows it back; an erasure wins over any edit, and leaves nothing personal on any till.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseFile } from '../config/paths';
import { startPullWorld, waitFor } from './test-pull';
import type { PullWorld, PullingTill } from './test-pull';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let world: PullWorld;

interface HqCustomer {
  id: number;
  name: string;
  phone: string;
  email: string;
}
const zoya: HqCustomer = {
  id: 801,
  name: 'Зоя Космодемьянская',
  phone: '+79995550801',
  email: 'zoya@example.ru',
};
const zoyaToo: HqCustomer = { id: 802, name: 'Зоя Вторая', phone: '+79995550802', email: 'zoya2@example.ru' };
const gleb: HqCustomer = { id: 803, name: 'Глеб Жеглов', phone: '+79995550803', email: 'gleb@example.ru' };
const varvara: HqCustomer = {
  id: 804,
  name: 'Варвара Секретова',
  phone: '+79995550804',
  email: 'varvara@example.ru',
};
const merged: HqCustomer = { id: 805, name: 'Пётр Дубль', phone: '+79995550805', email: 'dubl@example.ru' };
const survivor: HqCustomer = {
  id: 806,
  name: 'Пётр Оригинал',
  phone: '+79995550806',
  email: 'orig@example.ru',
};

beforeAll(async () => {
  world = await startPullWorld();
  for (const customer of [zoya, zoyaToo, gleb, varvara, merged, survivor]) {
    await world.hq.pool.query(
      `INSERT INTO customers (id, name, phone_e164, email, attributes, source, created_at)
       VALUES ($1, $2, $3, $4, '{"shoe_size": "37"}', 'till', '2023-01-01')`,
      [customer.id, customer.name, customer.phone, customer.email],
    );
    await world.hq.pool.query(
      `INSERT INTO consents (customer_id, purpose, channel, granted, recorded_at) VALUES
         ($1, 'processing', NULL, true, '2023-01-01'), ($1, 'marketing', 'sms', true, '2023-01-01')`,
      [customer.id],
    );
  }
}, 60_000);
afterAll(() => world?.close());

const unpushed = (t: PullingTill) => t.count('outbox', 'pushed_at IS NULL');
const offline = (t: PullingTill) => t.till.services.sync.stop();
async function pushAll(t: PullingTill) {
  t.till.services.sync.start();
  t.till.services.sync.retryNow();
  await waitFor('the till pushed its outbox', () => unpushed(t) === 0);
}
async function pull(t: PullingTill) {
  expect((await t.puller.pullNow()).failed).toEqual([]);
}
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A customer's own fields as a till holds them. */
function onTill(t: PullingTill, id: number) {
  const row = t.till.db
    .prepare('SELECT name, phone_e164 AS phone, email, birthday FROM customers WHERE id = ?')
    .get(id);
  const attributes = t.till.db
    .prepare('SELECT key, value FROM customer_attributes WHERE customer_id = ? ORDER BY key')
    .all(id);
  return { ...(row as object), attributes };
}

async function onHq(id: number) {
  const { rows } = await world.hq.pool.query<{
    name: string;
    phone: string | null;
    email: string | null;
    birthday: string | null;
    attributes: Record<string, string>;
    consents: { channel: string | null; granted: boolean }[];
  }>(
    `SELECT name, phone_e164 AS phone, email, birthday, attributes, consents_doc AS consents
     FROM customers WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`HQ has no customer ${id}`);
  return row;
}

const marketingOf = (consents: { channel: string | null; granted: boolean }[]) =>
  Object.fromEntries(consents.filter((c) => c.channel !== null).map((c) => [c.channel, c.granted]));

async function shownMarketing(t: PullingTill, id: number) {
  const { marketing } = await t.till.must('customers.profile', { customerId: id });
  return Object.fromEntries(Object.entries(marketing).filter(([, granted]) => granted));
}

describe('two tills edit the same customer offline', () => {
  async function editBoth(customer: HqCustomer, a: PullingTill, b: PullingTill) {
    offline(a);
    offline(b);
    await a.till.must('customers.update', {
      customerId: customer.id,
      name: `${customer.name} (касса 1)`,
      phone: newPhone(customer),
      consent: { marketing: { sms: false } },
    });
    await pause();
    // Later than till 1's edit by the clock: wins the name both edited.
    await b.till.must('customers.update', {
      customerId: customer.id,
      name: `${customer.name} (касса 2)`,
      email: newEmail(customer),
      consent: { marketing: { email: true } },
      preferences: { set: { shoe_size: '38' } },
    });
  }

  const newPhone = (customer: HqCustomer) => `+7903555${String(customer.id).padStart(4, '0')}`;
  const newEmail = (customer: HqCustomer) => `new.${customer.id}@example.ru`;
  const expected = (customer: HqCustomer) => ({
    name: `${customer.name} (касса 2)`,
    phone: newPhone(customer),
    email: newEmail(customer),
    birthday: null,
  });

  it.each([
    ['the earlier edit first', zoya, false],
    ['the later edit first', zoyaToo, true],
  ])('ends with the same fields at HQ and on both tills, pushed %s', async (_order, customer, laterFirst) => {
    const one = await world.till({ streams: ['customers'] });
    const two = await world.till({ streams: ['customers'] });
    await pull(one);
    await pull(two);
    await editBoth(customer, one, two);

    for (const t of laterFirst ? [two, one] : [one, two]) await pushAll(t);
    const hq = await onHq(customer.id);
    expect(hq).toMatchObject({ ...expected(customer), attributes: { shoe_size: '38' } });
    expect(marketingOf(hq.consents)).toEqual({ sms: false, email: true });

    await pull(one);
    await pull(two);
    for (const t of [one, two]) {
      expect(onTill(t, customer.id)).toEqual({
        ...expected(customer),
        attributes: [{ key: 'shoe_size', value: '38' }],
      });
      expect(await shownMarketing(t, customer.id)).toEqual({ email: true });
      // Every edit has come back from HQ: no till holds one of its own any more.
      expect(t.count('customer_field_clocks', 'customer_id = ?', customer.id)).toBe(0);
    }
  });
});

describe('a till’s own edit that HQ has not had yet', () => {
  it('is not overwritten by a pull of HQ’s older value, while the other fields follow HQ', async () => {
    const mine = await world.till({ streams: ['customers'] });
    const other = await world.till({ streams: ['customers'] });
    await pull(mine);
    await pull(other);
    offline(mine);
    await mine.till.must('customers.update', {
      customerId: gleb.id,
      name: 'Глеб Шарапов',
      consent: { marketing: { sms: false } },
    });
    // Meanwhile another till changes another field, and HQ changes the tier: the profile is served again.
    await other.till.must('customers.update', { customerId: gleb.id, email: 'gleb.new@example.ru' });
    await pushAll(other);
    await world.hq.pool.query(`UPDATE customers SET tier = 'gold' WHERE id = $1`, [gleb.id]);

    await pull(mine);
    expect(onTill(mine, gleb.id)).toMatchObject({ name: 'Глеб Шарапов', email: 'gleb.new@example.ru' });
    expect(await shownMarketing(mine, gleb.id)).toEqual({});
    expect(await mine.till.must('customers.profile', { customerId: gleb.id })).toMatchObject({
      tier: 'gold',
    });
    expect(await onHq(gleb.id)).toMatchObject({ name: gleb.name, email: 'gleb.new@example.ru' });

    await pushAll(mine);
    await pull(mine);
    await pull(other);
    const hq = await onHq(gleb.id);
    expect(hq).toMatchObject({ name: 'Глеб Шарапов', email: 'gleb.new@example.ru' });
    expect(marketingOf(hq.consents)).toEqual({ sms: false });
    for (const t of [mine, other]) {
      expect(onTill(t, gleb.id)).toMatchObject({ name: 'Глеб Шарапов', email: 'gleb.new@example.ru' });
      expect(await shownMarketing(t, gleb.id)).toEqual({});
    }
    expect(mine.count('customer_field_clocks')).toBe(0);
  });

  it('survives HQ joining the profile the till enrolled to HQ’s own, and reaches HQ after', async () => {
    const t = await world.till({ streams: ['customers'] });
    const enrolled = await t.till.must('customers.enrol', {
      name: 'Нонна Новикова',
      phone: '+7 916 555-08-10',
      consent: { processing: true, marketing: { sms: true } },
    });
    const localId = enrolled.profile.id;
    await waitFor('HQ has the enrolment', () => unpushed(t) === 0);
    offline(t);
    await t.till.must('customers.update', {
      customerId: localId,
      phone: '+7 916 555-08-11',
      consent: { marketing: { sms: false } },
    });

    await pull(t);
    const joined = await t.till.must('customers.profile', { customerId: localId });
    expect(joined.id).not.toBe(localId);
    expect(onTill(t, joined.id)).toMatchObject({ name: 'Нонна Новикова', phone: '+79165550811' });
    expect(await shownMarketing(t, localId)).toEqual({});

    await pushAll(t);
    expect(await onHq(joined.id)).toMatchObject({ phone: '+79165550811' });
    expect(marketingOf((await onHq(joined.id)).consents)).toEqual({
      sms: false,
      email: false,
      push: false,
      call: false,
    });
    await pull(t);
    expect(onTill(t, joined.id)).toMatchObject({ phone: '+79165550811' });
    expect(await shownMarketing(t, localId)).toEqual({});
    expect(t.count('customer_field_clocks')).toBe(0);
  });

  it('follows a merge HQ made meanwhile to the survivor', async () => {
    const t = await world.till({ streams: ['customers'] });
    await pull(t);
    expect((await world.admin('/customers/merge', { from: merged.id, into: survivor.id })).status).toBe(200);
    await t.till.must('customers.update', { customerId: merged.id, birthday: '1980-05-05' });
    await waitFor('HQ has the edit', () => unpushed(t) === 0);
    expect(await onHq(survivor.id)).toMatchObject({ birthday: '1980-05-05' });

    await pull(t);
    expect(await t.till.must('customers.profile', { customerId: merged.id })).toMatchObject({
      id: survivor.id,
      mergedFrom: merged.id,
    });
    expect(onTill(t, survivor.id)).toMatchObject({ birthday: '1980-05-05' });
    expect(t.count('customer_field_clocks')).toBe(0);
  });
});

describe('an erasure racing an edit', () => {
  /** The till's database file and WAL, as a thief with the disk would read them. */
  function fileBytes(t: PullingTill): Buffer {
    const file = databaseFile(t.till.dataDir);
    t.till.db.pragma('wal_checkpoint(TRUNCATE)');
    return Buffer.concat([
      readFileSync(file),
      existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
    ]);
  }

  it('wins over an edit stamped after it, pushed before or after the till pulls; nothing personal is left', async () => {
    const pushesFirst = await world.till({ streams: ['customers'] });
    const pullsFirst = await world.till({ streams: ['customers'] });
    const before = await world.till({ streams: ['customers'] });
    for (const t of [pushesFirst, pullsFirst, before]) await pull(t);
    // One edit reached HQ before the erasure.
    await before.till.must('customers.update', { customerId: varvara.id, email: 'varvara.old@example.ru' });
    await waitFor('HQ has the first edit', () => unpushed(before) === 0);

    offline(pushesFirst);
    offline(pullsFirst);
    expect((await world.admin(`/customers/${varvara.id}/erase`, {})).status).toBe(200);
    await pause();
    // Two tills that have not heard of the erasure edit her afterwards: their stamps are later.
    const edit = (name: string, phone: string, email: string) => ({
      customerId: varvara.id,
      name,
      phone,
      email,
      birthday: '1977-07-07',
      preferences: { set: { pet: 'кошка Мурка' } },
    });
    await pushesFirst.till.must(
      'customers.update',
      edit('Варвара Тайнова', '+7 999 555-08-44', 'tainova@secret.example'),
    );
    await pullsFirst.till.must(
      'customers.update',
      edit('Варвара Скрытова', '+7 999 555-08-45', 'skrytova@secret.example'),
    );

    await pushAll(pushesFirst);
    await pull(pullsFirst);
    await pushAll(pullsFirst);
    for (const t of [pushesFirst, pullsFirst, before]) await pull(t);

    expect(await onHq(varvara.id)).toMatchObject({
      name: '',
      phone: null,
      email: null,
      birthday: null,
      attributes: {},
    });
    const { rows: flags } = await world.hq.pool.query<{ terminal: string }>(
      `SELECT terminal_id AS terminal FROM review_flags WHERE code = 'customer.erased' AND kind = 'customer.updated'`,
    );
    expect(flags.map((flag) => flag.terminal).sort()).toEqual(
      [pushesFirst.terminalId, pullsFirst.terminalId].sort(),
    );

    const personal = [
      'Секретова',
      'Тайнова',
      'Скрытова',
      '9995550804',
      '9995550844',
      '9995550845',
      'varvara@',
      'varvara.old@',
      'secret.example',
      'кошка Мурка',
    ];
    for (const t of [pushesFirst, pullsFirst, before]) {
      const bytes = fileBytes(t);
      for (const needle of personal) expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
      expect(
        await t.till.call('customers.update', { customerId: varvara.id, name: 'Варвара' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'CUSTOMER_ERASED' },
      });
      expect(t.count('customer_field_clocks', 'customer_id = ?', varvara.id)).toBe(0);
    }
    // The tills' outbox rows about her are kept (pushed), emptied of her data.
    const payloads = pullsFirst.till.db
      .prepare("SELECT payload FROM outbox WHERE kind = 'customer.updated'")
      .pluck()
      .all() as string[];
    expect(payloads.map((payload) => (JSON.parse(payload) as { fields: unknown[] }).fields)).toEqual([[]]);
  });
});
