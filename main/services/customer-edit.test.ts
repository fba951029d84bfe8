import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { compareHlc } from '../../contract/hlc';
import { CustomerUpdated } from '../../contract/sync';
import { databaseFile } from '../config/paths';
import { cashier, manager, openTestTill } from './test-till';
import type { TestTill } from './test-till';

let till: TestTill;
const opened: TestTill[] = [];
afterEach(() => {
  for (const open of opened.splice(0)) open.close();
});

function open(options: Parameters<typeof openTestTill>[0] = {}): TestTill {
  till = openTestTill(options);
  opened.push(till);
  return till;
}

async function withCustomers() {
  open();
  await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
  const anna = await till.must('customers.enrol', {
    name: 'Анна Иванова',
    phone: '+7 916 123-45-67',
    email: 'anna.ivanova@mail.ru',
    birthday: '1990-03-14',
    consent: { processing: true, marketing: { sms: true } },
    attributes: { shoe_size: '38' },
  });
  const boris = await till.must('customers.enrol', {
    name: 'Борис Петров',
    phone: '+7 926 765-43-21',
    email: 'boris@example.ru',
    consent: { processing: true },
  });
  return { anna: anna.profile.id, boris: boris.profile.id };
}

const rows = (sql: string, ...params: unknown[]) => till.db.prepare(sql).all(...params);
const updates = () =>
  (
    rows("SELECT payload FROM outbox WHERE kind = 'customer.updated' ORDER BY seq") as { payload: string }[]
  ).map((row) => CustomerUpdated.parse(JSON.parse(row.payload)));
const personal = (id: number) =>
  rows(
    'SELECT name, phone_e164 AS phone, email, email_norm AS emailNorm, birthday FROM customers WHERE id = ?',
    id,
  )[0];

/** Everything an edit writes, to show a refused edit wrote none of it. */
const snapshot = (id: number) => ({
  customer: personal(id),
  consents: rows('SELECT * FROM customer_consents WHERE customer_id = ? ORDER BY id', id),
  attributes: rows('SELECT key, value FROM customer_attributes WHERE customer_id = ? ORDER BY key', id),
  clocks: rows('SELECT * FROM customer_field_clocks'),
  outbox: rows('SELECT seq FROM outbox'),
  clock: rows('SELECT ms, counter FROM hlc_clock'),
});

