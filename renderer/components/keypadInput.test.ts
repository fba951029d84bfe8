import { describe, expect, it } from 'vitest';
import type { KeypadKey, KeypadRules } from './keypadInput';
import { applyKeypadKey } from './keypadInput';

const money: KeypadRules = { decimals: 2, separator: ',', maxLength: 12 };
const pin: KeypadRules = { decimals: 0, separator: '.', maxLength: 8 };
const press = (keys: KeypadKey[], rules: KeypadRules, start = '') =>
  keys.reduce((value, key) => applyKeypadKey(value, key, rules), start);

describe('the on-screen keypad', () => {
  it('types an amount with the locale decimal mark', () => {
    expect(press(['1', '2', 'decimal', '5', '0'], money)).toBe('12,50');
    expect(press(['decimal', '5'], money)).toBe('0,5');
  });

  it('stops at the currency’s decimals and accepts one decimal mark', () => {
    expect(press(['1', 'decimal', '2', '3', '4', 'decimal'], money)).toBe('1,23');
  });

  it('replaces a lone zero and adds two zeros with 00', () => {
    expect(press(['0', '5'], money)).toBe('5');
    expect(press(['5', '00'], money)).toBe('500');
  });

  it('erases and clears', () => {
    expect(press(['erase'], money, '12,5')).toBe('12,');
    expect(press(['clear'], money, '12,5')).toBe('');
  });

  it('has no decimal mark and a length limit for PINs', () => {
    expect(press(['1', 'decimal', '2'], pin)).toBe('12');
    expect(press(['1', '2', '3', '4', '5', '6', '7', '8', '9'], pin)).toBe('12345678');
  });
});

describe('the on-screen keypad at the edges', () => {
  it('keeps one zero for 00 on an empty or zero field and trims 00 at the last decimal', () => {
    expect(press(['00'], money, '0')).toBe('0');
    expect(press(['00'], money, '1,2')).toBe('1,20');
  });
});
