import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatHlc } from '../contract/hlc';
import { pullPage } from '../contract/sync';
import type { CustomerItem, EnrolResponse } from '../contract/sync';
import { normaliseEmail } from '../main/domain/customer-identity';
import { runAdmin } from './admin';
import { bySurvivorship, dedupeCustomers } from './customers/dedupe';
import type { DedupeReport, SurvivorFacts } from './customers/dedupe';
import { startTestHq } from './test-hq';
import type { TestHq } from './test-hq';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

const ADMIN_TOKEN = 'dedupe-tests-admin-token-0123456789abcdef';
let hq: TestHq;
let terminal: EnrolResponse;

beforeAll(async () => {
  hq = await startTestHq({ adminToken: ADMIN_TOKEN });
  await hq.createStore('0001', 'Omnitill Тверская');
  terminal = await hq.enrol('0001', '01');
}, 30_000);
afterAll(() => hq?.close());

interface NewProfile {
  name?: string;
  phone?: string | null;
  email?: string | null;
  birthday?: string | null;
  attributes?: Record<string, string>;
  createdAt?: string;
  tier?: string | null;
  points?: number;
  clocks?: Record<string, string>;
  card?: string;
  erased?: boolean;
  source?: 'till' | 'online' | 'import';
}

/** A profile as HQ stores it, written directly, as a till's enrolment or the web shop would have. */
async function profile(p: NewProfile = {}): Promise<number> {
  const { rows } = await hq.pool.query<{ id: number }>(
    `INSERT INTO customers (name, phone_e164, email, birthday, attributes, source, created_at, tier,
       points_balance, field_clocks, erased_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      p.name ?? 'Мария Иванова',
      p.phone ?? null,
      p.email ?? null,
      p.birthday ?? null,
      JSON.stringify(p.attributes ?? {}),
      p.source ?? 'till',
      p.createdAt ?? '2022-01-01T00:00:00Z',
      p.tier ?? null,
      p.points ?? 0,
      JSON.stringify(p.clocks ?? {}),
      p.erased ? '2024-01-01T00:00:00Z' : null,
    ],
  );
  const id = rows[0]?.id ?? 0;
  if (p.card) {
    await hq.pool.query(
      `INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES ($1, $2, '2022-01-01')`,
      [p.card, id],
    );
  }
  return id;
}

interface StoredProfile {
  name: string;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  attributes: Record<string, unknown>;
  tier: string | null;
  points: number;
  clocks: Record<string, string>;
  mergedInto: number | null;
  erased: boolean;
  createdAt: string;
  cards: { cardNo: string }[];
  consents: { purpose: string; channel: string | null; granted: boolean }[];
}

async function stored(id: number): Promise<StoredProfile> {
  const { rows } = await hq.pool.query<StoredProfile>(
    `SELECT name, phone_e164 AS phone, email, birthday, attributes, tier, points_balance AS points,
       field_clocks AS clocks, merged_into AS "mergedInto", erased_at IS NOT NULL AS erased,
       hq_iso(created_at) AS "createdAt", cards_doc AS cards, consents_doc AS consents
     FROM customers WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`no customer ${id}`);
  return row;
}

let phoneNo = 0;
/** A phone number no other test uses, in E.164 and as a cashier might have typed it. */
function phone() {
  phoneNo += 1;
  const e164 = `+7900${String(phoneNo).padStart(7, '0')}`;
  return { e164, spaced: `+7 900 ${e164.slice(5, 8)}-${e164.slice(8, 10)}-${e164.slice(10)}` };
}

const stamp = (iso: string, node = 'hq') => formatHlc({ ms: Date.parse(iso), counter: 0 }, node);

