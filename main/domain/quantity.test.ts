import { describe, expect, it } from 'vitest';
import { parseQuantity, validateQuantity } from './quantity';

const refused = (reason: string, extra: Record<string, number> = {}) => ({
  ok: false,
  error: expect.objectContaining({ code: 'BAD_QUANTITY', params: { reason, ...extra } }),
});

describe('validateQuantity', () => {
  it('accepts whole pieces', () => {
    expect(validateQuantity('piece', 1_000)).toEqual({ ok: true, value: 1_000 });
    expect(validateQuantity('piece', 12_000)).toEqual({ ok: true, value: 12_000 });
  });

  it('accepts a gram of a kg item', () => {
    expect(validateQuantity('kg', 1)).toEqual({ ok: true, value: 1 });
    expect(validateQuantity('kg', 455)).toEqual({ ok: true, value: 455 });
  });

  it('accepts exactly 9,999 units', () => {
    expect(validateQuantity('piece', 9_999_000)).toEqual({ ok: true, value: 9_999_000 });
    expect(validateQuantity('kg', 9_999_000)).toEqual({ ok: true, value: 9_999_000 });
  });

  it('refuses one gram past 9,999 units, naming the limit in units', () => {
    expect(validateQuantity('kg', 9_999_001)).toEqual(refused('too_large', { max: 9_999 }));
    expect(validateQuantity('piece', 10_000_000)).toEqual(refused('too_large', { max: 9_999 }));
  });

  it('refuses a fractional quantity of a piece item', () => {
    expect(validateQuantity('piece', 1_500)).toEqual(refused('fractional'));
    expect(validateQuantity('piece', 999)).toEqual(refused('fractional'));
  });

  it('refuses zero', () => {
    expect(validateQuantity('piece', 0)).toEqual(refused('zero'));
    expect(validateQuantity('kg', -0)).toEqual(refused('zero'));
  });

  it('refuses a negative quantity', () => {
    expect(validateQuantity('piece', -1_000)).toEqual(refused('negative'));
    expect(validateQuantity('kg', -1)).toEqual(refused('negative'));
  });

  it('refuses anything that is not a whole number of thousandths', () => {
    expect(validateQuantity('kg', 0.5)).toEqual(refused('not_integer'));
    expect(validateQuantity('kg', Number.NaN)).toEqual(refused('not_integer'));
    expect(validateQuantity('piece', Number.POSITIVE_INFINITY)).toEqual(refused('not_integer'));
  });

  it('explains the refusal in English for the log', () => {
    const result = validateQuantity('piece', 1_500);
    expect(result.ok ? '' : result.error.message).toBe('Piece items are sold in whole pieces');
  });
});

describe('parseQuantity', () => {
  it('reads whole units', () => {
    expect(parseQuantity('2')).toEqual({ ok: true, value: 2_000 });
    expect(parseQuantity('9999')).toEqual({ ok: true, value: 9_999_000 });
  });

  it('reads grams typed with a dot', () => {
    expect(parseQuantity('0.455')).toEqual({ ok: true, value: 455 });
    expect(parseQuantity('1.250')).toEqual({ ok: true, value: 1_250 });
  });

  it('reads a comma as the decimal separator, as on a Russian keypad', () => {
    expect(parseQuantity('1,5')).toEqual({ ok: true, value: 1_500 });
    expect(parseQuantity('1,500')).toEqual({ ok: true, value: 1_500 });
  });

  it('pads one or two decimals to thousandths', () => {
    expect(parseQuantity('0.5')).toEqual({ ok: true, value: 500 });
    expect(parseQuantity('0.05')).toEqual({ ok: true, value: 50 });
    expect(parseQuantity('0.001')).toEqual({ ok: true, value: 1 });
  });

  it('is exact where float arithmetic is not (1.005 × 1000 = 1004.99…)', () => {
    expect(parseQuantity('1.005')).toEqual({ ok: true, value: 1_005 });
  });

  it('accepts what a keypad leaves behind: a trailing or leading separator, spaces around', () => {
    expect(parseQuantity('2.')).toEqual({ ok: true, value: 2_000 });
    expect(parseQuantity(',5')).toEqual({ ok: true, value: 500 });
    expect(parseQuantity(' 3 ')).toEqual({ ok: true, value: 3_000 });
    expect(parseQuantity('007')).toEqual({ ok: true, value: 7_000 });
  });

  it('reads zero, leaving the refusal to validateQuantity', () => {
    expect(parseQuantity('0')).toEqual({ ok: true, value: 0 });
    expect(parseQuantity('0.000')).toEqual({ ok: true, value: 0 });
  });

  it('refuses a fourth decimal', () => {
    expect(parseQuantity('0.4555')).toEqual(refused('format'));
  });

  it('refuses text that is not a plain decimal', () => {
    for (const text of ['', ' ', '.', ',', 'abc', '1.2.3', '1,2,3', '-1', '+1', '1e3', '1 000', '½', '١']) {
      expect(parseQuantity(text), text).toEqual(refused('format'));
    }
  });

  it('refuses a number too long to hold exactly', () => {
    expect(parseQuantity('99999999999999999999')).toEqual(refused('too_large', { max: 9_999 }));
  });

  it('leaves the 9,999 limit to validateQuantity', () => {
    expect(parseQuantity('10000')).toEqual({ ok: true, value: 10_000_000 });
  });
});
