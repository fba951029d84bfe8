import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CustomerItem, SnapshotControl, pullPage } from '../contract/sync';
import type { EnrolResponse, PullPage, PullStream } from '../contract/sync';
import { renewEpoch } from './db/epoch';
import { startTestHq } from './test-hq';
import type { TestHq } from './test-hq';
import { enrolled, mutation, sale } from './test-payloads';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

const ADMIN_TOKEN = 'admin-token-for-the-tests-0123456789abcdef';
let hq: TestHq;
let terminal: EnrolResponse;
let other: EnrolResponse;

beforeAll(async () => {
  hq = await startTestHq({ adminToken: ADMIN_TOKEN });
  await hq.createStore('0001', 'Omnitill Тверская');
  await hq.createStore('0002', 'Omnitill Невский');
  terminal = await hq.enrol('0001', '01');
  other = await hq.enrol('0002', '01');
  await hq.pool.query(`
    INSERT INTO categories (id, parent_id, names) VALUES (1, NULL, '{"ru": "Молочные продукты"}');
    INSERT INTO products (id, sku, names, unit, tax_rate_bp, category_id) VALUES
      (1, 'milk', '{"ru": "Молоко 3,2 % 1 л"}', 'piece', 1000, 1),
      (2, 'bread', '{"ru": "Хлеб бородинский"}', 'piece', 1000, NULL);
    INSERT INTO product_barcodes (code, product_id) VALUES ('4607001000014', 1), ('4607001000021', 2);
  `);
}, 30_000);
afterAll(() => hq?.close());

