import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCoupons } from '../store/coupons';
import { ean13 } from '../services/test-till';
import { renewEpoch } from '../../hq/db/epoch';
import { createPuller } from './puller';
import { startPullWorld } from './test-pull';
import type { PullWorld } from './test-pull';

// A real PostgreSQL and a real till on 2 shared cores.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let world: PullWorld;
const kefir = { id: 101, barcode: ean13('460700200001'), chainPrice: 9900, name: 'Кефир 1 %' };
const rye = {
  id: 102,
  barcode: ean13('460700200002'),
  chainPrice: 5500,
  storePrice: 4900,
  name: 'Хлеб ржаной',
};
const card = ean13('270000000201');
const keyring = { keys: [{ id: 'k2025', secret: Buffer.alloc(32, 7).toString('base64'), retired: false }] };
const rfm = {
  recency: [7, 30, 90, 180],
  frequency: [1, 2, 4, 8],
  monetary: [1000, 5000, 20000, 80000],
  computedAt: '2025-01-01T00:00:00.000Z',
};
const model = {
  version: 1,
  builtAt: '2025-01-01T00:00:00.000Z',
  source: 'hq',
  normalisation: 'cosine',
  basketCount: 40,
  popularity: [
    { productId: kefir.id, baskets: 30 },
    { productId: rye.id, baskets: 20 },
  ],
  neighbours: [{ productId: kefir.id, neighbourIds: [rye.id], scores: [0.7] }],
};

beforeAll(async () => {
  world = await startPullWorld();
  const { hq } = world;
  await hq.pool.query(`
    INSERT INTO categories (id, parent_id, names) VALUES (10, NULL, '{"ru": "Молочное"}'), (11, 10, '{"ru": "Кефир"}');
    INSERT INTO products (id, sku, names, unit, tax_rate_bp, category_id) VALUES
      (${kefir.id}, 'kefir', '{"ru": "${kefir.name}", "en": "Kefir"}', 'piece', 1000, 11),
      (${rye.id}, 'rye', '{"ru": "${rye.name}"}', 'piece', 1000, NULL);
    INSERT INTO product_barcodes (code, product_id) VALUES ('${kefir.barcode}', ${kefir.id}), ('${rye.barcode}', ${rye.id});
    INSERT INTO prices (product_id, store_id, price_minor, valid_from) VALUES
      (${kefir.id}, NULL, ${kefir.chainPrice}, '2020-01-01'),
      (${rye.id}, NULL, ${rye.chainPrice}, '2020-01-01'),
      (${rye.id}, (SELECT id FROM stores WHERE code = '0001'), ${rye.storePrice}, '2020-01-01');
    INSERT INTO customers (id, name, phone_e164, email, birthday, attributes, source, home_store_id, created_at,
                           tier, points_balance, expected_ltv_minor) VALUES
      (201, 'Ксения Белова', '+79167770201', 'Kseniya.Belova@gmail.com', '1991-03-08', '{"shoe_size": "37"}',
       'online', (SELECT id FROM stores WHERE code = '0001'), '2023-02-01', 'gold', 1200, 450000),
      (202, 'Игорь Петров', '+79167770202', NULL, NULL, '{}', 'till', (SELECT id FROM stores WHERE code = '0002'),
       '2023-03-01', 'basic', 0, NULL);
    INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES ('${card}', 201, '2023-02-01');
    INSERT INTO consents (customer_id, purpose, channel, granted, recorded_at) VALUES
      (201, 'processing', NULL, true, '2023-02-01'), (201, 'marketing', 'sms', true, '2023-02-01');
    INSERT INTO coupons (code, customer_id, kind, percent_bp, min_spend_minor, valid_from, valid_until) VALUES
      ('KSENIA-10', 201, 'birthday', 1000, 0, '2020-01-01', '2099-01-01'),
      ('IGOR-10', 202, 'winback', 1000, 0, '2020-01-01', '2099-01-01');
    INSERT INTO coupons (code, customer_id, kind, amount_minor, min_spend_minor, valid_from, valid_until) VALUES
      ('SPRING', NULL, 'segment', 50000, 300000, '2020-01-01', '2099-01-01');
  `);
  const imported = await world.admin('/online-orders', {
    orders: [
      {
        orderNo: 'WEB-77',
        shopCode: 'web',
        customer: { id: 201 },
        orderedAt: '2024-11-02T12:00:00.000Z',
        currency: 'RUB',
        lines: [{ sku: 'kefir', quantityMilli: 3000, totalMinor: 29700 }],
      },
    ],
  });
  expect(imported.status).toBe(200);
  expect((await world.admin('/settings/rfm.boundaries', rfm, 'PUT')).status).toBe(200);
  expect((await world.admin('/settings/member-qr.keyring', keyring, 'PUT')).status).toBe(200);
  expect((await world.admin('/reco-models', model)).status).toBe(201);
}, 60_000);
afterAll(() => world?.close());

