import { describe, expect, it } from 'vitest';
import { isAimId, splitAimPrefix, symbologyFromAim } from './aim';
import { guessSymbology } from './guess';

describe('symbologyFromAim', () => {
  it('names the symbologies a grocery till meets', () => {
    const cases: [string, string, string][] = [
      [']E0', '4600682000181', 'ean13'],
      [']E4', '96385074', 'ean8'],
      [']E3', '460068200018112', 'ean13'],
      [']E1', '12', 'ean-addon'],
      [']E2', '52495', 'ean-addon'],
      [']C0', 'SKU-00042', 'code128'],
      [']C1', '0104600682000181', 'gs1-128'],
      [']d1', 'hello', 'datamatrix'],
      [']d2', '0104600682000181215Kx8!q', 'gs1-datamatrix'],
      [']Q1', 'https://omnitill.app', 'qr'],
      [']Q3', '0104600682000181', 'gs1-qr'],
      [']e0', '0104600682000181', 'gs1-databar'],
      [']A0', 'ABC-123', 'code39'],
      [']I0', '12345678', 'itf'],
      [']I1', '14600682000188', 'itf'],
      [']L0', 'PDF', 'pdf417'],
      [']F0', 'A1234B', 'codabar'],
      [']G0', 'CODE93', 'code93'],
      [']z0', 'aztec', 'aztec'],
    ];
    for (const [aim, data, symbology] of cases) expect(symbologyFromAim(aim, data), aim).toBe(symbology);
  });

  it('tells UPC-A and UPC-E from EAN-13 under ]E0 by the number of digits', () => {
    expect(symbologyFromAim(']E0', '036000291452')).toBe('upca');
    expect(symbologyFromAim(']E0', '04252614')).toBe('upce');
  });

  it('names an identifier it does not know "unknown" rather than guessing', () => {
    expect(symbologyFromAim(']X0', '4600682000181')).toBe('unknown');
  });

  it('falls back to a guess from the data without an identifier', () => {
    expect(symbologyFromAim(null, '4600682000181')).toBe('ean13');
    expect(symbologyFromAim(null, 'SKU-00042')).toBe('unknown');
  });
});

describe('splitAimPrefix', () => {
  it('splits a leading identifier off the data', () => {
    expect(splitAimPrefix(']E04600682000181')).toEqual({ aim: ']E0', rest: '4600682000181' });
  });

  it('leaves data alone that only looks similar', () => {
    for (const text of ['4600682000181', ']', ']E', '] 04600', ']#0abc', ']E-1']) {
      expect(splitAimPrefix(text), text).toBeNull();
    }
  });

  it('accepts letter modifiers as well as digits', () => {
    expect(isAimId(']QA')).toBe(true);
    expect(isAimId(']0A')).toBe(false);
  });
});

describe('guessSymbology', () => {
  it('recognises EAN-13, UPC-A and EAN-8 by length and check digit', () => {
    expect(guessSymbology('4600682000181')).toBe('ean13');
    expect(guessSymbology('036000291452')).toBe('upca');
    expect(guessSymbology('96385074')).toBe('ean8');
  });

  it('recognises an 8-digit UPC-E whose digit is not a valid EAN-8 one', () => {
    expect(guessSymbology('04252614')).toBe('upce');
  });

  it('does not guess from a wrong check digit, other lengths or letters', () => {
    for (const data of ['4600682000182', '123456', '04600682000181', 'SKU-00042', '']) {
      expect(guessSymbology(data), data).toBe('unknown');
    }
  });
});
