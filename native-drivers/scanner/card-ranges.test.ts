import { describe, expect, it } from 'vitest';
import type { CardNumberRange } from '../../contract/config';
import { matchCardRange } from './card-ranges';
import { gtinCheckDigit } from './gtin';

const loyalty: CardNumberRange = { from: '2700', to: '2709', length: 13, check: 'gtin' };
const gift: CardNumberRange = { from: '778', to: '778', length: 16, check: 'luhn' };
const partner: CardNumberRange = { from: '10', to: '19', length: 10, check: 'none' };

describe('matchCardRange', () => {
  it('finds the range whose prefixes and length fit the number', () => {
    const card = `270500000042${gtinCheckDigit('270500000042')}`;
    expect(matchCardRange(card, [gift, loyalty])).toEqual({ ok: true, value: loyalty });
    expect(matchCardRange('7780000000000001', [loyalty, gift])).toEqual({ ok: true, value: gift });
    expect(matchCardRange('1234567890', [partner])).toEqual({ ok: true, value: partner });
  });

  it('says check-digit for a number in a range whose check digit fails', () => {
    expect(matchCardRange('7780000000000002', [gift])).toEqual({ ok: false, error: { kind: 'check-digit' } });
  });

  it('is null for numbers outside every range, of another length, or not digits', () => {
    expect(matchCardRange('2710000000004', [loyalty])).toBeNull();
    expect(matchCardRange('27050000000', [loyalty])).toBeNull();
    expect(matchCardRange('2705-0000-0004', [loyalty])).toBeNull();
  });
});
