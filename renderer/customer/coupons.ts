// What a coupon is worth, as the customer hears it: "−10%" or "−500 ₽", and how far the cart is from
// a coupon's minimum spend.
import type { CouponOffer } from '../../contract/customers';
import type { Cart } from '../../contract/ipc';

export interface CouponMoney {
  money(minor: number, currency: string): string;
  rate(rateBp: number): string;
}

/** The coupon's value: a percentage off, else an amount off; null when it carries neither. */
export function couponValue(
  offer: CouponOffer,
  currency: string,
  { money, rate }: CouponMoney,
): string | null {
  if (offer.percentBp !== null) return rate(offer.percentBp);
  if (offer.amountMinor !== null) return money(offer.amountMinor, currency);
  return null;
}

/** What the cart still lacks for its coupon's minimum spend, or 0 when the coupon applies. */
export const couponShortfall = (cart: Pick<Cart, 'coupon' | 'subtotalMinor'>): number =>
  cart.coupon ? Math.max(0, cart.coupon.minSpendMinor - cart.subtotalMinor) : 0;
