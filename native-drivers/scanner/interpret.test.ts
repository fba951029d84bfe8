import { describe, expect, it } from 'vitest';
import { defaultTillConfig } from '../../contract/config';
import { GS } from './gs1';
import { gtinCheckDigit } from './gtin';
import { interpretScan } from './interpret';
import type { ScanInput, ScanRules } from './interpret';
import { luhnValid } from './payment-card';
import type { Symbology } from './types';

// The patterns main/domain/receipt.ts owns (main/domain/barcode.test.ts checks they are the same).
const rules: ScanRules = {
  embeddedBarcodes: defaultTillConfig.embeddedBarcodes,
  scanner: defaultTillConfig.scanner,
  receiptPatterns: { sale: '^\\d{4}-\\d{2}-\\d{6,}$', return: '^\\d{4}-\\d{2}-R\\d{6,}$' },
};
const AT = Date.UTC(2025, 5, 15, 9, 30);
const scan = (data: string, symbology: Symbology = 'unknown', aim: string | null = null): ScanInput => ({
  data,
  symbology,
  aim,
  at: AT,
});
const read = (data: string, symbology: Symbology = 'unknown', aim: string | null = null, with_ = rules) =>
  interpretScan(scan(data, symbology, aim), with_);
const withCheck = (body: string) => `${body}${gtinCheckDigit(body)}`;

const CHZ = `0104600682000181215Kx8!q'LfR2%d${GS}91EE06${GS}92b21uaXRpbGwtdGVzdC1jcnlwdG8tdGFpbC0zMmJ5dGVz`;

describe('interpretScan: products', () => {
  it('reads an EAN-13, a UPC-A and an EAN-8 as catalogue GTINs', () => {
    expect(read('4600682000181', 'ean13', ']E0')).toEqual({
      ok: true,
      value: { kind: 'product', via: 'gtin', gtin: '4600682000181', symbology: 'ean13', addOn: null },
    });
    expect(read('036000291452', 'upca', ']E0')).toMatchObject({ value: { gtin: '0036000291452' } });
    expect(read('96385074')).toMatchObject({ value: { kind: 'product', gtin: '96385074' } });
  });

  it('expands a UPC-E to the UPC-A the catalogue knows, scanned or typed', () => {
    expect(read('04252614', 'upce', ']E0')).toMatchObject({ value: { gtin: '0042100005264' } });
    expect(read('04252614')).toMatchObject({ value: { gtin: '0042100005264', symbology: 'upce' } });
  });

  it('separates the add-on of an ]E3 message from the product code', () => {
    expect(read('460068200018112', 'ean13', ']E3')).toMatchObject({
      value: { gtin: '4600682000181', addOn: '12' },
    });
  });

  it('reads weight and PLU from an in-store scale label', () => {
    expect(read('2100123012503', 'ean13', ']E0')).toMatchObject({
      ok: true,
      value: { kind: 'product', via: 'embedded', plu: '00123', value: 1250, rule: { kind: 'weight' } },
    });
  });

  it('reads GTIN, net weight, expiry, batch and serial from a GS1-128', () => {
    const data = `0104600682000181310300125017251231${'10LOT-42'}${GS}21SN0001`;
    expect(read(data, 'gs1-128', ']C1')).toMatchObject({
      ok: true,
      value: {
        kind: 'product',
        via: 'gs1',
        gtin: '4600682000181',
        gtin14: '04600682000181',
        netWeightGrams: 1250,
        expiry: '2025-12-31',
        batch: 'LOT-42',
        serial: 'SN0001',
        price: null,
      },
    });
  });

  it('reads a price with its decimals (3922) and a weight in 0.1 kg (3101)', () => {
    expect(read('01046006820001813101000012' + '392212345', 'gs1-databar', ']e0')).toMatchObject({
      value: { netWeightGrams: 1200, price: { units: 12345, decimals: 2 } },
    });
  });

  it('reads a Честный ЗНАК DataMatrix as the product and keeps the code byte-exact', () => {
    const result = read(CHZ, 'gs1-datamatrix', ']d2');
    expect(result).toMatchObject({ ok: true, value: { kind: 'product', via: 'gs1', gtin: '4600682000181' } });
    expect(
      result.ok && result.value.kind === 'product' && result.value.via === 'gs1' && result.value.gs1.raw,
    ).toBe(CHZ);
  });

  it('reads a marking code from a scanner that reports plain DataMatrix, by its GS', () => {
    expect(read(CHZ, 'datamatrix', ']d1')).toMatchObject({ value: { via: 'gs1', serial: "5Kx8!q'LfR2%d" } });
  });

  it('reads GS1 through a wedge scanner programmed to send "~" for GS', () => {
    const wedged = CHZ.replaceAll(GS, '~');
    const withTilde = { ...rules, scanner: { ...rules.scanner, gs1Separator: '~' } };
    const result = read(wedged, 'unknown', null, withTilde);
    expect(result).toMatchObject({ value: { via: 'gs1', gs1: { raw: wedged, canonical: CHZ } } });
  });

  it('reads a GS1 DataBar typed by a wedge without symbology id, from its 01 at the start', () => {
    expect(read('01046006820001813103001250')).toMatchObject({ value: { via: 'gs1', netWeightGrams: 1250 } });
  });

  it('does not invent a product from a marking code whose GS a wedge dropped', () => {
    const lost = CHZ.replaceAll(GS, '');
    expect(read(lost)).toEqual({ ok: true, value: { kind: 'unknown', code: lost } });
  });

  it('reads an ITF-14 case code only when the symbology says ITF', () => {
    expect(read('14600682000188', 'itf', ']I1')).toMatchObject({ value: { gtin: '14600682000188' } });
    expect(read('14600682000188')).toEqual({ ok: true, value: { kind: 'unknown', code: '14600682000188' } });
  });
});

