import { describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../../contract/config';
import type { TillConfig } from '../../../contract/config';
import { classifyCode, gtinCheckDigit } from '../../domain/barcode';
import { demoCategories } from './categories';
import { demoProductList } from './demo-catalog';
import { HISTORY_DAYS, historyEnd } from './calendar';
import { FIRST_GENERATED_CUSTOMER_ID, RESERVED_LAST4 } from './demo-customers';
import { generateSales } from './generate';
import {
  EAN8_CAPACITY,
  couponCode,
  generatedEan13,
  generatedEan8,
  loyaltyCardNo,
  mobilePhone,
  seededUuid,
} from './identifiers';
import { MAX_GENERATED } from './limits';
import { FIRST_GENERATED_PRODUCT_ID, generateProducts, generatedProduct, shelfPrice } from './products';
import { generateCustomers } from './profiles';
import { mulberry32 } from './prng';

const validGtin = (code: string) =>
  /^(\d{8}|\d{13})$/.test(code) && gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
const rules = defaultTillConfig.embeddedBarcodes;
const DAY_MS = 86_400_000;

describe('identifiers', () => {
  it('generates distinct, valid EAN-13s that never meet the demo catalogue', () => {
    const demo = new Set(demoProductList.flatMap((product) => product.barcodes));
    const codes = new Set<string>();
    for (let n = 0; n < 300_000; n++) {
      const code = generatedEan13(42, n);
      if (!validGtin(code) || code.length !== 13 || demo.has(code))
        throw new Error(`bad code ${code} (#${n})`);
      codes.add(code);
    }
    expect(codes.size).toBe(300_000);
    expect(generatedEan13(42, 999_999_999)).toMatch(/^46[01]\d{10}$/);
    expect(() => generatedEan13(42, 1_000_000_000)).toThrow(RangeError);
    expect(() => generatedEan13(42, -1)).toThrow(RangeError);
  });

  it('generates all EAN-8s of its space exactly once', () => {
    const codes = new Set<string>();
    for (let n = 0; n < EAN8_CAPACITY; n++) {
      const code = generatedEan8(7, n);
      if (!/^46\d{6}$/.test(code) || !validGtin(code)) throw new Error(`bad EAN-8 ${code}`);
      codes.add(code);
    }
    expect(codes.size).toBe(EAN8_CAPACITY);
    expect(() => generatedEan8(7, EAN8_CAPACITY)).toThrow(RangeError);
  });

  it('gives every customer a distinct mobile number, never ending as a demo phone, and a valid card number', () => {
    const phones = new Set<string>();
    for (let id = 1; id <= 200_000; id++) phones.add(mobilePhone(42, id));
    expect(phones.size).toBe(200_000);
    expect([...phones].filter((phone) => !/^\+79\d{9}$/.test(phone))).toEqual([]);
    const reserved: readonly string[] = RESERVED_LAST4;
    expect([...phones].filter((phone) => reserved.includes(phone.slice(-4)))).toEqual([]);
    expect(loyaltyCardNo(1)).toBe(`270000000001${gtinCheckDigit('270000000001')}`);
    expect(validGtin(loyaltyCardNo(MAX_GENERATED))).toBe(true);
  });

  it('hands out distinct, valid coupon EAN-13s with the coupon prefix 99, apart from the demo ones', () => {
    const codes = new Set<string>();
    for (let n = 0; n < 100_000; n++) {
      const code = couponCode(42, n);
      if (!/^99\d{11}$/.test(code) || !validGtin(code) || Number(code.slice(2, 12)) < 1000) {
        throw new Error(`bad coupon ${code} (#${n})`);
      }
      codes.add(code);
    }
    expect(codes.size).toBe(100_000);
    // Consecutive codes share no obvious prefix.
    expect(couponCode(42, 1).slice(0, 6)).not.toBe(couponCode(42, 2).slice(0, 6));
  });

  it('derives the same UUIDs from the same seed and name, and version-5 ones', () => {
    expect(seededUuid(1, 'sale/1')).toBe(seededUuid(1, 'sale/1'));
    expect(seededUuid(1, 'sale/1')).not.toBe(seededUuid(2, 'sale/1'));
    expect(seededUuid(1, 'sale/1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('shelfPrice', () => {
  it('ends in 9,90 or 9,99 below 1 000 ₽ and in 9,00 from there on, never below the computed price', () => {
    const rng = mulberry32(1);
    const bad: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) {
      const raw = rng() * 300_000;
      const price = shelfPrice(rng, raw);
      const ending = price < 100_000 ? [990, 999].includes(price % 1000) : price % 1000 === 900;
      if (price < raw || !ending) bad.push([raw, price]);
    }
    expect(bad).toEqual([]);
    expect(shelfPrice(() => 0.9, 100_000)).toBe(100_900);
    expect(shelfPrice(() => 0.9, 99_900)).toBe(99_999);
  });
});

describe('generated products', () => {
  const count = 20_000;
  const products = [...generateProducts(42, count)];
  const categoryIds = new Set(demoCategories.map((category) => category.id));

  it('are numbered after the demo catalogue and can be regenerated one by one', () => {
    expect(products[0]?.id).toBe(FIRST_GENERATED_PRODUCT_ID);
    expect(FIRST_GENERATED_PRODUCT_ID).toBe(demoProductList.length + 1);
    expect(generatedProduct(42, 12_345)).toEqual(products[12_345]);
    expect(generatedProduct(43, 12_345)).not.toEqual(products[12_345]);
  });

  it('carry valid, unique EAN-13 or EAN-8 barcodes that the till reads as GTINs', () => {
    const codes = products.flatMap((product) => product.barcodes);
    expect(new Set(codes).size).toBe(codes.length);
    const bad = codes.filter((code) => {
      const read = classifyCode(code, rules);
      return !validGtin(code) || read.kind !== 'gtin' || read.gtin !== code;
    });
    expect(bad).toEqual([]);
    const ean8 = codes.filter((code) => code.length === 8).length;
    expect(ean8).toBe(count / 50);
    expect(products.filter((product) => product.barcodes.length === 2).length).toBeGreaterThan(count * 0.05);
  });

  it('sell weighed goods by a unique 5-digit PLU per kg, everything else by the piece', () => {
    const weighed = products.filter((product) => product.unit === 'kg');
    expect(weighed.length).toBe(count / 20);
    const bad = products.filter((product) =>
      product.unit === 'kg'
        ? !/^\d{5}$/.test(product.plu ?? '') || product.barcodes.length > 0
        : product.plu !== null || product.barcodes.length === 0,
    );
    expect(bad).toEqual([]);
    expect(new Set(weighed.map((product) => product.plu)).size).toBe(weighed.length);
    // Past the 5-digit PLU space everything is a piece item.
    expect(generatedProduct(1, 20 * 99_000 + 10).unit).toBe('piece');
    expect(generatedProduct(1, 20 * 98_999 + 10).plu).toBe('99999');
  });

  it('are named in all three locales, filed under a known category, priced at a real VAT rate', () => {
    const badName = (name: string) =>
      name.trim() !== name || /\s{2}|undefined|null|\(\)/.test(name) || name.length < 2;
    const bad = products.filter(
      (product) =>
        Object.keys(product.names).sort().join() !== 'en,ru,zh-CN' ||
        Object.values(product.names).some(badName) ||
        !/[а-яё]/i.test(product.names.ru) ||
        /[\p{Script=Cyrillic}\p{Script=Han}]/u.test(product.names.en) ||
        !/\p{Script=Han}/u.test(product.names['zh-CN']) ||
        !categoryIds.has(product.categoryId) ||
        ![1000, 2000].includes(product.taxRateBp) ||
        !(product.priceMinor > 0) ||
        product.sku !== `SKU-${String(product.id).padStart(8, '0')}`,
    );
    expect(bad).toEqual([]);
  });

  it('refuse a count that is negative, fractional or beyond the generator', () => {
    for (const bad of [-1, 1.5, Number.NaN, MAX_GENERATED + 1]) {
      expect(() => generateProducts(1, bad).next()).toThrow(RangeError);
    }
  });
});

describe('generated customers and sales', () => {
  const now = new Date('2025-06-15T13:45:00Z');
  const end = Date.parse('2025-06-15T00:00:00Z');

  it('end the history at midnight UTC of the given day, whatever its time', () => {
    expect(historyEnd(now)).toBe(end);
    const config = defaultTillConfig;
    const late = [
      ...generateCustomers({ seed: 5, count: 300, now: new Date('2025-06-15T23:59:59Z'), config }),
    ];
    expect(late).toEqual([...generateCustomers({ seed: 5, count: 300, now, config })]);
    expect(late.map((customer) => customer.id)).toEqual(
      Array.from({ length: late.length }, (_, index) => index + 1),
    );
    expect(late.at(-1)?.id).toBe(FIRST_GENERATED_CUSTOMER_ID - 1 + 300);
    for (const customer of late) expect(Date.parse(customer.createdAt)).toBeLessThan(end);
    expect(() => historyEnd(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('sell over the 180 days before the end, in receipt order, by the store config', () => {
    const config: TillConfig = {
      ...defaultTillConfig,
      store: { ...defaultTillConfig.store, code: '0042' },
      terminal: { code: '07' },
      // No weight rule with a 5-digit PLU: weighed lines are recorded by PLU, as the till shows them.
      embeddedBarcodes: [{ prefix: '23', kind: 'price', pluDigits: 5 }],
    };
    const sales = [...generateSales({ seed: 3, count: 400, products: 1000, customers: 50, now, config })];
    expect(sales).toHaveLength(400);
    let previous = end - HISTORY_DAYS * DAY_MS - 3 * 3_600_000;
    for (const [index, sale] of sales.entries()) {
      expect(sale.receiptNo).toBe(`0042-07-${String(index + 1).padStart(6, '0')}`);
      const at = Date.parse(sale.createdAt);
      expect(at).toBeGreaterThanOrEqual(previous);
      expect(at).toBeLessThan(end);
      previous = at;
      for (const line of sale.lines) {
        if (line.unit === 'kg') expect(line.barcode).toMatch(/^PLU \d{5}$/);
      }
    }
    expect(sales.some((sale) => sale.lines.some((line) => line.unit === 'kg'))).toBe(true);
  });

  it('sell only the demo catalogue when no products are generated, to demo customers when none are', () => {
    const ids = new Set(demoProductList.map((product) => product.id));
    const config = defaultTillConfig;
    for (const sale of generateSales({ seed: 1, count: 100, products: 0, customers: 0, now, config })) {
      if (sale.customerId !== null) expect(sale.customerId).toBeLessThan(FIRST_GENERATED_CUSTOMER_ID);
      for (const line of sale.lines) expect(ids).toContain(line.productId);
    }
  });

  it('spread a coupon over the lines it was used on, so line totals add up to the sale', () => {
    const config = defaultTillConfig;
    const sales = [...generateSales({ seed: 9, count: 3000, products: 500, customers: 800, now, config })];
    const withCoupon = sales.filter((sale) => sale.couponCode !== null);
    expect(withCoupon.length).toBeGreaterThan(10);
    for (const sale of sales) {
      const lines = sale.lines.reduce((sum, line) => sum + line.totalMinor, 0);
      const discounts = sale.lines.reduce((sum, line) => sum + line.discountMinor, 0);
      expect(lines).toBe(sale.totalMinor);
      expect(discounts).toBe(sale.discountMinor);
      expect(sale.payments.reduce((sum, payment) => sum + payment.amountMinor, 0)).toBe(sale.totalMinor);
      if (sale.redeemed) {
        expect(sale.redeemed).toMatchObject({
          code: sale.couponCode,
          customerId: sale.customerId,
          redeemedSaleId: sale.id,
        });
        expect(sale.redeemed.validFrom <= sale.createdAt && sale.createdAt <= sale.redeemed.validUntil).toBe(
          true,
        );
      }
    }
  });
});
