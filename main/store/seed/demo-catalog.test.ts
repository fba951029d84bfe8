import { describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../../contract/config';
import { classifyCode, gtinCheckDigit } from '../../domain/barcode';
import { demoCategories } from './categories';
import { Vat, demoProductList, demoProducts, demoUsers, embeddedWeightBarcode } from './demo-catalog';

const rules = defaultTillConfig.embeddedBarcodes;
const locales = ['en', 'ru', 'zh-CN'];
const allBarcodes = demoProductList.flatMap((product) => product.barcodes);

describe('demo catalogue barcodes', () => {
  it.each(allBarcodes)('%s is an EAN-13 with a valid check digit that the till reads as a GTIN', (code) => {
    expect(code).toMatch(/^\d{13}$/);
    expect(gtinCheckDigit(code.slice(0, 12))).toBe(Number(code.at(-1)));
    // Not in the in-store 20–29 range, where the till would read a weight or a price instead.
    expect(classifyCode(code, rules)).toEqual({ kind: 'gtin', gtin: code });
  });

  it('are unique', () => {
    expect(new Set(allBarcodes).size).toBe(allBarcodes.length);
  });

  it('stay clear of the generated ranges (460x/461x with x ≥ 1, and 46 + 6 digits EAN-8s)', () => {
    for (const code of allBarcodes) expect(code).not.toMatch(/^46[01][1-9]\d{9}$|^46\d{6}$/);
  });

  it('include the UPC-A stored with its leading zero and an ISBN', () => {
    expect(demoProducts.peanutButter.barcodes).toEqual(['0081234560010']);
    expect(classifyCode('081234560010', rules)).toEqual({ kind: 'gtin', gtin: '0081234560010' });
    expect(demoProducts.book.barcodes[0]).toMatch(/^978/);
    expect(demoProducts.loaf.barcodes).toHaveLength(2);
  });
});

describe('demo catalogue products', () => {
  it('have ids 1…n in order, unique SKUs and known categories', () => {
    expect(demoProductList.map((product) => product.id)).toEqual(
      demoProductList.map((_, index) => index + 1),
    );
    expect(new Set(demoProductList.map((product) => product.sku)).size).toBe(demoProductList.length);
    const categoryIds = new Set(demoCategories.map((category) => category.id));
    for (const product of demoProductList) expect(categoryIds).toContain(product.categoryId);
  });

  it.each(demoProductList.map((product) => [product.sku, product] as const))(
    '%s is named in ru, en and zh-CN',
    (_, product) => {
      expect(Object.keys(product.names).sort()).toEqual(locales);
      for (const name of Object.values(product.names)) {
        expect(name.trim()).toBe(name);
        expect(name).not.toMatch(/\s{2}|undefined/);
      }
      expect(product.names.ru).toMatch(/[а-яё]/i);
      expect(product.names.en).toMatch(/^[\x20-\x7e“”’]+$/);
      expect(product.names['zh-CN']).toMatch(/\p{Script=Han}/u);
    },
  );

  it('price piece goods per piece and weighed goods per kg, VAT-inclusive at a Russian rate', () => {
    for (const product of demoProductList) {
      expect(Number.isSafeInteger(product.priceMinor) && product.priceMinor > 0).toBe(true);
      expect(Object.values(Vat)).toContain(product.taxRateBp);
      if (product.unit === 'kg') {
        expect(product.plu).toMatch(/^\d{5}$/);
        expect(product.barcodes).toEqual([]);
      } else {
        expect(product.plu).toBeNull();
        expect(product.barcodes.length).toBeGreaterThan(0);
      }
    }
    const plus = demoProductList.flatMap((product) => (product.plu ? [product.plu] : []));
    expect(plus.length).toBeGreaterThan(0);
    expect(new Set(plus).size).toBe(plus.length);
    // The generator numbers its PLUs from 01000: the demo keeps the ones below.
    for (const plu of plus) expect(Number(plu)).toBeLessThan(1000);
  });
});

describe('demo category tree', () => {
  it('has one root that every category reaches, parents listed before children', () => {
    const byId = new Map(demoCategories.map((category) => [category.id, category]));
    const roots = demoCategories.filter((category) => category.parentId === null);
    expect(roots).toHaveLength(1);
    const seen = new Set<number>();
    for (const category of demoCategories) {
      if (category.parentId !== null) expect(seen).toContain(category.parentId);
      seen.add(category.id);
      let node = category;
      for (let depth = 0; node.parentId !== null; depth++) {
        expect(depth).toBeLessThan(demoCategories.length);
        const parent = byId.get(node.parentId);
        if (!parent) throw new Error(`category ${node.id} has no parent ${node.parentId}`);
        node = parent;
      }
      expect(node).toBe(roots[0]);
      expect(Object.keys(category.names).sort()).toEqual(locales);
    }
  });
});

describe('demo staff', () => {
  it('are the users and PINs the README lists', () => {
    expect(demoUsers.map(({ id, name, role, pin }) => ({ id, name, role, pin }))).toEqual([
      { id: 1, name: 'Анна Петрова', role: 'cashier', pin: '1111' },
      { id: 2, name: 'Li Wei', role: 'cashier', pin: '2222' },
      { id: 3, name: 'Иван Соколов', role: 'manager', pin: '9999' },
    ]);
  });
});

describe('embeddedWeightBarcode', () => {
  it('prints the label the till reads back as that PLU and weight', () => {
    const code = embeddedWeightBarcode('00101', 1234);
    expect(code).toMatch(/^210010101234\d$/);
    expect(classifyCode(code, rules)).toMatchObject({ kind: 'embedded', plu: '00101', value: 1234 });
    expect(classifyCode(embeddedWeightBarcode('00123', 500, '22'), rules)).toMatchObject({
      kind: 'embedded',
      rule: { prefix: '22', kind: 'weight' },
      plu: '00123',
      value: 500,
    });
  });

  it('refuses what a scale cannot print', () => {
    expect(() => embeddedWeightBarcode('101', 100)).toThrow(RangeError);
    expect(() => embeddedWeightBarcode('00101', 0)).toThrow(RangeError);
    expect(() => embeddedWeightBarcode('00101', 100_000)).toThrow(RangeError);
    expect(() => embeddedWeightBarcode('00101', 1.5)).toThrow(RangeError);
    expect(() => embeddedWeightBarcode('00101', 100, '46')).toThrow(RangeError);
  });
});
