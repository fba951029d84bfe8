import { describe, expect, it } from 'vitest';
import { RECEIPT_NO_PATTERN, formatReceiptNo, isReceiptNo } from './receipt';

describe('formatReceiptNo', () => {
  it('numbers a sale by store, terminal and a six-digit sequence', () => {
    expect(formatReceiptNo('0001', '01', 42, 'sale')).toBe('0001-01-000042');
  });

  it('marks a return with R before the sequence', () => {
    expect(formatReceiptNo('0001', '01', 43, 'return')).toBe('0001-01-R000043');
  });

  it('uses all six digits at the top of the range', () => {
    expect(formatReceiptNo('0417', '12', 999_999, 'sale')).toBe('0417-12-999999');
  });

  it('grows past six digits rather than wrapping round', () => {
    expect(formatReceiptNo('0001', '01', 1_000_000, 'sale')).toBe('0001-01-1000000');
    expect(formatReceiptNo('0001', '01', 1_234_567, 'return')).toBe('0001-01-R1234567');
  });

  it('treats a sequence that is not a positive integer as a bug', () => {
    expect(() => formatReceiptNo('0001', '01', 0, 'sale')).toThrow(RangeError);
    expect(() => formatReceiptNo('0001', '01', -1, 'sale')).toThrow(RangeError);
    expect(() => formatReceiptNo('0001', '01', 1.5, 'sale')).toThrow(RangeError);
  });
});

describe('isReceiptNo', () => {
  it('recognises the sale numbers it formats', () => {
    expect(isReceiptNo(formatReceiptNo('0001', '01', 1, 'sale'))).toBe(true);
    expect(isReceiptNo(formatReceiptNo('0001', '01', 1_234_567, 'sale'))).toBe(true);
  });

  it('does not take a return slip for a sale to return from', () => {
    expect(isReceiptNo(formatReceiptNo('0001', '01', 43, 'return'))).toBe(false);
  });

  it('refuses near misses', () => {
    for (const text of [
      '0001-01-00042',
      '001-01-000042',
      '0001-1-000042',
      '0001-01-00004a',
      '000101000042',
      '',
    ]) {
      expect(isReceiptNo(text), text).toBe(false);
    }
  });

  it('matches the whole text only', () => {
    expect(isReceiptNo(' 0001-01-000042')).toBe(false);
    expect(isReceiptNo('0001-01-000042\n')).toBe(false);
    expect(isReceiptNo('x0001-01-000042')).toBe(false);
  });

  it('publishes a pattern the renderer can rebuild into the same test', () => {
    expect(RECEIPT_NO_PATTERN).toBe('^\\d{4}-\\d{2}-\\d{6,}$');
    expect(new RegExp(RECEIPT_NO_PATTERN).test('0001-01-000042')).toBe(true);
    expect(new RegExp(RECEIPT_NO_PATTERN).test('0001-01-R000043')).toBe(false);
  });
});