describe('match keys', () => {
  it('read a phone in any international spelling as its E.164 digits, and nothing else as a phone', async () => {
    const samples = [
      '+7 900 123-45-67',
      '+7 (900) 123 45 67',
      ' +79001234567 ',
      '89001234567',
      '+7 abc',
      '+0123456',
    ];
    const { rows } = await hq.pool.query<{ key: string | null }>(
      'SELECT hq_phone_key(sample) AS key FROM unnest($1::text[]) WITH ORDINALITY AS s(sample, n) ORDER BY n',
      [samples],
    );
    expect(rows.map((row) => row.key)).toEqual([
      '+79001234567',
      '+79001234567',
      '+79001234567',
      null,
      null,
      null,
    ]);
  });

  it('read an e-mail as the mailbox it reaches, by the same provider rules as the till', async () => {
    const samples = [
      ' Olga.Petrova@Gmail.com ',
      'o.l.g.a.petrova+shop@googlemail.com',
      'ivan.petrov+promo@yandex.by',
      'Ivan-Petrov@ya.ru',
      'anna+news@outlook.com',
      'anna+news@mail.ru',
      'bad@@mail.ru',
      'no-at-sign',
      'a..b@mail.ru',
      'x@y',
      '+tag@gmail.com',
    ];
    const { rows } = await hq.pool.query<{ key: string | null }>(
      'SELECT hq_email_key(sample) AS key FROM unnest($1::text[]) WITH ORDINALITY AS s(sample, n) ORDER BY n',
      [samples],
    );
    expect(rows.map((row) => row.key)).toEqual(samples.map((sample) => normaliseEmail(sample)));
    expect(rows[0]?.key).toBe('olgapetrova@gmail.com');
    expect(rows[2]?.key).toBe('ivan-petrov@yandex.ru');
  });
});

