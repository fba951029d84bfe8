import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';
import { createTranslator, errorText, interpolate } from './translate';

describe('translate', () => {
  it('fills {name} placeholders', () => {
    expect(interpolate('Till {code}', { code: '01' })).toBe('Till 01');
  });

  it('chooses Russian one/few/many forms by count', () => {
    const t = createTranslator('ru', catalogues.ru);
    expect(t('checkout.voidText', { count: 1 })).toBe('1 товар будет удалён из корзины.');
    expect(t('checkout.voidText', { count: 3 })).toBe('3 товара будут удалены из корзины.');
    expect(t('checkout.voidText', { count: 5 })).toBe('5 товаров будут удалены из корзины.');
    expect(t('checkout.voidText', { count: 21 })).toBe('21 товар будет удалён из корзины.');
  });

  it('uses the single Chinese form for any count', () => {
    const t = createTranslator('zh-CN', catalogues['zh-CN']);
    expect(t('checkout.voidText', { count: 2 })).toBe('购物车中的 2 件商品将被清除。');
  });

  it('shows the detailed error text only when the error carries its parameters', () => {
    expect(errorText(catalogues.en, { code: 'UNKNOWN_BARCODE', params: { barcode: '4600000000017' } })).toBe(
      'No product with barcode 4600000000017.',
    );
    expect(errorText(catalogues.en, { code: 'UNKNOWN_BARCODE', params: { gtin: '4600000000017' } })).toBe(
      'No product with this barcode.',
    );
    expect(errorText(catalogues.ru, { code: 'BAD_PIN' })).toBe('Неверный PIN-код. Попробуйте ещё раз.');
  });
});