describe('interpretScan: check digits', () => {
  it('refuses an EAN-13 with a wrong check digit, scanned or typed', () => {
    const error = { ok: false, error: { kind: 'check-digit', code: '4600682000182' } };
    expect(read('4600682000182', 'ean13', ']E0')).toMatchObject(error);
    expect(read('4600682000182')).toMatchObject(error);
  });

  it('refuses a GS1 GTIN with a wrong check digit', () => {
    expect(read('0104600682000182', 'gs1-128', ']C1')).toMatchObject({
      ok: false,
      error: { kind: 'check-digit' },
    });
  });

  it('leaves a 13-digit Code 128 with no GTIN check digit to the catalogue', () => {
    expect(read('4600682000182', 'code128', ']C0')).toEqual({
      ok: true,
      value: { kind: 'unknown', code: '4600682000182' },
    });
  });

  it('refuses a loyalty card number with a wrong check digit', () => {
    const card = withCheck('270000000001');
    const wrong = `${card.slice(0, 12)}${(Number(card.at(-1)) + 1) % 10}`;
    expect(read(wrong)).toMatchObject({ ok: false, error: { kind: 'check-digit', code: wrong } });
  });
});

describe('interpretScan: the retailer’s own codes', () => {
  it('recognises loyalty and gift cards by their configured ranges', () => {
    const loyalty = withCheck('270000000001');
    const gift = withCheck('260000012345');
    expect(read(loyalty, 'ean13', ']E0')).toEqual({
      ok: true,
      value: { kind: 'loyalty-card', number: loyalty },
    });
    expect(read(gift)).toEqual({ ok: true, value: { kind: 'gift-card', number: gift } });
  });

  it('recognises a GS1 coupon EAN-13 (prefix 99) and a configured coupon pattern', () => {
    const coupon = withCheck('990012345678');
    expect(read(coupon, 'ean13', ']E0')).toEqual({ ok: true, value: { kind: 'coupon', code: coupon } });
    const custom = { ...rules, scanner: { ...rules.scanner, couponPatterns: ['^CPN-[A-Z0-9]{6}$'] } };
    expect(read('CPN-7Q2K9X', 'qr', ']Q1', custom)).toEqual({
      ok: true,
      value: { kind: 'coupon', code: 'CPN-7Q2K9X' },
    });
  });

  it('recognises a GS1 coupon element string (AI 255)', () => {
    expect(read('2554600682000186123', 'gs1-databar', ']e0')).toMatchObject({ value: { kind: 'coupon' } });
  });

  it('reads member id and signature from both member QR forms', () => {
    const member = { kind: 'member', memberId: '10042', signature: 'Zm9vYmFyYmF6cXV4_-12' };
    expect(read('OMNI:M:10042:Zm9vYmFyYmF6cXV4_-12', 'qr', ']Q1')).toEqual({ ok: true, value: member });
    expect(read('https://omnitill.app/m/10042?s=Zm9vYmFyYmF6cXV4_-12', 'qr', ']Q1')).toEqual({
      ok: true,
      value: member,
    });
  });

  it('does not take a member QR with a short signature for one', () => {
    expect(read('OMNI:M:10042:short', 'qr', ']Q1')).toMatchObject({ value: { kind: 'unknown' } });
  });

  it('tells a sale receipt from a return slip', () => {
    expect(read('0001-01-000042', 'code128', ']C0')).toEqual({
      ok: true,
      value: { kind: 'receipt', receiptNo: '0001-01-000042', isReturn: false },
    });
    expect(read('0001-01-R000043')).toEqual({
      ok: true,
      value: { kind: 'receipt', receiptNo: '0001-01-R000043', isReturn: true },
    });
  });
});

