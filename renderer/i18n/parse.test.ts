import { describe, expect, it } from 'vitest';
import { parseMoney, parseQuantity, parseScaled } from './parse';

describe('parsing what the cashier typed', () => {
  it('reads money with a comma or a point and grouping spaces', () => {
    expect(parseMoney('1234,5', 'RUB')).toBe(123450);
    expect(parseMoney('1 234.56', 'RUB')).toBe(123456);
    expect(parseMoney('0.1', 'RUB')).toBe(10);
    expect(parseMoney('500', 'RUB')).toBe(50000);
    expect(parseMoney('5.', 'RUB')).toBe(500);
    expect(parseMoney(',5', 'RUB')).toBe(50);
  });

  it('refuses more decimals than the currency has, signs, letters and emptiness', () => {
    expect(parseMoney('1.234', 'RUB')).toBeNull();
    expect(parseMoney('-5', 'RUB')).toBeNull();
    expect(parseMoney('12a', 'RUB')).toBeNull();
    expect(parseMoney('', 'RUB')).toBeNull();
    expect(parseMoney('.', 'RUB')).toBeNull();
    expect(parseMoney('1.5', 'JPY')).toBeNull();
  });

  it('refuses amounts above the contract maximum', () => {
    expect(parseMoney('10000000000', 'RUB')).toBe(1_000_000_000_000);
    expect(parseMoney('10000000000.01', 'RUB')).toBeNull();
  });

  it('keeps precision that floats would lose', () => {
    expect(parseScaled('0.29', 2)).toBe(29);
    expect(parseScaled('1.005', 3)).toBe(1005);
  });

  it('reads pieces as whole numbers and kilograms to the gram', () => {
    expect(parseQuantity('3', 'piece')).toBe(3000);
    expect(parseQuantity('1.5', 'piece')).toBeNull();
    expect(parseQuantity('0,455', 'kg')).toBe(455);
    expect(parseQuantity('2', 'kg')).toBe(2000);
    expect(parseQuantity('0.0005', 'kg')).toBeNull();
  });

  it('refuses zero and quantities above the contract maximum', () => {
    expect(parseQuantity('0', 'piece')).toBeNull();
    expect(parseQuantity('9999', 'piece')).toBe(9_999_000);
    expect(parseQuantity('10000', 'piece')).toBeNull();
  });
});