describe('the duplicate-merge job', () => {
  it('groups profiles sharing a phone or an e-mail, transitively, whatever their spelling', async () => {
    const olgaPhone = phone();
    const a = await profile({ phone: olgaPhone.spaced, createdAt: '2021-01-01T00:00:00Z' });
    const b = await profile({
      phone: olgaPhone.e164,
      email: 'Olga.Petrova@gmail.com',
      createdAt: '2022-01-01T00:00:00Z',
    });
    const c = await profile({ email: ' olgapetrova@GMAIL.com ', createdAt: '2023-01-01T00:00:00Z' });
    const d = await profile({ email: 'Ivan@Mail.ru', createdAt: '2020-01-01T00:00:00Z' });
    const e = await profile({ email: 'ivan@mail.ru ', createdAt: '2024-01-01T00:00:00Z' });
    const alone = await profile({ phone: phone().e164, email: 'alone@mail.ru' });

    const planned = await dedupeCustomers(hq.pool, { customerIds: [a, d, alone], dryRun: true });
    expect(planned.groups).toEqual([
      { survivorId: a, mergedIds: [b, c] },
      { survivorId: d, mergedIds: [e] },
    ]);
    // A dry run merges nothing.
    for (const id of [a, b, c, d, e]) expect((await stored(id)).mergedInto).toBeNull();

    const report = await dedupeCustomers(hq.pool, { customerIds: [a, d, alone] });
    expect(report.merged).toEqual({ [b]: a, [c]: a, [e]: d });
    expect((await stored(b)).mergedInto).toBe(a);
    expect((await stored(c)).mergedInto).toBe(a);
    expect((await stored(e)).mergedInto).toBe(d);
    expect((await stored(alone)).mergedInto).toBeNull();
    // The survivor is what the person is now known by: both keys, the phone in E.164.
    expect(await stored(a)).toMatchObject({ phone: olgaPhone.e164, email: 'Olga.Petrova@gmail.com' });
  });

  it('chooses the survivor by loyalty card, then purchases, revenue, age and id', async () => {
    const facts = (over: Partial<SurvivorFacts>): SurvivorFacts => ({
      id: 1,
      hasCard: false,
      purchases: 0,
      revenueMinor: 0,
      createdAt: '2022-01-01T00:00:00.000Z',
      ...over,
    });
    const order = (...profiles: SurvivorFacts[]) => profiles.sort(bySurvivorship).map((p) => p.id);
    expect(order(facts({ id: 1, purchases: 9 }), facts({ id: 2, hasCard: true }))).toEqual([2, 1]);
    expect(order(facts({ id: 1, purchases: 1 }), facts({ id: 2, purchases: 2 }))).toEqual([2, 1]);
    expect(order(facts({ id: 1, revenueMinor: 100 }), facts({ id: 2, revenueMinor: 200 }))).toEqual([2, 1]);
    expect(
      order(
        facts({ id: 1, createdAt: '2023-01-01T00:00:00.000Z' }),
        facts({ id: 2, createdAt: '2020-01-01T00:00:00.000Z' }),
      ),
    ).toEqual([2, 1]);
    expect(order(facts({ id: 2 }), facts({ id: 1 }))).toEqual([1, 2]);

    // Purchases are the profile's store receipts and online orders, and those of profiles merged into it.
    const shared = phone();
    const older = await profile({ phone: shared.e164, createdAt: '2019-01-01T00:00:00Z' });
    const buyer = await profile({ phone: shared.e164, createdAt: '2023-01-01T00:00:00Z' });
    const mergedBefore = await profile({ name: '', createdAt: '2023-01-01T00:00:00Z' });
    await hq.pool.query('UPDATE customers SET merged_into = $1 WHERE id = $2', [buyer, mergedBefore]);
    await hq.pool.query(
      `INSERT INTO online_orders (order_no, shop_code, customer_id, ordered_at, currency, total_minor) VALUES
         ($1, 'web', $2, '2023-02-01', 'RUB', 150000), ($3, 'web', $4, '2023-03-01', 'RUB', 99000)`,
      [`W-${buyer}-1`, buyer, `W-${buyer}-2`, mergedBefore],
    );
    const report = await dedupeCustomers(hq.pool, { customerIds: [older] });
    expect(report.groups).toEqual([{ survivorId: buyer, mergedIds: [older] }]);
    // The earlier tombstone stays one hop from its person.
    expect((await stored(mergedBefore)).mergedInto).toBe(buyer);
  });

  it('builds the golden record from the survivor, its gaps filled, when the profiles carry no clocks', async () => {
    const olga = phone();
    const survivor = await profile({
      name: 'Ольга Петрова',
      phone: olga.e164,
      attributes: { shoe_size: '38' },
      tier: 'silver',
      points: 120,
      card: '2700000009991',
      createdAt: '2021-05-01T00:00:00Z',
    });
    const duplicate = await profile({
      name: 'Olga Petrova',
      phone: olga.spaced,
      email: 'olga.petrova@example.ru',
      birthday: '1990-04-12',
      attributes: { shoe_size: '39', style: 'classic' },
      tier: 'gold',
      points: 80,
      createdAt: '2019-03-01T00:00:00Z',
      source: 'online',
    });
    const [s, d] = [survivor, duplicate];
    await hq.pool.query(`
      INSERT INTO consents (customer_id, purpose, channel, granted, recorded_at) VALUES
        (${s}, 'processing', NULL, true, '2021-05-01'), (${s}, 'marketing', 'sms', true, '2023-01-01'),
        (${d}, 'processing', NULL, true, '2019-03-01'), (${d}, 'marketing', 'sms', false, '2024-02-01'),
        (${d}, 'marketing', 'email', true, '2022-01-01');
      INSERT INTO customer_notes (customer_id, text, noted_at, mutation_id)
        VALUES (${d}, 'Любит классику', '2023-04-01', gen_random_uuid());
      INSERT INTO customer_tags (customer_id, tag, on_profile, changed_at) VALUES
        (${s}, 'vip', false, '2023-01-01'), (${d}, 'vip', true, '2024-01-01');
      INSERT INTO saved_bags (customer_id, items, updated_at) VALUES
        (${s}, '[{"productId": 1, "quantityMilli": 1000}]', '2023-01-01'),
        (${d}, '[{"productId": 2, "quantityMilli": 2000}]', '2024-01-01');
      INSERT INTO coupons (code, customer_id, valid_from, valid_until)
        VALUES ('OLGA-UNUSED-${d}', ${d}, '2024-01-01', '2030-01-01');`);

    const report = await dedupeCustomers(hq.pool, { customerIds: [duplicate] });
    expect(report.groups).toEqual([{ survivorId: survivor, mergedIds: [duplicate] }]);
    const golden = await stored(survivor);
    expect(golden).toMatchObject({
      name: 'Ольга Петрова',
      phone: olga.e164,
      email: 'olga.petrova@example.ru',
      birthday: '1990-04-12',
      attributes: { shoe_size: '38', style: 'classic' },
      tier: 'gold',
      points: 200,
      createdAt: '2019-03-01T00:00:00.000Z',
      cards: [{ cardNo: '2700000009991' }],
      mergedInto: null,
    });
    // The latest consent per purpose and channel, from either profile: the withdrawal stands.
    expect(golden.consents.map(({ purpose, channel, granted }) => ({ purpose, channel, granted }))).toEqual([
      { purpose: 'marketing', channel: 'email', granted: true },
      { purpose: 'marketing', channel: 'sms', granted: false },
      { purpose: 'processing', channel: null, granted: true },
    ]);
    expect(await stored(duplicate)).toMatchObject({ mergedInto: survivor, points: 0 });
    expect(await hq.count('customer_notes', 'customer_id = $1', [survivor])).toBe(1);
    expect(await hq.count('customer_tags', 'customer_id = $1 AND on_profile', [survivor])).toBe(1);
    expect(await hq.count('customer_tags', 'customer_id = $1', [duplicate])).toBe(0);
    const bag = await hq.pool.query<{ items: unknown }>(
      'SELECT items FROM saved_bags WHERE customer_id = $1',
      [survivor],
    );
    expect(bag.rows).toEqual([{ items: [{ productId: 2, quantityMilli: 2000 }] }]);
    expect(await hq.count('coupons', 'customer_id = $1', [survivor])).toBe(1);
  });

  it('takes per field the value of the newest edit when the profiles carry field clocks', async () => {
    const anna = phone();
    const survivor = await profile({
      name: 'Анна Смирнова',
      phone: anna.e164,
      email: 'anna@old.example.ru',
      birthday: '1985-05-05',
      attributes: { size: 'M' },
      card: '2700000009992',
      clocks: {
        name: stamp('2024-01-01T00:00:00Z', 'till-a'),
        email: stamp('2025-03-01T00:00:00Z', 'till-a'),
        'attr:size': stamp('2023-01-01T00:00:00Z', 'till-a'),
        'consent:marketing:sms': stamp('2024-01-01T00:00:00Z', 'till-a'),
      },
    });
    const duplicate = await profile({
      name: 'Анна Кузнецова',
      phone: anna.e164,
      email: 'anna@new.example.ru',
      birthday: null,
      attributes: { size: 'L', colour: 'red' },
      clocks: {
        name: stamp('2025-01-01T00:00:00Z', 'online'),
        email: stamp('2024-06-01T00:00:00Z', 'online'),
        // The customer removed the birthday: an edit, not a gap to fill.
        birthday: stamp('2025-02-01T00:00:00Z', 'online'),
        'attr:size': stamp('2024-01-01T00:00:00Z', 'online'),
        'consent:marketing:sms': stamp('2025-01-05T00:00:00Z', 'online'),
      },
    });

    const report = await dedupeCustomers(hq.pool, { customerIds: [survivor] });
    expect(report.groups).toEqual([{ survivorId: survivor, mergedIds: [duplicate] }]);
    const golden = await stored(survivor);
    expect(golden).toMatchObject({
      name: 'Анна Кузнецова',
      email: 'anna@old.example.ru',
      birthday: null,
      attributes: { size: 'L', colour: 'red' },
    });
    expect(golden.clocks).toEqual({
      name: stamp('2025-01-01T00:00:00Z', 'online'),
      email: stamp('2025-03-01T00:00:00Z', 'till-a'),
      birthday: stamp('2025-02-01T00:00:00Z', 'online'),
      'attr:size': stamp('2024-01-01T00:00:00Z', 'online'),
      'consent:marketing:sms': stamp('2025-01-05T00:00:00Z', 'online'),
    });
  });

  it('never merges an erased profile, nor two profiles through one', async () => {
    const shared = phone();
    const living = await profile({ phone: shared.e164 });
    // An erased row that still holds keys (erasure empties them; the job must not rely on it).
    const erased = await profile({ phone: shared.e164, email: 'erased@example.ru', erased: true });
    const other = await profile({ email: 'erased@example.ru' });
    const report = await dedupeCustomers(hq.pool, { customerIds: [living, erased, other] });
    expect(report.groups).toEqual([]);
    for (const id of [living, erased, other]) expect((await stored(id)).mergedInto).toBeNull();
  });

  it('leaves out a profile erased while the job waits for its row', async () => {
    const shared = phone();
    const a = await profile({ phone: shared.e164 });
    const b = await profile({ phone: shared.e164 });
    const eraser = await hq.pool.connect();
    try {
      await eraser.query('BEGIN');
      await eraser.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [b]);
      const run = dedupeCustomers(hq.pool, { customerIds: [a] });
      await until(async () => {
        const { rows } = await hq.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        return (rows[0]?.n ?? 0) > 0;
      });
      await eraser.query(
        `UPDATE customers SET erased_at = now(), name = '', phone_e164 = NULL WHERE id = $1`,
        [b],
      );
      await eraser.query('COMMIT');
      expect((await run).groups).toEqual([]);
    } finally {
      eraser.release();
    }
    expect(await stored(a)).toMatchObject({ mergedInto: null, erased: false, phone: shared.e164 });
    expect(await stored(b)).toMatchObject({ mergedInto: null, erased: true });
  });

  it('lets a phone on more profiles than a person has link nothing, and reports it', async () => {
    const placeholder = '+70000000000';
    const ids = [];
    for (let n = 0; n < 4; n++)
      ids.push(await profile({ phone: placeholder, email: `shared-${n < 2 ? 'pair' : n}@example.ru` }));
    const report = await dedupeCustomers(hq.pool, { customerIds: [ids[0] ?? 0], maxProfilesPerKey: 3 });
    expect(report.crowdedKeys).toEqual([{ kind: 'phone', profiles: 4, sampleIds: ids }]);
    // The two that share an e-mail as well are one person.
    expect(report.groups).toEqual([{ survivorId: ids[0], mergedIds: [ids[1]] }]);
  });

  it('merges every group in bounded batches, and a second run changes nothing', async () => {
    const pairs = [];
    for (let n = 0; n < 7; n++) {
      const shared = phone();
      pairs.push([await profile({ phone: shared.e164 }), await profile({ phone: shared.spaced })]);
    }
    const first = await dedupeCustomers(hq.pool, { batchProfiles: 4, maxProfilesPerKey: 3 });
    for (const [survivor, duplicate] of pairs) expect(first.merged[String(duplicate)]).toBe(survivor);
    const before = await everyRow();
    const second = await dedupeCustomers(hq.pool, { maxProfilesPerKey: 3 });
    expect(second.groups).toEqual([]);
    expect(second.merged).toEqual({});
    // Not one row written: every change stamp is as it was.
    expect(await everyRow()).toEqual(before);
  });

  it('tells the tills: a tombstone for each duplicate and the survivor as it now is', async () => {
    let cursor: string | null = null;
    for (let hasMore = true; hasMore;) {
      const page = await pullCustomers(cursor);
      cursor = page.cursor;
      hasMore = page.hasMore;
    }
    const shared = phone();
    const survivor = await profile({ phone: shared.e164, card: '2700000009993' });
    const duplicate = await profile({
      phone: shared.spaced,
      email: 'feed@example.ru',
      card: '2700000009994',
    });
    await dedupeCustomers(hq.pool, { customerIds: [survivor] });

    const items: CustomerItem[] = [];
    for (let hasMore = true; hasMore;) {
      const page = await pullCustomers(cursor);
      items.push(...page.items);
      cursor = page.cursor;
      hasMore = page.hasMore;
    }
    expect(items.find((item) => item.id === duplicate)).toMatchObject({
      state: 'merged',
      mergedInto: survivor,
    });
    const golden = items.find((item) => item.id === survivor);
    expect(golden).toMatchObject({ state: 'profile', phoneE164: shared.e164, email: 'feed@example.ru' });
    expect(golden?.state === 'profile' && golden.cards.map((card) => card.cardNo)).toEqual([
      '2700000009993',
      '2700000009994',
    ]);
  });
});