describe('pulling HQ streams into a till', () => {
  it('brings every stream: the catalogue sells at the price in force, customers are found, coupons, history, settings and the model are there', async () => {
    const t = await world.till();
    const cycle = await t.puller.pullNow();
    expect(cycle.failed).toEqual([]);
    expect(cycle.applied).toMatchObject({
      catalogue: 4,
      prices: 3,
      customers: 2,
      coupons: 2,
      history: 1,
      settings: 2,
      reco: 1,
    });

    // Scanned at checkout: the chain's price, and this store's own where it has one.
    const cart = await t.till.must('cart.scan', { code: kefir.barcode, source: 'wedge' });
    expect(cart.lines.at(-1)).toMatchObject({
      unitPriceMinor: kefir.chainPrice,
      names: { ru: kefir.name, en: 'Kefir' },
    });
    const withRye = await t.till.must('cart.scan', { code: rye.barcode, source: 'wedge' });
    expect(withRye.lines.at(-1)).toMatchObject({ unitPriceMinor: rye.storePrice });

    // Found by card, by phone as typed, by e-mail as the mailbox, and by name in Latin letters.
    for (const query of [card, '8 916 777-02-01', 'kseniyabelova@gmail.com', 'kseniya bel']) {
      const found = await t.till.must('customers.identify', { query });
      expect(found).toMatchObject({ kind: 'one', profile: { id: 201, name: 'Ксения Белова', tier: 'gold' } });
    }
    const profile = await t.till.must('customers.profile', { customerId: 201 });
    expect(profile).toMatchObject({
      pointsBalance: 1200,
      marketing: { sms: true },
      stats: { expectedLtvMinor: 450000 },
    });
    expect(profile.history.map((purchase) => purchase.documentNo)).toContain('WEB-77');
    expect(profile.coupons.map((coupon) => coupon.code).sort()).toEqual(['KSENIA-10', 'SPRING']);

    // Another store's customer's personal coupon is not this store's business.
    expect(createCoupons(t.till.db).byCode('IGOR-10')).toBeNull();
    expect(t.count('rfm_boundaries', "source = 'hq'")).toBe(3);
    expect(t.settings.map((setting) => setting.key).sort()).toEqual(['member-qr.keyring', 'rfm.boundaries']);
    expect(t.models).toEqual([{ model, artefact: expect.objectContaining({ version: 1 }) }]);
    expect(t.puller.status()).toMatchObject({ state: 'idle', lastError: null });
    expect(t.puller.status().streams).toContainEqual(
      expect.objectContaining({ stream: 'customers', items: 2 }),
    );
    // The pusher went on beside it, never waited for.
    expect(t.till.services.sync.status().state).not.toBe('refused');
  });

  it('applies a price when its time comes, and what HQ changes later', async () => {
    const t = await world.till();
    await t.puller.pullNow();
    const start = t.clock.now.getTime();
    const tomorrow = new Date(start + 86_400_000).toISOString();
    await world.hq.pool.query(
      `INSERT INTO prices (product_id, store_id, price_minor, valid_from) VALUES ($1, NULL, 10900, $2)`,
      [kefir.id, tomorrow],
    );
    await world.hq.pool.query(`UPDATE products SET active = false WHERE id = $1`, [rye.id]);
    await t.puller.pullNow();
    const price = () =>
      t.till.db.prepare('SELECT price_minor FROM products WHERE id = ?').pluck().get(kefir.id);
    expect(price()).toBe(kefir.chainPrice);
    expect((await t.till.call('cart.scan', { code: rye.barcode, source: 'wedge' })).ok).toBe(false);

    t.clock.now = new Date(start + 2 * 86_400_000);
    await t.puller.pullNow();
    expect(price()).toBe(10900);
    await world.hq.pool.query(`UPDATE products SET active = true WHERE id = $1`, [rye.id]);
  });

  it('resumes after a cut in the middle of the pages from the cursor it stored', async () => {
    await world.hq.pool.query(`
      INSERT INTO customers (id, name, phone_e164, source, created_at)
      SELECT 300 + g, 'Клиент ' || g, '+7916888' || lpad(g::text, 4, '0'), 'import', now() FROM generate_series(1, 35) g`);
    let pages = 0;
    const cutAfterFirstPage = await world.till({
      pageLimit: 10,
      streams: ['customers'],
      fetch: (input, init) => {
        pages += 1;
        // The second page's answer is lost after HQ sent it.
        if (pages === 2) world.proxy.dropAnswers(1);
        return fetch(input, init);
      },
    });
    const first = await cutAfterFirstPage.puller.pullNow();
    expect(first.failed).toEqual([{ stream: 'customers', code: 'HQ_UNREACHABLE' }]);
    expect(cutAfterFirstPage.puller.status().state).toBe('offline');
    const held = cutAfterFirstPage.count('customers');
    expect(held).toBe(10);
    const cursor = cutAfterFirstPage.till.db
      .prepare("SELECT cursor FROM sync_cursors WHERE stream = 'customers'")
      .pluck()
      .get() as string;

    const requestsBefore = world.proxy.requests.length;
    const second = await cutAfterFirstPage.puller.pullNow();
    expect(second.failed).toEqual([]);
    expect(world.proxy.requests[requestsBefore]).toBe(
      `GET /v1/pull/customers?after=${encodeURIComponent(cursor)}&limit=10`,
    );
    const total = await world.hq.count('customers');
    expect(cutAfterFirstPage.count('customers')).toBe(total);
    expect(cutAfterFirstPage.count('customer_names')).toBe(total);
    expect(cutAfterFirstPage.puller.status()).toMatchObject({ state: 'idle', nextAttemptAt: null });
  });

  it('applies nothing of a malformed page, says so, and applies the good page after', async () => {
    let tamper = true;
    const t = await world.till({
      streams: ['customers'],
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!tamper || !String(input).includes('/v1/pull/customers')) return response;
        const page = (await response.json()) as { items: { phoneE164?: string }[] };
        const last = page.items.at(-1);
        if (last) last.phoneE164 = '8 (916) not a number';
        return new Response(JSON.stringify(page), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const refused = await t.puller.pullNow();
    expect(refused.failed).toEqual([{ stream: 'customers', code: 'PAGE_INVALID' }]);
    expect(t.puller.status().lastError).toMatchObject({ stream: 'customers', code: 'PAGE_INVALID' });
    expect(t.puller.status().lastError?.message).toContain('phoneE164');
    expect(t.count('customers')).toBe(0);
    expect(t.count('sync_cursors', "stream = 'customers' AND cursor IS NOT NULL")).toBe(0);
    expect(t.lines.some((line) => line.event === 'warn:sync.pull_failed')).toBe(true);

    tamper = false;
    expect((await t.puller.pullNow()).failed).toEqual([]);
    expect(t.count('customers')).toBe(await world.hq.count('customers'));
  });

  it('refuses a recommendation model whose bytes do not hash to what HQ announced, and keeps the one it has', async () => {
    const t = await world.till({ streams: ['reco'] });
    await t.puller.pullNow();
    expect(t.models).toHaveLength(1);
    const published = await world.admin('/reco-models', { ...model, basketCount: 41 });
    const { version } = (await published.json()) as { version: number };
    // Someone changed the stored model without publishing it: one byte, the same length.
    await world.hq.pool.query(
      `UPDATE reco_models SET body = convert_to(replace(convert_from(body, 'UTF8'), '"basketCount":41', '"basketCount":42'), 'UTF8')
       WHERE version = $1`,
      [version],
    );
    const refused = await t.puller.pullNow();
    expect(refused.failed).toEqual([{ stream: 'reco', code: 'RECO_MODEL_HASH' }]);
    expect(t.models).toHaveLength(1);
    expect(t.till.db.prepare('SELECT version FROM hq_reco_model').pluck().get()).toBe(1);

    // A good one after it is taken, and is what a restarted till starts with.
    const good = await world.admin('/reco-models', { ...model, basketCount: 43 });
    const fixed = (await good.json()) as { version: number };
    expect((await t.puller.pullNow()).failed).toEqual([]);
    expect(t.models.at(-1)?.model.basketCount).toBe(43);
    t.puller.stop();
    const handedOver: number[] = [];
    createPuller({
      db: t.till.db,
      dataDir: t.till.dataDir,
      log: { info() {}, warn() {}, error() {} },
      schedule: () => () => {},
      streams: [],
      onRecoModel: (_model, artefact) => handedOver.push(artefact.version),
    }).start();
    expect(handedOver).toEqual([fixed.version]);
  });

  it('pulls a stream again from its start after HQ was restored from a backup (a new epoch)', async () => {
    const t = await world.till({ streams: ['catalogue'] });
    await t.puller.pullNow();
    const before = t.count('products');
    // Restored, HQ's transaction ids may have started again lower: the till takes the stream again, whole.
    await world.hq.pool.query(`UPDATE products SET names = '{"ru": "Кефир 2,5 %"}' WHERE id = $1`, [
      kefir.id,
    ]);
    await renewEpoch(world.hq.pool);
    const again = await t.puller.pullNow();
    expect(again.failed).toEqual([]);
    expect(again.applied.catalogue).toBe(
      (await world.hq.count('products')) + (await world.hq.count('categories')),
    );
    expect(t.count('products')).toBe(before);
    const name = t.till.db
      .prepare("SELECT name FROM product_names WHERE product_id = ? AND locale = 'ru'")
      .pluck()
      .get(kefir.id);
    expect(name).toBe('Кефир 2,5 %');
    expect(
      t.till.db.prepare("SELECT cursor FROM sync_cursors WHERE stream = 'catalogue'").pluck().get(),
    ).toMatch(new RegExp(`^v1\\.${await world.hq.epoch()}\\.`));
  });
});
