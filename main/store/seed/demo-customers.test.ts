import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTillConfig } from '../../../contract/config';
import { hasValidGtinCheckDigit } from '../../../native-drivers/scanner/gtin';
import { matchCardRange } from '../../../native-drivers/scanner/card-ranges';
import { createCustomerService } from '../../services/customers';
import { createClienteling } from '../clienteling';
import { createCoupons } from '../coupons';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { demoProducts } from './demo-catalog';
import {
  ANNA_PURCHASES,
  SHARED_LAST4,
  annaCoupons,
  annaSavedBag,
  campaignCoupon,
  demoCustomers,
} from './demo-customers';
import { seedDemoStore } from './write';

const config = defaultTillConfig;
// Mid-morning: the demo coupons' days run from midnight UTC, so any time of the seed's day works.
const now = new Date('2025-03-10T09:30:00Z');
const { anna, olga, dmitry, annaDuplicate, erased } = demoCustomers;

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'omnitill-demo-customers-'));
  db = openDatabase(join(dir, 'till.sqlite'));
  // The size npm start seeds: what the README and the e2e tests see.
  seedDemoStore(db, config, { now });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = () => createCustomerService({ db, config, now: () => now });
const identify = (query: string) => {
  const result = service().identify(query);
  if (!result.ok) throw new Error(`${query}: ${result.error.message}`);
  return result.value;
};
const foundId = (query: string) => {
  const found = identify(query);
  return found.kind === 'one' ? found.customer.id : null;
};
const count = (sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('the demo customers', () => {
  it('carry card numbers the till reads as its loyalty cards, and coupon codes with valid check digits', () => {
    for (const customer of [anna, olga, dmitry, annaDuplicate]) {
      expect(matchCardRange(customer.cardNo ?? '', config.scanner.loyaltyCards)?.ok).toBe(true);
    }
    for (const coupon of [...Object.values(annaCoupons), campaignCoupon]) {
      expect(hasValidGtinCheckDigit(coupon.code)).toBe(true);
      expect(coupon.code).toMatch(new RegExp(config.scanner.couponPatterns[0] ?? ''));
    }
  });

  it('find Анна Иванова by her card, her phone typed any way, her e-mail and her name in either script', () => {
    expect(foundId(anna.cardNo ?? '')).toBe(anna.id);
    for (const phone of ['+7 916 123-45-67', '8 916 123 45 67', '9161234567'])
      expect(foundId(phone)).toBe(anna.id);
    expect(foundId('Anna.Ivanova@example.com')).toBe(anna.id);
    expect(foundId('Анна Иванова')).toBe(anna.id);
    expect(foundId('anna ivanova')).toBe(anna.id);
  });

  it('lead from the merged duplicate’s card to Анна Иванова', () => {
    expect(count('SELECT merged_into FROM customers WHERE id = ?', annaDuplicate.id)).toBe(anna.id);
    expect(foundId(annaDuplicate.cardNo ?? '')).toBe(anna.id);
  });

  it(`give a pick list of exactly two customers for the last four digits ${SHARED_LAST4}`, () => {
    const found = identify(SHARED_LAST4);
    expect(found.kind).toBe('many');
    if (found.kind !== 'many') return;
    expect(found.candidates.map((candidate) => candidate.id).sort()).toEqual([olga.id, dmitry.id]);
    expect(found.candidates.map((candidate) => candidate.phoneMasked)).not.toContain(olga.phone);
    expect(count('SELECT count(*) FROM customers WHERE phone_last4 = ?', SHARED_LAST4)).toBe(2);
  });

  it('give Анна Иванова 30 purchases here, at another store and online, as her profile counts them', () => {
    const clienteling = createClienteling(db);
    const ids = clienteling.profileIds(anna.id);
    expect(ids).toEqual([anna.id, annaDuplicate.id]);
    const stats = clienteling.stats(ids);
    expect(stats.visits).toBe(ANNA_PURCHASES);
    expect(ANNA_PURCHASES).toBe(30);
    expect(stats.onlineVisits).toBe(8);
    const channels = db
      .prepare(
        `SELECT channel, store_code AS store, count(DISTINCT document_no) AS documents
         FROM purchase_history WHERE customer_id = ? GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all(anna.id);
    expect(channels).toEqual([
      { channel: 'online', store: 'WEB', documents: 8 },
      { channel: 'store', store: '0007', documents: 12 },
    ]);
    expect(count("SELECT count(*) FROM sales WHERE customer_id = ? AND status = 'completed'", anna.id)).toBe(
      10,
    );
    // Her staples come back: milk is in most of her baskets.
    const withMilk = count(
      `SELECT count(DISTINCT sale_id) FROM sale_lines l JOIN sales s ON s.id = l.sale_id
       WHERE s.customer_id = ? AND l.product_id = ?`,
      anna.id,
      demoProducts.milk.id,
    );
    expect(withMilk).toBeGreaterThanOrEqual(5);
  });

  it('offer Анна Иванова two coupons now, one percent and one amount off, and keep her used and expired ones', () => {
    const usable = createCoupons(db).usableBy([anna.id], now.toISOString());
    const personal = usable.filter((coupon) => coupon.customerId === anna.id);
    expect(personal.map((coupon) => coupon.code).sort()).toEqual(
      [annaCoupons.percent.code, annaCoupons.fixed.code].sort(),
    );
    expect(personal.find((coupon) => coupon.code === annaCoupons.percent.code)).toMatchObject({
      percentBp: 1000,
      amountMinor: null,
    });
    // 500 ₽ off from 2 500 ₽ in the demo store's roubles.
    expect(personal.find((coupon) => coupon.code === annaCoupons.fixed.code)).toMatchObject({
      percentBp: null,
      amountMinor: 50_000,
      minSpendMinor: 250_000,
    });
    expect(usable.map((coupon) => coupon.code)).toContain(campaignCoupon.code);
    const byCode = createCoupons(db);
    expect(byCode.byCode(annaCoupons.redeemed.code)?.redeemedAt).not.toBeNull();
    const expired = byCode.byCode(annaCoupons.expired.code);
    expect(expired !== null && expired.validUntil < now.toISOString()).toBe(true);
  });

  it('keep Анна Иванова’s saved bag, consents, preferences, tags and notes', () => {
    const clienteling = createClienteling(db);
    expect(clienteling.bag(anna.id)).toMatchObject([
      { productId: annaSavedBag.productId, quantityMilli: annaSavedBag.quantityMilli },
    ]);
    const customers = service().customers;
    const granted = customers
      .consents(anna.id)
      .filter((consent) => consent.granted)
      .map((consent) => consent.channel ?? consent.purpose);
    expect(granted.sort()).toEqual(['email', 'processing', 'sms']);
    expect(customers.attributes(anna.id)).toEqual(anna.attributes);
    expect(clienteling.tags(anna.id)).toEqual([...anna.tags].sort());
    expect(clienteling.notes(anna.id, 10)).toHaveLength(2);
    expect(clienteling.extras(anna.id)).toMatchObject({ tier: 'gold' });
    expect(clienteling.extras(anna.id)?.pointsBalance).toBeGreaterThan(0);
    expect(clienteling.extras(anna.id)?.expectedLtvMinor).toBeGreaterThan(0);
  });

  it('leave nothing personal of the erased customer, and no profile behind their old receipts', () => {
    const row = db.prepare('SELECT * FROM customers WHERE id = ?').get(erased.id);
    expect(row).toMatchObject({
      name: '',
      phone: null,
      phone_e164: null,
      email: null,
      email_norm: null,
      birthday: null,
      card_no: null,
    });
    expect((row as { erased_at: string | null }).erased_at).not.toBeNull();
    for (const table of [
      'customer_cards',
      'customer_attributes',
      'customer_notes',
      'customer_tags',
      'saved_bag',
      'coupons',
    ]) {
      expect(count(`SELECT count(*) FROM ${table} WHERE customer_id = ?`, erased.id), table).toBe(0);
    }
    expect(count('SELECT count(*) FROM customer_names WHERE rowid = ?', erased.id)).toBe(0);
    const receipts = db
      .prepare('SELECT receipt_no FROM sales WHERE customer_id = ?')
      .pluck()
      .all(erased.id) as string[];
    expect(receipts).toHaveLength(2);
    for (const receipt of receipts) expect(identify(receipt).kind).toBe('none');
  });
});
