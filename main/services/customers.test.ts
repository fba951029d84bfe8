import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import { gtinCheckDigit } from '../domain/barcode';
import { openDatabase } from '../store/db';
import type { Db } from '../store/db';
import { createCustomerService } from './customers';
import type { CustomerService, EnrolInput, Identification } from './customers';

const card = (n: number) => {
  const body = `2700${String(n).padStart(8, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
};
const at = new Date('2025-03-10T12:00:00Z');
const consent = { processing: true };

let db: Db;
let service: CustomerService;

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'omnitill-customers-')), 'till.sqlite'));
  db.prepare("INSERT INTO users (id, name, role, pin_hash) VALUES (1, 'Анна Петрова', 'cashier', 'x')").run();
  service = createCustomerService({ db, config: defaultTillConfig, now: () => at });
});
afterEach(() => db.close());

function enrolled(input: Partial<EnrolInput> & { name: string }): number {
  const result = service.enrol({ consent, ...input }, { cashierId: 1 });
  if (!result.ok || result.value.kind !== 'created')
    throw new Error(`not enrolled: ${JSON.stringify(result)}`);
  return result.value.customer.id;
}

function identified(query: string): Identification {
  const result = service.identify(query);
  if (!result.ok) throw new Error(`identify failed: ${result.error.code}`);
  return result.value;
}

const oneId = (found: Identification) => (found.kind === 'one' ? found.customer.id : null);

describe('identify', () => {
  it('finds a customer by a scanned or typed loyalty card', () => {
    const id = enrolled({ name: 'Мария Иванова', phone: '+7 916 111-22-33', cardNo: card(17) });
    expect(identified(card(17))).toMatchObject({
      kind: 'one',
      by: 'card',
      customer: { id, cards: [card(17)] },
    });
    expect(oneId(identified(`${card(17).slice(0, 6)} ${card(17).slice(6)}`))).toBe(id);
    expect(identified(card(18))).toEqual({ kind: 'none', by: 'card' });
  });

  it('refuses a card number with a wrong check digit', () => {
    const wrong = card(17).slice(0, 12) + String((Number(card(17).at(-1)) + 1) % 10);
    expect(service.identify(wrong)).toMatchObject({ ok: false, error: { code: 'BAD_CARD' } });
  });

  it('finds a customer by the full phone however it is typed', () => {
    const id = enrolled({ name: 'Мария Иванова', phone: '8 (916) 111-22-33' });
    for (const typed of ['+79161112233', '8 916 111 22 33', '9161112233', '+7 (916) 111-22-33']) {
      expect(oneId(identified(typed))).toBe(id);
    }
    expect(identified('+7 916 111-22-34')).toEqual({ kind: 'none', by: 'phone' });
  });

  it('refuses garbage phone numbers', () => {
    for (const garbage of [
      '+7 000 000-00-00',
      '12345',
      '+++7916',
      '8 (916) 1',
      '(((())))',
      '+7 916 111-22-33-44-55',
    ]) {
      expect(service.identify(garbage)).toMatchObject({ ok: false, error: { code: 'BAD_PHONE' } });
    }
  });

  it('lists the customers whose phone ends in four digits, masked, newest first', () => {
    const a = enrolled({ name: 'Мария Иванова', phone: '+79161114567' });
    const b = enrolled({ name: 'Li Wei', phone: '+79262224567' });
    enrolled({ name: 'Олег Орлов', phone: '+79263334568' });
    const found = identified('4567');
    expect(found).toEqual({
      kind: 'many',
      by: 'last4',
      more: false,
      candidates: [
        { id: b, name: 'Li Wei', phoneMasked: '+7 *** ***-45-67' },
        { id: a, name: 'Мария Иванова', phoneMasked: '+7 *** ***-45-67' },
      ],
    });
    expect(oneId(identified('4568'))).not.toBeNull();
    expect(identified('0000')).toEqual({ kind: 'none', by: 'last4' });
  });

  it('caps a pick list at 20 and says there are more', () => {
    for (let i = 0; i < 25; i++)
      enrolled({ name: `Покупатель ${i}`, phone: `+7916${String(i).padStart(3, '0')}0001` });
    const found = identified('0001');
    expect(found.kind).toBe('many');
    if (found.kind === 'many') {
      expect(found.candidates).toHaveLength(20);
      expect(found.more).toBe(true);
    }
  });

  it('finds a customer by e-mail as the mailbox it reaches', () => {
    const id = enrolled({ name: 'Anna Petrova', email: 'Anna.Petrova@gmail.com' });
    expect(oneId(identified('annapetrova+till@GMAIL.com'))).toBe(id);
    expect(service.identify('anna@@gmail')).toMatchObject({ ok: false, error: { code: 'BAD_EMAIL' } });
  });

  it('finds the customer of an earlier purchase by its receipt number', () => {
    const id = enrolled({ name: 'Мария Иванова', phone: '+79161112233' });
    const sale = db.prepare(
      `INSERT INTO sales (id, receipt_no, store_code, terminal_code, cashier_id, customer_id, status, currency,
         total_minor, tax_minor, created_at) VALUES (?, ?, '0001', '01', 1, ?, 'completed', 'RUB', 100, 10, ?)`,
    );
    sale.run('s1', '0001-01-000042', id, at.toISOString());
    sale.run('s2', '0001-01-000043', null, at.toISOString());
    expect(identified('0001-01-000042')).toMatchObject({ kind: 'one', by: 'receipt', customer: { id } });
    expect(identified('0001-01-000043')).toEqual({ kind: 'none', by: 'receipt' });
    expect(identified('0001-01-999999')).toEqual({ kind: 'none', by: 'receipt' });
  });

  it('finds names by prefix in either script', () => {
    const ivanova = enrolled({ name: 'Мария Иванова', phone: '+79161112233' });
    const ivan = enrolled({ name: 'Иван Соколов', phone: '+79161112234' });
    const latin = enrolled({ name: 'Ivan Petrov', phone: '+79161112235' });
    const chinese = enrolled({ name: '王芳', phone: '+79161112236' });
    expect(oneId(identified('Ivanova'))).toBe(ivanova);
    expect(oneId(identified('иванова мар'))).toBe(ivanova);
    expect(oneId(identified('Sokolov iv'))).toBe(ivan);
    expect(oneId(identified('petrov'))).toBe(latin);
    expect(oneId(identified('Петров'))).toBe(latin);
    expect(oneId(identified('王'))).toBe(chinese);
    const ivans = identified('ivan');
    expect(ivans.kind).toBe('many');
    if (ivans.kind === 'many')
      expect(ivans.candidates.map((c) => c.id).sort()).toEqual([ivanova, ivan, latin].sort());
    expect(identified('Сидоров')).toEqual({ kind: 'none', by: 'name' });
  });

  it('treats FTS operators and quotes in a name search as plain words', () => {
    enrolled({ name: 'Мария Иванова', phone: '+79161112233' });
    const hostile = [
      '"Иванова',
      'Иванова"',
      'Ivanova*',
      '-Ivanova',
      'ivanova NOT',
      'NEAR(ivanova',
      'terms:ivanova',
      '(ivanova)',
      'ivanova OR',
      "O'Ivanova",
    ];
    for (const text of hostile) {
      const result = service.identify(text);
      expect(result.ok, text).toBe(true);
    }
    expect(identified('"Иванова')).toMatchObject({ kind: 'one' });
    expect(identified('NEAR(ivanova')).toEqual({ kind: 'none', by: 'name' });
    for (const nothing of ['"', '*', '-', '" * "', '()', 'ы']) {
      expect(service.identify(nothing), nothing).toMatchObject({ ok: false });
    }
  });

  it('refuses an empty or overlong query', () => {
    expect(service.identify('   ')).toMatchObject({ ok: false, error: { code: 'EMPTY_QUERY' } });
    expect(service.identify('a'.repeat(201))).toMatchObject({ ok: false, error: { code: 'QUERY_TOO_LONG' } });
  });

  it('follows a merge at HQ to the surviving profile', () => {
    const survivor = enrolled({ name: 'Мария Иванова', phone: '+79161112233', cardNo: card(1) });
    const merged = enrolled({ name: 'Мария Иванова', email: 'maria@mail.ru', cardNo: card(2) });
    const mergedTwice = enrolled({ name: 'M. Ivanova', email: 'm.ivanova@mail.ru' });
    service.customers.markMerged(merged, survivor);
    service.customers.markMerged(mergedTwice, merged);
    expect(oneId(identified(card(2)))).toBe(survivor);
    expect(oneId(identified('maria@mail.ru'))).toBe(survivor);
    expect(oneId(identified('m.ivanova@mail.ru'))).toBe(survivor);
    expect(oneId(identified('Ivanova'))).toBe(survivor);
    expect(service.customers.customerById(merged)?.id).toBe(survivor);
  });

  it('never returns an erased customer or anything personal about them', () => {
    const id = enrolled({
      name: 'Мария Иванова',
      phone: '+79161112233',
      email: 'maria@mail.ru',
      cardNo: card(3),
    });
    service.customers.erase(id, at.toISOString());
    for (const query of [card(3), '+79161112233', '2233', 'maria@mail.ru', 'Иванова']) {
      expect(identified(query).kind, query).toBe('none');
    }
    expect(service.customers.customerById(id)).toBeNull();
    const row = db
      .prepare('SELECT name, phone, phone_e164, email, email_norm, card_no FROM customers WHERE id = ?')
      .get(id);
    expect(row).toEqual({
      name: '',
      phone: null,
      phone_e164: null,
      email: null,
      email_norm: null,
      card_no: null,
    });
    expect(db.prepare('SELECT count(*) FROM customer_cards WHERE customer_id = ?').pluck().get(id)).toBe(0);
  });

  it('follows a merge into an erased profile to nothing', () => {
    const erased = enrolled({ name: 'Мария Иванова', phone: '+79161112233' });
    const merged = enrolled({ name: 'Мария Иванова', email: 'maria@mail.ru' });
    service.customers.markMerged(merged, erased);
    service.customers.erase(erased, at.toISOString());
    expect(identified('maria@mail.ru')).toEqual({ kind: 'none', by: 'email' });
  });
});

describe('enrol', () => {
  it('creates a profile with processing and per-channel marketing consent from this till and cashier', () => {
    const result = service.enrol(
      {
        name: '  Мария   Иванова ',
        phone: '8 916 111-22-33',
        email: 'Maria@Mail.ru',
        birthday: '1990-05-17',
        cardNo: card(5),
        consent: { processing: true, marketing: { sms: true, email: false } },
        attributes: { shoe_size: '38' },
      },
      { cashierId: 1 },
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'created',
        customer: {
          name: 'Мария Иванова',
          phone: '+79161112233',
          email: 'Maria@Mail.ru',
          birthday: '1990-05-17',
          cards: [card(5)],
        },
      },
    });
    if (!result.ok) return;
    const id = result.value.customer.id;
    const where = { recordedAt: at.toISOString(), storeCode: '0001', terminalCode: '01', cashierId: 1 };
    expect(service.customers.consents(id)).toEqual([
      { purpose: 'processing', channel: null, granted: true, ...where },
      { purpose: 'marketing', channel: 'sms', granted: true, ...where },
      { purpose: 'marketing', channel: 'email', granted: false, ...where },
      { purpose: 'marketing', channel: 'push', granted: false, ...where },
      { purpose: 'marketing', channel: 'call', granted: false, ...where },
    ]);
    expect(service.customers.attributes(id)).toEqual({ shoe_size: '38' });
    expect(oneId(identified('Ivanova'))).toBe(id);
  });

  it('stores no marketing attributes without marketing consent', () => {
    const id = enrolled({ name: 'Олег Орлов', phone: '+79161112233', attributes: { pet_breed: 'corgi' } });
    expect(service.customers.attributes(id)).toEqual({});
    expect(
      service.customers
        .consents(id)
        .filter((c) => c.granted)
        .map((c) => c.purpose),
    ).toEqual(['processing']);
  });

  it('returns the existing profile for a phone or e-mail already enrolled', () => {
    const id = enrolled({ name: 'Мария Иванова', phone: '+79161112233', email: 'maria.ivanova@gmail.com' });
    const count = () => db.prepare('SELECT count(*) FROM customers').pluck().get();
    expect(
      service.enrol({ name: 'Маша', phone: '8 (916) 111-22-33', consent }, { cashierId: 1 }),
    ).toMatchObject({
      ok: true,
      value: { kind: 'existing', matchedBy: 'phone', customer: { id } },
    });
    expect(
      service.enrol({ name: 'Маша', email: 'MariaIvanova+x@gmail.com', consent }, { cashierId: 1 }),
    ).toMatchObject({
      ok: true,
      value: { kind: 'existing', matchedBy: 'email', customer: { id } },
    });
    expect(count()).toBe(1);
  });

  it('refuses to store anything without consent to processing', () => {
    const result = service.enrol(
      {
        name: 'Мария Иванова',
        phone: '+79161112233',
        consent: { processing: false, marketing: { sms: true } },
      },
      { cashierId: 1 },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    for (const table of ['customers', 'customer_consents', 'customer_cards', 'customer_attributes']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('refuses bad input before anything is stored', () => {
    const cases: [Partial<EnrolInput>, string][] = [
      [{ phone: null, email: null }, 'CONTACT_REQUIRED'],
      [{ phone: '+7 000 000-00-00' }, 'BAD_PHONE'],
      [{ phone: 'call me' }, 'BAD_PHONE'],
      [{ email: 'maria@' }, 'BAD_EMAIL'],
      [{ name: '"*"' }, 'BAD_NAME'],
      [{ birthday: '1990-02-30' }, 'BAD_BIRTHDAY'],
      [{ birthday: '2999-01-01' }, 'BAD_BIRTHDAY'],
      [{ cardNo: '4600000000000' }, 'BAD_CARD'],
      [{ attributes: { 'Shoe Size': '38' } }, 'BAD_ATTRIBUTE'],
    ];
    for (const [change, code] of cases) {
      const input: EnrolInput = { name: 'Мария Иванова', phone: '+79161112233', consent, ...change };
      expect(service.enrol(input, { cashierId: 1 }), code).toMatchObject({ ok: false, error: { code } });
    }
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
  });

  it('refuses a card that already belongs to someone', () => {
    enrolled({ name: 'Мария Иванова', phone: '+79161112233', cardNo: card(9) });
    expect(
      service.enrol(
        { name: 'Олег Орлов', phone: '+79161112299', cardNo: card(9), consent },
        { cashierId: 1 },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CARD_TAKEN' },
    });
  });
});
