import { describe, expect, it } from 'vitest';
import { catalogueGtin, expandUpcE, gtinCheckDigit, hasValidGtinCheckDigit } from './gtin';

describe('gtinCheckDigit', () => {
  it('gives the check digits printed on real EAN-13, UPC-A, EAN-8 and GTIN-14 codes', () => {
    expect(gtinCheckDigit('460068200018')).toBe(1);
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('9638507')).toBe(4);
    expect(gtinCheckDigit('1400638133393')).toBe(8);
  });

  it('computes an SSCC with the same weights (GS1 example 106141411234567897)', () => {
    expect(gtinCheckDigit('10614141123456789')).toBe(7);
  });

  it('treats a body with anything but digits as a programming error', () => {
    expect(() => gtinCheckDigit('')).toThrow(RangeError);
    expect(() => gtinCheckDigit('46006820001X')).toThrow(RangeError);
  });
});

describe('hasValidGtinCheckDigit', () => {
  it('accepts a correct code and refuses one digit off', () => {
    expect(hasValidGtinCheckDigit('4600682000181')).toBe(true);
    expect(hasValidGtinCheckDigit('4600682000182')).toBe(false);
  });

  it('answers false, never throws, for text that is not digits', () => {
    for (const text of ['', '4', 'ABC', '4600682 00181', '٤٦٠٠٦٨٢٠٠٠١٨١']) {
      expect(hasValidGtinCheckDigit(text), text).toBe(false);
    }
  });
});

describe('catalogueGtin', () => {
  it('keys UPC-A, GTIN-14 with indicator 0 and padded GTIN-8 like the catalogue stores them', () => {
    expect(catalogueGtin('036000291452')).toBe('0036000291452');
    expect(catalogueGtin('04600682000181')).toBe('4600682000181');
    expect(catalogueGtin('00000096385074')).toBe('96385074');
  });

  it('keeps a case GTIN-14 with a packaging indicator, and EAN-13/EAN-8 as they are', () => {
    expect(catalogueGtin('14006381333938')).toBe('14006381333938');
    expect(catalogueGtin('4600682000181')).toBe('4600682000181');
    expect(catalogueGtin('96385074')).toBe('96385074');
  });
});

describe('expandUpcE', () => {
  it('expands each zero-suppression pattern to its UPC-A', () => {
    expect(expandUpcE('01234565')).toEqual({ ok: true, value: '012345000065' });
    expect(expandUpcE('04252614')).toEqual({ ok: true, value: '042100005264' });
    expect(expandUpcE('0123453')).toEqual({ ok: true, value: '012300000451' });
    expect(expandUpcE('123434')).toEqual({ ok: true, value: '012340000039' });
  });

  it('verifies the check digit of an 8-digit UPC-E against the expanded code', () => {
    expect(expandUpcE('01234566')).toEqual({ ok: false, error: { kind: 'check-digit' } });
  });

  it('refuses number systems other than 0 and 1, and wrong lengths', () => {
    expect(expandUpcE('21234565')).toEqual({ ok: false, error: { kind: 'number-system' } });
    expect(expandUpcE('12345')).toEqual({ ok: false, error: { kind: 'format' } });
    expect(expandUpcE('012345678')).toEqual({ ok: false, error: { kind: 'format' } });
  });
});
