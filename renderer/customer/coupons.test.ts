import { describe, expect, it } from 'vitest';
import type { CouponOffer } from '../../contract/customers';
import { formatMoney, formatRate } from '../i18n/format';
import { couponShortfall, couponValue } from './coupons';

const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ');
const words = {
  money: (minor: number, currency: string) => formatMoney(minor, currency, 'ru'),
  rate: (rateBp: number) => formatRate(rateBp, 'ru'),
};
const offer = (patch: Partial<CouponOffer>): CouponOffer => ({
  code: 'WELCOME10',
  kind: 'first_purchase',
  percentBp: null,
  amountMinor: null,
  minSpendMinor: 0,
  validUntil: '2025-12-31T20:59:59.000Z',
  personal: true,
  ...patch,
});

describe('a coupon on the customer panel', () => {
  it('is worth a percentage or an amount', () => {
    expect(plain(couponValue(offer({ percentBp: 1000 }), 'RUB', words))).toBe('10 %');
    expect(plain(couponValue(offer({ amountMinor: 50000 }), 'RUB', words))).toBe('500,00 ₽');
    expect(couponValue(offer({}), 'RUB', words)).toBeNull();
  });

  it('tells how much more the customer must buy to use it', () => {
    const coupon = { code: 'WB500', discountMinor: 0, problem: 'min-spend' as const, minSpendMinor: 150000 };
    expect(couponShortfall({ coupon, subtotalMinor: 120000 })).toBe(30000);
    expect(couponShortfall({ coupon, subtotalMinor: 160000 })).toBe(0);
    expect(couponShortfall({ coupon: null, subtotalMinor: 0 })).toBe(0);
  });
});