describe('the admin API and command', () => {
  const admin = (body: unknown, token = ADMIN_TOKEN, path = '/customers/dedupe') =>
    fetch(`${hq.url}/v1/admin${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('refuses a wrong token, a malformed request and customers HQ does not have', async () => {
    expect((await admin({}, 'not-the-admin-token-0123456789abcdefgh')).status).toBe(401);
    expect((await admin({ dryRun: 'yes' })).status).toBe(400);
    expect((await admin({ customerIds: [] })).status).toBe(400);
    expect((await admin({ customerIds: [1], all: true })).status).toBe(400);
    const unknown = await admin({ customerIds: [987_654_321] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'NOT_FOUND', unknownIds: [987_654_321] });
    expect(
      (await admin({ from: 987_654_320, into: 987_654_321 }, ADMIN_TOKEN, '/customers/merge')).status,
    ).toBe(404);
  });

  it('merges on request and answers with the groups and each merged id with its survivor', async () => {
    const shared = phone();
    const a = await profile({ phone: shared.e164, card: '2700000009995' });
    const b = await profile({ phone: shared.spaced });
    const dry = await admin({ customerIds: [b], dryRun: true });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, merged: { [b]: a } });
    expect((await stored(b)).mergedInto).toBeNull();

    const answer = await admin({ customerIds: [b] });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as DedupeReport;
    expect(report).toMatchObject({
      dryRun: false,
      groups: [{ survivorId: a, mergedIds: [b] }],
      merged: { [b]: a },
    });
    expect((await stored(b)).mergedInto).toBe(a);
    // The whole chain, with nothing asked for: nothing is left to merge.
    const all = await admin({});
    expect(all.status).toBe(200);
    expect(await all.json()).toMatchObject({ groups: [], merged: {} });
  });

  it('dedupe-customers prints what it would merge and what it merged', async () => {
    const shared = phone();
    const a = await profile({ phone: shared.e164, createdAt: '2020-01-01T00:00:00Z' });
    const b = await profile({ phone: shared.spaced });
    const lines: string[] = [];
    await runAdmin(['dedupe-customers', '--id', String(b), '--dry-run'], hq.pool, (line) => lines.push(line));
    await runAdmin(['dedupe-customers', '--id', String(b)], hq.pool, (line) => lines.push(line));
    expect(lines).toEqual([
      `${b} would lead to ${a}`,
      expect.stringMatching(/^Would merge 1 profiles in 1 groups/),
      `${b} now lead to ${a}`,
      expect.stringMatching(/^Merged 1 profiles in 1 groups/),
    ]);
  });
});

async function pullCustomers(after: string | null) {
  const query = new URLSearchParams({ limit: '500', ...(after ? { after } : {}) });
  const response = await fetch(`${hq.url}/v1/pull/customers?${query}`, {
    headers: { authorization: `Bearer ${terminal.credential}` },
  });
  expect(response.status).toBe(200);
  return pullPage('customers').parse(await response.json());
}

async function everyRow() {
  const { rows } = await hq.pool.query(
    'SELECT id, merged_into, change_xid::text, change_seq FROM customers ORDER BY id',
  );
  return rows;
}

async function until(ok: () => Promise<boolean>, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
