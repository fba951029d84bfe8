import { describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import type { EmbeddedBarcodeRule } from '../../contract/config';
import { interpretScan } from '../../native-drivers/scanner/interpret';
import { classifyCode, gtinCheckDigit, scanRules } from './barcode';
import { formatReceiptNo } from './receipt';

const rules = defaultTillConfig.embeddedBarcodes;
const weight21: EmbeddedBarcodeRule = { prefix: '21', kind: 'weight', pluDigits: 5 };
const price23: EmbeddedBarcodeRule = { prefix: '23', kind: 'price', pluDigits: 5 };

describe('gtinCheckDigit', () => {
  it('computes the check digit of real EAN-13s', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('590123412345')).toBe(7);
    expect(gtinCheckDigit('460068200018')).toBe(1);
  });

  it('computes the check digit of a UPC-A', () => {
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });

  it('computes the check digit of an EAN-8', () => {
    expect(gtinCheckDigit('9638507')).toBe(4);
  });

  it('gives a GTIN-14 padded with zeros the same digit as the code inside it', () => {
    expect(gtinCheckDigit('0400638133393')).toBe(1);
    expect(gtinCheckDigit('0003600029145')).toBe(2);
  });

  it('computes the check digit of a GTIN-14 with a packaging indicator', () => {
    expect(gtinCheckDigit('1400638133393')).toBe(8);
  });

  it('gives 0 when the weighted sum is already a multiple of ten', () => {
    expect(gtinCheckDigit('0000000')).toBe(0);
    expect(gtinCheckDigit('460244100711')).toBe(0);
  });

  it('treats a body with anything but digits as a bug', () => {
    expect(() => gtinCheckDigit('')).toThrow(RangeError);
    expect(() => gtinCheckDigit('40063813339X')).toThrow(RangeError);
  });
});

