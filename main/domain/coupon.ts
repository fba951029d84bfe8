// Coupons at the till: whether one may be used on this cart, and what it takes off. The discount is
// spread over the lines in proportion to their totals, so each line (and its VAT, and any later
// return) carries the price actually paid.
import { fail, ok } from '../../contract/common';
import type { Result } from '../../contract/common';
import type { CouponKind } from '../../contract/customers';
import { allocate, divideHalfUp, toBigInt } from './money';

export interface CouponTerms {
  code: string;
  /** Null: a campaign code anyone may use. */
  customerId: number | null;
  kind: CouponKind;
  percentBp: number | null;
  amountMinor: number | null;
  minSpendMinor: number;
  validFrom: string;
  validUntil: string;
  redeemedAt: string | null;
}

/** Why a coupon cannot go on this cart at all (as opposed to taking nothing off for now). */
export function checkCoupon(
  coupon: CouponTerms,
  context: { customerId: number | null; now: Date },
): Result<CouponTerms> {
  const at = context.now.toISOString();
  const params = { code: coupon.code };
  if (coupon.redeemedAt !== null)
    return fail('COUPON_USED', `Coupon ${coupon.code} was already used`, params);
  if (at < coupon.validFrom)
    return fail('COUPON_NOT_VALID', `Coupon ${coupon.code} is valid from ${coupon.validFrom}`, {
      ...params,
      reason: 'not-yet',
      validFrom: coupon.validFrom,
    });
  if (at > coupon.validUntil)
    return fail('COUPON_NOT_VALID', `Coupon ${coupon.code} expired at ${coupon.validUntil}`, {
      ...params,
      reason: 'expired',
      validUntil: coupon.validUntil,
    });
  if (coupon.customerId !== null && coupon.customerId !== context.customerId)
    return fail(
      'COUPON_NOT_FOR_CUSTOMER',
      `Coupon ${coupon.code} is personal: identify its customer first`,
      params,
    );
  return ok(coupon);
}

export interface CouponDiscount {
  discountMinor: number;
  /** Set when the cart is below the minimum spend: the coupon stays on it but takes nothing off. */
  problem: 'min-spend' | null;
}

/** What the coupon takes off a subtotal: never more than the subtotal, a percentage rounded half-up. */
export function couponDiscount(
  coupon: Pick<CouponTerms, 'percentBp' | 'amountMinor' | 'minSpendMinor'>,
  subtotalMinor: number,
): CouponDiscount {
  if (subtotalMinor <= 0) return { discountMinor: 0, problem: null };
  if (subtotalMinor < coupon.minSpendMinor) return { discountMinor: 0, problem: 'min-spend' };
  const raw =
    coupon.percentBp !== null
      ? Number(
          divideHalfUp(
            toBigInt(subtotalMinor, 'subtotalMinor') * toBigInt(coupon.percentBp, 'percentBp'),
            10_000n,
          ),
        )
      : (coupon.amountMinor ?? 0);
  return { discountMinor: Math.min(raw, subtotalMinor), problem: null };
}

/** Each line's share of the discount, largest remainder first, so the shares add up exactly. */
export function discountShares(lineTotals: readonly number[], discountMinor: number): number[] {
  if (discountMinor === 0) return lineTotals.map(() => 0);
  return allocate(discountMinor, [...lineTotals]);
}
