import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CouponTerms } from './coupon';
import { checkCoupon, couponDiscount, discountShares } from './coupon';

const coupon = (over: Partial<CouponTerms> = {}): CouponTerms => ({
  code: 'BDAY-1',
  customerId: 7,
  kind: 'birthday',
  percentBp: 1000,
  amountMinor: null,
  minSpendMinor: 0,
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2026-12-31T23:59:59.000Z',
  redeemedAt: null,
  ...over,
});
const now = new Date('2026-06-01T12:00:00Z');

describe('checkCoupon', () => {
  it('accepts a personal coupon for its own customer', () => {
    expect(checkCoupon(coupon(), { customerId: 7, now }).ok).toBe(true);
  });

  it('refuses a personal coupon without or with another customer', () => {
    for (const customerId of [null, 8]) {
      const result = checkCoupon(coupon(), { customerId, now });
      expect(result.ok ? null : result.error.code).toBe('COUPON_NOT_FOR_CUSTOMER');
    }
  });

  it('lets anyone use a campaign code', () => {
    expect(checkCoupon(coupon({ customerId: null }), { customerId: null, now }).ok).toBe(true);
  });

  it('refuses a used, an expired and a not yet valid coupon with the reason', () => {
    const used = checkCoupon(coupon({ redeemedAt: '2026-05-01T00:00:00Z' }), { customerId: 7, now });
    expect(used.ok ? null : used.error.code).toBe('COUPON_USED');
    const expired = checkCoupon(coupon({ validUntil: '2026-05-31T00:00:00.000Z' }), { customerId: 7, now });
    expect(expired.ok ? null : expired.error.params?.reason).toBe('expired');
    const early = checkCoupon(coupon({ validFrom: '2026-07-01T00:00:00.000Z' }), { customerId: 7, now });
    expect(early.ok ? null : early.error.params?.reason).toBe('not-yet');
  });
});

describe('couponDiscount', () => {
  it('takes a percentage rounded half-up', () => {
    expect(couponDiscount(coupon({ percentBp: 1000 }), 12_345)).toEqual({
      discountMinor: 1235,
      problem: null,
    });
  });

  it('takes a fixed amount but never more than the subtotal', () => {
    const fixed = coupon({ percentBp: null, amountMinor: 50_000 });
    expect(couponDiscount(fixed, 100_000).discountMinor).toBe(50_000);
    expect(couponDiscount(fixed, 30_000).discountMinor).toBe(30_000);
  });

  it('takes nothing below the minimum spend and says so', () => {
    expect(couponDiscount(coupon({ minSpendMinor: 100_000 }), 99_999)).toEqual({
      discountMinor: 0,
      problem: 'min-spend',
    });
  });

  it('takes nothing off an empty cart', () => {
    expect(couponDiscount(coupon({ minSpendMinor: 100 }), 0)).toEqual({ discountMinor: 0, problem: null });
  });
});

describe('discountShares', () => {
  it('splits in proportion to the line totals', () => {
    expect(discountShares([10_000, 30_000], 4000)).toEqual([1000, 3000]);
  });

  it('always adds up to the discount and never exceeds a line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (totals, fraction) => {
          const subtotal = totals.reduce((a, b) => a + b, 0);
          fc.pre(subtotal > 0);
          const discount = Math.floor(subtotal * fraction);
          const shares = discountShares(totals, discount);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(discount);
          shares.forEach((share, i) => expect(share).toBeLessThanOrEqual(totals[i] ?? 0));
        },
      ),
    );
  });
});