describe('interpretScan: payment cards', () => {
  it('refuses a Мир card number and keeps only its last four digits', () => {
    const result = read('2200000000000004');
    expect(result).toEqual({ ok: true, value: { kind: 'payment-card', scheme: 'mir', masked: '•••• 0004' } });
    expect(JSON.stringify(result)).not.toContain('220000000000');
  });

  it('refuses a card number in a QR code and track data typed by a reader', () => {
    expect(read('4111111111111111', 'qr', ']Q1')).toMatchObject({
      value: { kind: 'payment-card', scheme: 'visa' },
    });
    expect(read(';5555555555554444=2512101?')).toMatchObject({ value: { kind: 'payment-card' } });
  });

  it('reads a Russian EAN-13 that also passes Luhn in the Visa range as a product', () => {
    let ean = '';
    for (let n = 0; !ean; n++) {
      const candidate = withCheck(`46006820${String(n).padStart(4, '0')}`);
      if (luhnValid(candidate)) ean = candidate;
    }
    expect(read(ean)).toMatchObject({ value: { kind: 'product', gtin: ean } });
    expect(read(ean, 'ean13', ']E0')).toMatchObject({ value: { kind: 'product' } });
  });
});

describe('interpretScan: everything else', () => {
  it('passes internal codes to the catalogue as unknown codes', () => {
    for (const code of ['SKU-00042', '123456', 'Молоко-1л']) {
      expect(read(code), code).toEqual({ ok: true, value: { kind: 'unknown', code } });
    }
  });

  it('passes an add-on read on its own as unknown', () => {
    expect(read('12', 'ean-addon', ']E1')).toEqual({ ok: true, value: { kind: 'unknown', code: '12' } });
  });

  it('trims framing leftovers around the code', () => {
    expect(read('  4600682000181\r\n')).toMatchObject({ value: { gtin: '4600682000181' } });
  });

  it('refuses empty, over-long and control-character data, and letters under an EAN symbology', () => {
    expect(read(' \r\n')).toEqual({ ok: false, error: { kind: 'format', reason: 'empty' } });
    expect(read('A'.repeat(5000))).toEqual({ ok: false, error: { kind: 'format', reason: 'too-long' } });
    expect(read('46006\u000782000181')).toEqual({
      ok: false,
      error: { kind: 'format', reason: 'control-character' },
    });
    expect(read('46006820001X1', 'ean13', ']E0')).toEqual({
      ok: false,
      error: { kind: 'format', reason: 'not-digits' },
    });
    expect(read('4600682', 'ean13', ']E0')).toEqual({
      ok: false,
      error: { kind: 'format', reason: 'length' },
    });
  });

  it('reports why a declared GS1 string does not parse', () => {
    expect(read('0104600682000181' + '05123', 'gs1-128', ']C1')).toEqual({
      ok: false,
      error: { kind: 'gs1', error: { kind: 'unknown-ai', at: 16 } },
    });
  });
});
