import { describe, expect, it } from 'vitest';
import type { EmbeddedBarcodeRule } from '../../contract/config';
import { decodeEmbedded } from './embedded';

const weight21: EmbeddedBarcodeRule = { prefix: '21', kind: 'weight', pluDigits: 5 };
const price23: EmbeddedBarcodeRule = { prefix: '23', kind: 'price', pluDigits: 5 };

describe('decodeEmbedded', () => {
  it('reads 1.250 kg of PLU 00123 from a scale label 21 00123 01250 3', () => {
    expect(decodeEmbedded('2100123012503', [weight21, price23])).toEqual({
      rule: weight21,
      plu: '00123',
      value: 1250,
      code: '2100123012503',
    });
  });

  it('reads a price of 89.90 from a price label', () => {
    expect(decodeEmbedded('2300456089906', [weight21, price23])).toMatchObject({ plu: '00456', value: 8990 });
  });

  it('leaves prefixes without a rule, and codes that are not EAN-13, to the catalogue', () => {
    expect(decodeEmbedded('2000000012348', [weight21])).toBeNull();
    expect(decodeEmbedded('4600682000181', [weight21])).toBeNull();
    expect(decodeEmbedded('210012301250', [weight21])).toBeNull();
  });
});