describe('classifyCode', () => {
  it('passes a valid EAN-13 through unchanged', () => {
    expect(classifyCode('4006381333931', rules)).toEqual({ kind: 'gtin', gtin: '4006381333931' });
    expect(classifyCode('5901234123457', rules)).toEqual({ kind: 'gtin', gtin: '5901234123457' });
    expect(classifyCode('4600682000181', rules)).toEqual({ kind: 'gtin', gtin: '4600682000181' });
  });

  it('turns a UPC-A into the EAN-13 the catalogue stores', () => {
    expect(classifyCode('036000291452', rules)).toEqual({ kind: 'gtin', gtin: '0036000291452' });
  });

  it('keeps an EAN-8 at 8 digits', () => {
    expect(classifyCode('96385074', rules)).toEqual({ kind: 'gtin', gtin: '96385074' });
  });

  it('trims what a wedge scanner or a paste adds around the code', () => {
    expect(classifyCode('  4006381333931\r\n', rules)).toEqual({ kind: 'gtin', gtin: '4006381333931' });
  });

  it('refuses a misread with a wrong check digit', () => {
    const invalid = { kind: 'invalid', reason: 'check_digit' };
    expect(classifyCode('4006381333932', rules)).toEqual(invalid);
    expect(classifyCode('036000291453', rules)).toEqual(invalid);
    expect(classifyCode('96385075', rules)).toEqual(invalid);
  });

  it('reads 1.250 kg of PLU 00123 from an in-store weight label', () => {
    expect(gtinCheckDigit('210012301250')).toBe(3);
    expect(classifyCode('2100123012503', rules)).toEqual({
      kind: 'embedded',
      rule: weight21,
      plu: '00123',
      value: 1_250,
      code: '2100123012503',
    });
  });

  it('reads a price of 8.99 from an in-store price label', () => {
    expect(classifyCode('2300456008994', rules)).toEqual({
      kind: 'embedded',
      rule: price23,
      plu: '00456',
      value: 899,
      code: '2300456008994',
    });
  });

  it('splits PLU and value by the rule’s PLU length', () => {
    const fourDigitPlu: EmbeddedBarcodeRule = { prefix: '22', kind: 'weight', pluDigits: 4 };
    const sixDigitPlu: EmbeddedBarcodeRule = { prefix: '24', kind: 'price', pluDigits: 6 };
    const four = `220123001250${gtinCheckDigit('220123001250')}`;
    const six = `240012340999${gtinCheckDigit('240012340999')}`;
    expect(classifyCode(four, [fourDigitPlu])).toMatchObject({ plu: '0123', value: 1_250 });
    expect(classifyCode(six, [sixDigitPlu])).toMatchObject({ plu: '001234', value: 999 });
  });

  it('refuses an in-store label with a wrong check digit', () => {
    expect(classifyCode('2100123012504', rules)).toEqual({ kind: 'invalid', reason: 'check_digit' });
  });

  it('reads a zero weight as 0 and leaves refusing it to the cart', () => {
    const code = `210012300000${gtinCheckDigit('210012300000')}`;
    expect(classifyCode(code, rules)).toMatchObject({ kind: 'embedded', value: 0 });
  });

  it('treats a 20–29 code without a rule as a store-internal GTIN', () => {
    const internal = `200000001234${gtinCheckDigit('200000001234')}`;
    expect(classifyCode(internal, rules)).toEqual({ kind: 'gtin', gtin: internal });
    expect(classifyCode('2100123012503', [])).toEqual({ kind: 'gtin', gtin: '2100123012503' });
  });

  it('only reads embedded values from 13-digit codes', () => {
    const upc = `21001230125${gtinCheckDigit('21001230125')}`;
    expect(classifyCode(upc, rules)).toEqual({ kind: 'gtin', gtin: `0${upc}` });
  });

  it('recognises a sale receipt number so the return screen can open', () => {
    expect(classifyCode('0001-01-000042', rules)).toEqual({ kind: 'receipt', receiptNo: '0001-01-000042' });
    expect(classifyCode(' 0001-01-1000000 ', rules)).toEqual({
      kind: 'receipt',
      receiptNo: '0001-01-1000000',
    });
  });

  it('treats a return slip number as an ordinary code', () => {
    expect(classifyCode('0001-01-R000043', rules)).toEqual({ kind: 'other', code: '0001-01-R000043' });
  });

  it('passes internal SKU codes and other digit counts through as other codes', () => {
    for (const code of ['SKU-00042', '123456', '04006381333931', 'Молоко-1л', '4006381 333931']) {
      expect(classifyCode(code, rules), code).toEqual({ kind: 'other', code });
    }
  });

  it('keeps the GS separator of a GS1 DataMatrix byte-exact', () => {
    const marking = '0104600682000181215Qa!xZ\u001d91EE06\u001d92abcdef==';
    expect(classifyCode(marking, rules)).toEqual({ kind: 'other', code: marking });
  });

  it('accepts a code of 128 characters and refuses 129', () => {
    expect(classifyCode('A'.repeat(128), rules)).toEqual({ kind: 'other', code: 'A'.repeat(128) });
    expect(classifyCode('A'.repeat(129), rules)).toEqual({ kind: 'invalid', reason: 'format' });
  });

  it('refuses an empty or unprintable code', () => {
    for (const code of ['', '   ', 'AB\u0007C', 'AB\u0000', 'AB\u007fC', 'AB\u0085C']) {
      expect(classifyCode(code, rules), JSON.stringify(code)).toEqual({ kind: 'invalid', reason: 'format' });
    }
  });
});

describe('scanRules', () => {
  const rules = scanRules(defaultTillConfig);
  const read = (data: string) => interpretScan({ data, symbology: 'unknown', aim: null, at: 0 }, rules);

  it('lets the scanner recognise the receipt numbers this till prints, sales and returns', () => {
    expect(read(formatReceiptNo('0001', '01', 42, 'sale'))).toEqual({
      ok: true,
      value: { kind: 'receipt', receiptNo: '0001-01-000042', isReturn: false },
    });
    expect(read(formatReceiptNo('0001', '01', 43, 'return'))).toMatchObject({ value: { isReturn: true } });
  });

  it('reads in-store labels with the same layout as classifyCode', () => {
    expect(read('2100123012503')).toMatchObject({ value: { via: 'embedded', plu: '00123', value: 1_250 } });
  });
});