describe('editing a customer at the till', () => {
  it('writes the fields, their stamps, the consent record and one outbox row together', async () => {
    const { anna } = await withCustomers();
    const profile = await till.must('customers.update', {
      customerId: anna,
      phone: '8 (903) 555-01-01',
      consent: { marketing: { email: true, sms: false } },
    });
    expect(profile.marketing).toEqual({ sms: false, email: true, push: false, call: false });
    expect(personal(anna)).toMatchObject({ phone: '+79035550101', email: 'anna.ivanova@mail.ru' });

    const [update, ...more] = updates();
    expect(more).toEqual([]);
    expect(update).toMatchObject({
      customerId: anna,
      storeCode: '0001',
      terminalCode: '01',
      cashierId: cashier.id,
    });
    expect(update?.fields.map(({ field, value }) => ({ field, value }))).toEqual([
      { field: 'phoneE164', value: '+79035550101' },
      { field: 'consent:marketing:sms', value: 'withdrawn' },
      { field: 'consent:marketing:email', value: 'granted' },
    ]);
    const stamp = update?.fields[0]?.hlc;
    expect(update?.fields.every((field) => field.hlc === stamp)).toBe(true);
    expect(
      rows('SELECT field, hlc FROM customer_field_clocks WHERE customer_id = ? ORDER BY field', anna),
    ).toEqual([
      { field: 'consent:marketing:email', hlc: stamp },
      { field: 'consent:marketing:sms', hlc: stamp },
      { field: 'phoneE164', hlc: stamp },
    ]);
    // Consent changes are recorded like enrolment's: when, which till, which cashier; never overwritten.
    const consents = rows(
      `SELECT channel, granted, recorded_at AS at, store_code AS store, terminal_code AS terminal,
         cashier_id AS cashier
       FROM customer_consents WHERE customer_id = ? AND purpose = 'marketing' AND channel IN ('sms', 'email')
       ORDER BY id`,
      anna,
    );
    const recorded = { at: update?.at, store: '0001', terminal: '01', cashier: cashier.id };
    expect(consents).toEqual([
      expect.objectContaining({ channel: 'sms', granted: 1 }),
      expect.objectContaining({ channel: 'email', granted: 0 }),
      { channel: 'sms', granted: 0, ...recorded },
      { channel: 'email', granted: 1, ...recorded },
    ]);
    // The old number finds nobody; the new one finds her.
    expect(await till.must('customers.identify', { query: '+7 916 123-45-67' })).toMatchObject({
      kind: 'none',
    });
    expect(await till.must('customers.identify', { query: '+7 903 555-01-01' })).toMatchObject({
      kind: 'one',
      profile: { id: anna },
    });
  });

  it('finds a renamed customer by the new name only', async () => {
    const { anna } = await withCustomers();
    await till.must('customers.update', { customerId: anna, name: 'Анна Смирнова' });
    expect(await till.must('customers.identify', { query: 'Смирнова' })).toMatchObject({ kind: 'one' });
    expect(await till.must('customers.identify', { query: 'Иванова' })).toMatchObject({ kind: 'none' });
    expect(updates()[0]?.fields).toEqual([
      { field: 'name', value: 'Анна Смирнова', hlc: expect.any(String) },
    ]);
  });

  it('sends nothing when nothing changes', async () => {
    const { anna } = await withCustomers();
    const before = snapshot(anna);
    await till.must('customers.update', {
      customerId: anna,
      name: ' Анна  Иванова ',
      phone: '+7 916 123-45-67',
      email: 'Anna.Ivanova@mail.ru',
      consent: { processing: true, marketing: { sms: true } },
      preferences: { set: { shoe_size: '38' } },
    });
    expect(snapshot(anna)).toEqual(before);
  });

  it.each([
    ['a phone that is no number', { phone: '12' }, 'BAD_PHONE'],
    ['an e-mail that is no address', { email: 'anna@' }, 'BAD_EMAIL'],
    ['a name without two letters', { name: ' 1 ' }, 'BAD_NAME'],
    ['a birthday in the future', { birthday: '2999-01-01' }, 'BAD_BIRTHDAY'],
    ['no phone and no e-mail left', { phone: null, email: '' }, 'CONTACT_REQUIRED'],
    [
      'a preference key that is not a short word',
      { preferences: { set: { 'Shoe Size': '38' } } },
      'BAD_ATTRIBUTE',
    ],
    ['withdrawing consent to processing', { consent: { processing: false } }, 'ERASURE_REQUIRED'],
  ] as const)('refuses %s and changes nothing', async (_what, edit, code) => {
    const { anna } = await withCustomers();
    const before = snapshot(anna);
    const result = await till.call('customers.update', { customerId: anna, name: 'Анна Смирнова', ...edit });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(snapshot(anna)).toEqual(before);
  });

  it('refuses another customer’s phone or e-mail, naming them so the screen can offer their profile', async () => {
    const { anna, boris } = await withCustomers();
    const before = snapshot(anna);
    expect(
      await till.call('customers.update', { customerId: anna, phone: '+7 926 765-43-21' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'CONTACT_TAKEN',
        params: { customerId: boris, name: 'Борис Петров', matchedBy: 'phone' },
      },
    });
    expect(
      await till.call('customers.update', { customerId: anna, email: 'BORIS@example.ru' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONTACT_TAKEN', params: { customerId: boris, matchedBy: 'email' } },
    });
    expect(snapshot(anna)).toEqual(before);
  });

  it('keeps preferences only with consent to offers: refused without it, dropped with the last withdrawal', async () => {
    const { anna, boris } = await withCustomers();
    const refused = await till.call('customers.update', {
      customerId: boris,
      preferences: { set: { shoe_size: '44' } },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MARKETING_CONSENT_REQUIRED' } });
    expect(updates()).toEqual([]);

    const profile = await till.must('customers.update', {
      customerId: anna,
      consent: { marketing: { sms: false } },
    });
    expect(profile.attributes).toEqual([]);
    expect(rows('SELECT * FROM customer_attributes WHERE customer_id = ?', anna)).toEqual([]);
    expect(updates()[0]?.fields.map(({ field, value }) => ({ field, value }))).toEqual([
      { field: 'consent:marketing:sms', value: 'withdrawn' },
      { field: 'attr:shoe_size', value: null },
    ]);
  });

  it('sets and removes preferences one by one', async () => {
    const { anna } = await withCustomers();
    const profile = await till.must('customers.update', {
      customerId: anna,
      preferences: { set: { coffee: 'без сахара' }, remove: ['shoe_size'] },
    });
    expect(profile.attributes).toEqual([{ key: 'coffee', value: 'без сахара' }]);
    expect(updates()[0]?.fields.map(({ field, value }) => ({ field, value }))).toEqual([
      { field: 'attr:shoe_size', value: null },
      { field: 'attr:coffee', value: 'без сахара' },
    ]);
  });

  it('changes nothing and says so when the database is busy', async () => {
    const { anna } = await withCustomers();
    const before = snapshot(anna);
    const other = new Database(databaseFile(till.dataDir));
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const result = await till.call('customers.update', { customerId: anna, name: 'Анна Смирнова' });
      expect(result).toMatchObject({ ok: false, error: { code: 'STORE_BUSY' } });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(snapshot(anna)).toEqual(before);
  });

  it('edits the survivor of a merged profile, and refuses an erased one', async () => {
    const { anna, boris } = await withCustomers();
    till.db.prepare('UPDATE customers SET merged_into = ? WHERE id = ?').run(anna, boris);
    const profile = await till.must('customers.update', { customerId: boris, birthday: '1991-04-01' });
    expect(profile).toMatchObject({ id: anna, mergedFrom: boris });
    expect(updates()[0]).toMatchObject({
      customerId: anna,
      fields: [{ field: 'birthday', value: '1991-04-01' }],
    });

    till.db.prepare("UPDATE customers SET erased_at = '2025-01-01T00:00:00.000Z' WHERE id = ?").run(anna);
    const before = snapshot(anna);
    expect(await till.call('customers.update', { customerId: boris, name: 'Анна' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_ERASED' },
    });
    expect(snapshot(anna)).toEqual(before);
  });

  it('lets a manager, who sees contacts in full, clear a birthday', async () => {
    const { anna } = await withCustomers();
    await till.must('session.login', { userId: manager.id, pin: manager.pin });
    const profile = await till.must('customers.update', { customerId: anna, birthday: null });
    expect(profile.birthday).toBeNull();
    expect(updates()[0]).toMatchObject({
      cashierId: manager.id,
      fields: [{ field: 'birthday', value: null }],
    });
  });
});

describe('the till’s clock', () => {
  it('never stamps an edit below an earlier one, across a restart with the wall clock set back', async () => {
    const { anna } = await withCustomers();
    await till.must('customers.update', { customerId: anna, name: 'Анна Смирнова' });
    const first = updates()[0]?.fields[0]?.hlc ?? '';
    const { dataDir } = till;
    till.close();
    opened.splice(0);
    open({ dataDir, now: () => new Date('2001-01-01T00:00:00Z') });
    await till.must('session.login', { userId: cashier.id, pin: cashier.pin });
    await till.must('customers.update', { customerId: anna, name: 'Анна Кузнецова' });
    const second = updates()[1]?.fields[0]?.hlc ?? '';
    expect(compareHlc(second, first)).toBeGreaterThan(0);
  });
});