async function pull(stream: PullStream, after: string | null = null, who = terminal, limit = 500) {
  const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
  const response = await fetch(`${hq.url}/v1/pull/${stream}?${query}`, {
    headers: { authorization: `Bearer ${who.credential}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function page<S extends PullStream>(
  stream: S,
  after: string | null = null,
  who = terminal,
  limit = 500,
): Promise<PullPage<S>> {
  const answer = await pull(stream, after, who, limit);
  expect(answer.status).toBe(200);
  return pullPage(stream).parse(answer.body) as PullPage<S>;
}

const admin = (path: string, body: unknown, token = ADMIN_TOKEN, method = 'POST') =>
  fetch(`${hq.url}/v1/admin${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe('the change feeds', () => {
  it('serve the catalogue as the contract shapes it, and then nothing new', async () => {
    const first = await page('catalogue');
    expect(first.items).toEqual([
      { kind: 'category', id: 1, parentId: null, names: { ru: 'Молочные продукты' } },
      expect.objectContaining({
        kind: 'product',
        id: 1,
        barcodes: ['4607001000014'],
        categoryId: 1,
        active: true,
      }),
      expect.objectContaining({ kind: 'product', id: 2, barcodes: ['4607001000021'] }),
    ]);
    expect(first.hasMore).toBe(false);
    expect(first.cursor).toMatch(new RegExp(`^v1\\.${await hq.epoch()}\\.`));
    const again = await page('catalogue', first.cursor);
    expect(again).toEqual({ stream: 'catalogue', items: [], cursor: first.cursor, hasMore: false });

    // A new barcode serves its product again, whole.
    await hq.pool.query(`INSERT INTO product_barcodes (code, product_id) VALUES ('4607001000038', 2)`);
    const changed = await page('catalogue', first.cursor);
    expect(changed.items).toEqual([
      expect.objectContaining({ id: 2, barcodes: ['4607001000021', '4607001000038'] }),
    ]);
  });

  it('never skips a change whose transaction commits after a later one', async () => {
    const start = (await page('catalogue')).cursor;
    const slow = await hq.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(`UPDATE products SET names = '{"ru": "Молоко 2,5 %"}' WHERE id = 1`);
      // Stamped after the slow one, committed before it.
      await hq.pool.query(`UPDATE products SET names = '{"ru": "Хлеб ржаной"}' WHERE id = 2`);
      const meanwhile = await page('catalogue', start);
      expect(meanwhile.items).toEqual([]);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    const after = await page('catalogue', start);
    expect(after.items.map((item) => item.id)).toEqual([1, 2]);
  });

  it('pages by the limit and goes on from each cursor', async () => {
    await hq.pool.query(`
      INSERT INTO prices (product_id, store_id, price_minor, valid_from)
      SELECT 1, NULL, 1000 + g, '2020-01-01'::timestamptz + make_interval(days => g) FROM generate_series(1, 25) g`);
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let round = 0; round < 10; round++) {
      const next: PullPage<'prices'> = await page('prices', cursor, terminal, 10);
      seen.push(...next.items.map((item) => item.priceMinor));
      cursor = next.cursor;
      if (!next.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => 1001 + index));
  });

  it("serves a store its own prices and the chain's, never another store's", async () => {
    await hq.pool.query(`
      INSERT INTO prices (product_id, store_id, price_minor, valid_from) VALUES
        (2, (SELECT id FROM stores WHERE code = '0001'), 4000, '2024-01-01'),
        (2, (SELECT id FROM stores WHERE code = '0002'), 4100, '2024-01-01')`);
    const mine = (await page('prices', null, terminal, 100)).items.filter((item) => item.productId === 2);
    const theirs = (await page('prices', null, other, 100)).items.filter((item) => item.productId === 2);
    expect(mine).toEqual([
      { productId: 2, scope: 'store', priceMinor: 4000, validFrom: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(theirs).toEqual([
      { productId: 2, scope: 'store', priceMinor: 4100, validFrom: '2024-01-01T00:00:00.000Z' },
    ]);
  });

  it("names the terminal's own id of a profile it enrolled, and only to that terminal", async () => {
    const push = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${terminal.credential}` },
      body: JSON.stringify({
        terminalId: terminal.terminalId,
        hqEpoch: terminal.hqEpoch,
        mutations: [mutation(1, 'customer.enrolled', enrolled(2 ** 40 + 7, { name: 'Вера Лукина' }))],
      }),
    });
    const hqId = ((await push.json()) as { acks: { result: { customerId: number } }[] }).acks[0]?.result
      .customerId;
    const mine = (await page('customers')).items.find((item) => item.id === hqId);
    const theirs = (await page('customers', null, other)).items.find((item) => item.id === hqId);
    expect(mine).toMatchObject({ state: 'profile', name: 'Вера Лукина', localIds: [2 ** 40 + 7] });
    expect(theirs).toMatchObject({ state: 'profile', localIds: [] });
  });

  it('refuses a cursor of another HQ epoch, naming the epoch to start again under', async () => {
    const cursor = (await page('catalogue')).cursor;
    const epoch = await renewEpoch(hq.pool);
    const answer = await pull('catalogue', cursor);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'CURSOR_STALE', hqEpoch: epoch });
    expect((await pull('catalogue', 'v1.x.1')).status).toBe(400);
    expect((await pull('everything' as PullStream)).status).toBe(404);
  });

  it('answers only enrolled terminals', async () => {
    const response = await fetch(`${hq.url}/v1/pull/customers`);
    expect(response.status).toBe(401);
  });
});

describe('customer tombstones', () => {
  it('carry the survivor of a merge, and nothing personal after an erasure', async () => {
    const { rows } = await hq.pool.query<{ id: number }>(`
      INSERT INTO customers (name, phone_e164, email, source, created_at) VALUES
        ('Дмитрий Орлов', '+79161110001', 'orlov@example.ru', 'till', now()),
        ('Дима Орлов', '+79161110002', NULL, 'online', now())
      RETURNING id`);
    const [keep, duplicate] = rows.map((row) => row.id);
    await hq.pool.query(
      `INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES ('7700000000999', $1, now())`,
      [duplicate],
    );
    const start = (await page('customers', null, terminal, 5000)).cursor;

    expect((await admin('/customers/merge', { from: duplicate, into: keep })).status).toBe(200);
    const merged = (await page('customers', start)).items;
    expect(merged).toEqual([
      expect.objectContaining({ state: 'merged', id: duplicate, mergedInto: keep }),
      expect.objectContaining({
        state: 'profile',
        id: keep,
        cards: [expect.objectContaining({ cardNo: '7700000000999' })],
      }),
    ]);

    expect((await admin(`/customers/${keep}/erase`, {})).status).toBe(200);
    const erased = (await page('customers', start)).items;
    expect(erased.map((item) => item.state)).toEqual(['erased', 'erased']);
    const text = JSON.stringify(erased);
    for (const personal of ['Орлов', '79161110001', 'orlov@', '7700000000999'])
      expect(text).not.toContain(personal);
    for (const item of erased)
      expect(Object.keys(CustomerItem.parse(item)).sort()).toEqual(['erasedAt', 'id', 'localIds', 'state']);
  });
});

describe('the snapshot', () => {
  it('streams gzip NDJSON with a checkpoint cursor after each read and an end line', async () => {
    const response = await fetch(`${hq.url}/v1/snapshot/catalogue`, {
      headers: { authorization: `Bearer ${terminal.credential}`, 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(Number(response.headers.get('x-omnitill-items'))).toBe(3);
    const lines = (await response.text()).trim().split('\n');
    expect(lines).toHaveLength(4);
    const end = SnapshotControl.parse(JSON.parse(lines[3] ?? ''));
    expect(end).toEqual({ '@end': expect.stringMatching(/^v1\./), items: 3 });
  });
});

describe('the admin API', () => {
  it('imports online orders once, finding or creating their customers', async () => {
    await hq.pool.query(`INSERT INTO customers (name, phone_e164, source, created_at)
      VALUES ('Дмитрий Соколов', '+79161110077', 'till', now())`);
    const order = {
      orderNo: 'WEB-1001',
      shopCode: 'web',
      customer: { phoneE164: '+79161110077', name: 'Дмитрий' },
      orderedAt: '2024-05-01T10:00:00.000Z',
      currency: 'RUB',
      lines: [
        { sku: 'milk', quantityMilli: 2000, totalMinor: 17980 },
        { productId: 2, quantityMilli: 1000, totalMinor: 4550 },
      ],
    };
    const fresh = {
      ...order,
      orderNo: 'WEB-1002',
      customer: { email: 'new@example.ru', name: 'Новая Покупательница' },
    };
    const first = await admin('/online-orders', { orders: [order, fresh] });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ imported: 2, duplicates: 0, customersCreated: 1 });
    const again = await admin('/online-orders', { orders: [order] });
    expect(await again.json()).toMatchObject({ imported: 0, duplicates: 1 });

    const history = (await page('history', null, terminal, 100)).items;
    expect(
      history
        .filter((item) => item.channel === 'online')
        .map((item) => item.documentNo)
        .sort(),
    ).toEqual(['WEB-1001', 'WEB-1002']);
    expect(history.find((item) => item.documentNo === 'WEB-1001')?.lines).toEqual([
      expect.objectContaining({
        lineNo: 1,
        productId: 1,
        quantityMilli: 2000,
        totalMinor: 17980,
        categoryId: 1,
      }),
      expect.objectContaining({ lineNo: 2, productId: 2 }),
    ]);
  });

  it("serves a store's sales to the store's other tills as history, not to the till that rang them up", async () => {
    const { rows } = await hq.pool.query<{ id: number }>(
      `SELECT id FROM customers WHERE name = 'Вера Лукина'`,
    );
    const seller = await hq.enrol('0001', '02');
    const push = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seller.credential}` },
      body: JSON.stringify({
        terminalId: seller.terminalId,
        hqEpoch: await hq.epoch(),
        mutations: [
          mutation(1, 'sale.completed', sale({ terminalCode: '02', customerId: rows[0]?.id ?? 0 })),
        ],
      }),
    });
    expect(push.status).toBe(200);
    const [receiptNo] = (
      await hq.pool.query<{ receiptNo: string }>(
        `SELECT receipt_no AS "receiptNo" FROM sales WHERE terminal_id = $1`,
        [seller.terminalId],
      )
    ).rows.map((row) => row.receiptNo);
    const seen = (await page('history', null, terminal, 100)).items.map((item) => item.documentNo);
    const ownSeen = (await page('history', null, seller, 100)).items.map((item) => item.documentNo);
    expect(seen).toContain(receiptNo);
    expect(ownSeen).not.toContain(receiptNo);
  });

  it('publishes a recommendation model with the SHA-256 of its bytes', async () => {
    const model = {
      version: 1,
      builtAt: '2024-05-01T00:00:00.000Z',
      source: 'hq',
      normalisation: 'cosine',
      basketCount: 10,
      popularity: [{ productId: 1, baskets: 7 }],
      neighbours: [{ productId: 1, neighbourIds: [2], scores: [0.5] }],
    };
    const published = await admin('/reco-models', model);
    expect(published.status).toBe(201);
    const { version, sha256 } = (await published.json()) as { version: number; sha256: string };
    const announced = (await page('reco')).items;
    expect(announced).toEqual([expect.objectContaining({ version, sha256 })]);
    const bytes = await fetch(`${hq.url}/v1/reco-models/${version}`, {
      headers: { authorization: `Bearer ${terminal.credential}` },
    });
    expect(bytes.headers.get('x-content-sha256')).toBe(sha256);
    expect(await bytes.json()).toEqual(model);
    expect((await admin('/reco-models', { ...model, neighbours: 'many' })).status).toBe(400);
  });

  it('refuses a terminal credential and a wrong token, and checks settings against the contract', async () => {
    expect((await admin('/online-orders', { orders: [] }, terminal.credential)).status).toBe(401);
    expect((await admin('/online-orders', { orders: [] }, 'x'.repeat(40))).status).toBe(401);
    const bad = await admin('/settings/rfm.boundaries', { recency: [1, 2, 3] }, ADMIN_TOKEN, 'PUT');
    expect(bad.status).toBe(400);
    const good = await admin(
      '/settings/rfm.boundaries',
      {
        recency: [7, 30, 90, 180],
        frequency: [1, 2, 4, 8],
        monetary: [1000, 5000, 20000, 80000],
        computedAt: '2024-05-01T00:00:00.000Z',
      },
      ADMIN_TOKEN,
      'PUT',
    );
    expect(good.status).toBe(200);
    expect((await page('settings')).items).toEqual([expect.objectContaining({ key: 'rfm.boundaries' })]);
  });
});
