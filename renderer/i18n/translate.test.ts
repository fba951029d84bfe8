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

  it('names the printer’s problem and the receipt that waits for it', () => {
    const error = {
      code: 'PRINTER_PROBLEM' as const,
      params: { problem: 'paper-out', receiptNo: '0001-01-000042' },
    };
    expect(errorText(catalogues.en, error)).toBe(
      'Receipt printer: out of paper. Receipt 0001-01-000042 will print when it is fixed.',
    );
    expect(errorText(catalogues.ru, error)).toBe(
      'Принтер чеков: нет бумаги. Чек 0001-01-000042 напечатается, когда неполадку устранят.',
    );
    expect(errorText(catalogues['zh-CN'], error)).toBe(
      '小票打印机：缺纸。故障排除后将打印小票 0001-01-000042。',
    );
  });

  it('falls back to the general printer text for a problem it has no words for', () => {
    expect(
      errorText(catalogues.en, {
        code: 'PRINTER_PROBLEM',
        params: { problem: 'constructor', receiptNo: '1' },
      }),
    ).toBe('The receipt printer has a problem. The receipt will print when it is fixed.');
  });

  it('says what was scanned instead of a product', () => {
    expect(errorText(catalogues.en, { code: 'SCAN_NOT_FOR_CART', params: { kind: 'loyalty-card' } })).toBe(
      'A loyalty card cannot be added to the cart.',
    );
    expect(errorText(catalogues.ru, { code: 'SCAN_NOT_FOR_CART', params: { kind: 'gift-card' } })).toBe(
      'Подарочную карту нельзя добавить в корзину.',
    );
    expect(errorText(catalogues.en, { code: 'SCAN_NOT_FOR_CART', params: { kind: 'spaceship' } })).toBe(
      'This code cannot be added to the cart.',
    );
  });

  it('tells why a swipe could not be read', () => {
    expect(errorText(catalogues.en, { code: 'CARD_MISREAD', params: { reason: 'end-sentinel' } })).toBe(
      'The swipe was cut short. Swipe the card again, in one smooth move.',
    );
    expect(errorText(catalogues.en, { code: 'CARD_MISREAD' })).toBe(
      'The card could not be read. Swipe it again.',
    );
  });

  it('refuses a payment card without showing its number', () => {
    const text = errorText(catalogues.en, {
      code: 'PAYMENT_CARD_REFUSED',
      params: { masked: '411111******1111' },
    });
    expect(text).toBe('This is a payment card: use the payment terminal.');
  });
});
