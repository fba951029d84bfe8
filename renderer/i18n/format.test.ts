import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  editableMoney,
  formatMoney,
  formatQuantity,
  formatRate,
  scaledToDecimal,
} from './format';
import { localName } from './names';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money and quantities on screen', () => {
  it('moves the decimal point without floats', () => {
    expect(scaledToDecimal(123456, 2)).toBe('1234.56');
    expect(scaledToDecimal(5, 2)).toBe('0.05');
    expect(scaledToDecimal(-5, 2)).toBe('-0.05');
    expect(scaledToDecimal(999_999_999_999, 2)).toBe('9999999999.99');
    expect(scaledToDecimal(42, 0)).toBe('42');
  });

  it('takes the fraction digits of a currency from Intl', () => {
    expect(currencyDigits('RUB')).toBe(2);
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
  });

  it('formats roubles the Russian way and yuan the Chinese way', () => {
    expect(plain(formatMoney(123450, 'RUB', 'ru'))).toBe('1 234,50 ₽');
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it('shows pieces as integers and kilograms with three decimals', () => {
    expect(formatQuantity(3000, 'piece', 'en')).toBe('3');
    expect(formatQuantity(455, 'kg', 'ru')).toBe('0,455');
    expect(formatQuantity(1500, 'kg', 'en')).toBe('1.500');
  });

  it('formats VAT rates from basis points', () => {
    expect(formatRate(2000, 'en')).toBe('20%');
    expect(formatRate(1000, 'en')).toBe('10%');
    expect(formatRate(1250, 'en')).toBe('12.5%');
  });

  it('prepares editable amounts with the locale decimal mark', () => {
    expect(editableMoney(123450, 'RUB', 'ru')).toBe('1234,50');
    expect(editableMoney(123450, 'RUB', 'en')).toBe('1234.50');
  });

  it('names a product in the screen language, then the store language, then any', () => {
    expect(localName({ ru: 'Молоко', en: 'Milk' }, 'en', 'ru')).toBe('Milk');
    expect(localName({ ru: 'Молоко' }, 'zh-CN', 'ru')).toBe('Молоко');
    expect(localName({ en: 'Milk' }, 'zh-CN', 'ru')).toBe('Milk');
  });
});
