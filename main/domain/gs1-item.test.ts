import { describe, expect, it } from 'vitest';
import { gs1Product } from '../../native-drivers/scanner/gs1-product';
import { GS, parseGs1 } from '../../native-drivers/scanner/gs1';
import type { ProductForSale } from './cart';
import { gs1Item } from './gs1-item';

const cheese: ProductForSale = {
  productId: 1,
  barcode: '4600000000015',
  names: { en: 'Cheese' },
  unit: 'kg',
  unitPriceMinor: 120_000,
  taxRateBp: 1000,
};
const milk: ProductForSale = { ...cheese, productId: 2, unit: 'piece', unitPriceMinor: 8990 };

function label(raw: string) {
  const parsed = parseGs1(raw);
  if (!parsed.ok) throw new Error(`bad test label ${raw}`);
  const product = gs1Product(parsed.value, new Date('2026-11-23T00:00:00Z'));
  if (!product) throw new Error('no AI 01');
  return product;
}

describe('a GS1 label as a cart item', () => {
  it('takes the net weight of a weighed item, not editable', () => {
    expect(gs1Item(cheese, label('0104600000000015' + '3103000452'), 'RUB')).toEqual({
      ok: true,
      value: { quantityMilli: 452, fromEmbeddedBarcode: true },
    });
  });

  it('charges the printed price exactly, with the weight it carries', () => {
    // 392 2: 543.20 in the currency, two decimals.
    expect(gs1Item(cheese, label(`01046000000000153103000452${GS}392254320`), 'RUB')).toEqual({
      ok: true,
      value: { quantityMilli: 452, fixedTotalMinor: 54_320, fromEmbeddedBarcode: true },
    });
  });

  it('refuses a weight on a piece item and a price finer than the currency', () => {
    expect(gs1Item(milk, label('0104600000000015' + '3103000452'), 'RUB')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BARCODE', params: { reason: 'weight_for_piece' } },
    });
    expect(gs1Item(milk, label('0104600000000015' + '3923543215'), 'RUB')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_BARCODE', params: { reason: 'price_precision' } },
    });
  });

  it('keeps a serialised unit (a marking code) on a line of its own', () => {
    expect(gs1Item(milk, label(`0104600000000015215ABC123${GS}91EE06`), 'RUB')).toEqual({
      ok: true,
      value: { quantityMilli: 1000, fromEmbeddedBarcode: true },
    });
    expect(gs1Item(milk, label('0104600000000015'), 'RUB')).toEqual({
      ok: true,
      value: { quantityMilli: 1000, fromEmbeddedBarcode: false },
    });
  });
});
