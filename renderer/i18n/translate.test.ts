import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';
import { createTranslator, errorText, interpolate, syncProblemText } from './translate';

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

  it('tells why a member code was refused, and falls back for a reason it has no words for', () => {
    expect(errorText(catalogues.en, { code: 'MEMBER_QR_REFUSED', params: { reason: 'replayed' } })).toBe(
      'This member code has already been used. Ask the customer to show a fresh one.',
    );
    expect(errorText(catalogues.ru, { code: 'MEMBER_QR_REFUSED', params: { reason: 'replayed' } })).toBe(
      'Этот код участника уже использован. Попросите покупателя показать новый.',
    );
    expect(errorText(catalogues.en, { code: 'MEMBER_QR_REFUSED', params: { reason: 'solar-flare' } })).toBe(
      'The member code was not accepted. Ask the customer to refresh it in the app.',
    );
  });

  it('names a minimum spend in the screen’s money, in the store’s currency unless the error names one', () => {
    const amounts = {
      money: (minor: number, currency: string) => `${minor / 100} ${currency}`,
      currency: 'RUB',
    };
    const error = {
      code: 'COUPON_MIN_SPEND' as const,
      params: { code: '9900000000127', minSpendMinor: 250000 },
    };
    expect(errorText(catalogues.en, error, amounts)).toBe(
      'This coupon needs a purchase of at least 2500 RUB.',
    );
    expect(
      errorText(catalogues.en, { ...error, params: { ...error.params, currency: 'CNY' } }, amounts),
    ).toBe('This coupon needs a purchase of at least 2500 CNY.');
    expect(errorText(catalogues.en, error)).toBe('The purchase is below this coupon’s minimum spend.');
  });

  it('refuses a payment card without showing its number', () => {
    const text = errorText(catalogues.en, {
      code: 'PAYMENT_CARD_REFUSED',
      params: { masked: '411111******1111' },
    });
    expect(text).toBe('This is a payment card: use the payment terminal.');
  });

  it('says why HQ refused to enrol the till, in general words for a reason it does not know', () => {
    const refused = (reason: string) => ({ code: 'ENROL_REFUSED' as const, params: { reason } });
    expect(errorText(catalogues.en, refused('ENROL_CODE_REFUSED'))).toBe(
      'HQ refused this code: it is mistyped, expired or used already. Check it, or ask HQ for a new one.',
    );
    expect(errorText(catalogues.ru, refused('STORE_MISMATCH'))).toBe(
      'Этот код выдан для другого магазина. Запросите в офисе код для этого магазина.',
    );
    expect(errorText(catalogues['zh-CN'], refused('RATE_LIMITED'))).toBe(
      '尝试次数过多。请等待一分钟后重试。',
    );
    expect(errorText(catalogues.en, refused('INTERNAL'))).toBe(catalogues.en.errors.ENROL_REFUSED);
    expect(errorText(catalogues.en, { code: 'ENROL_REFUSED' })).toBe(catalogues.en.errors.ENROL_REFUSED);
  });

  it('puts the link to HQ’s last problem in words, and one it does not know in general words', () => {
    expect(syncProblemText(catalogues.en, 'UNAUTHORIZED')).toBe(
      'HQ no longer accepts this till. A manager must enrol it again.',
    );
    expect(syncProblemText(catalogues.ru, 'HTTP_502')).toBe(catalogues.ru.sync.otherProblem);
    expect(syncProblemText(catalogues.en, 'constructor')).toBe(catalogues.en.sync.otherProblem);
  });
});
