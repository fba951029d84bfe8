import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  editableMoney,
  formatMoment,
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

describe('moments on the sync page and in the status bar', () => {
  // Built in the machine's own zone: the till shows its local time.
  const at = (month: number, day: number, hours: number, minutes: number, seconds = 0, year = 2025) =>
    new Date(year, month - 1, day, hours, minutes, seconds).toISOString();
  const now = new Date(2025, 10, 23, 15, 0);

  it('shows a moment of today as its time alone, with seconds when asked', () => {
    expect(formatMoment(at(11, 23, 9, 5), now, 'ru')).toBe('09:05');
    expect(formatMoment(at(11, 23, 9, 5, 7), now, 'ru', true)).toBe('09:05:07');
    expect(formatMoment(at(11, 23, 14, 3), now, 'zh-CN')).toBe('14:03');
  });

  it('adds the day to a moment of another day, and the year to one of another year', () => {
    expect(formatMoment(at(11, 22, 18, 4), now, 'en')).toBe('Nov 22, 06:04 PM');
    expect(formatMoment(at(11, 22, 18, 4), now, 'ru')).toBe('22 нояб., 18:04');
    expect(formatMoment(at(12, 31, 23, 59, 0, 2024), now, 'en')).toBe('Dec 31, 2024, 11:59 PM');
  });
});
