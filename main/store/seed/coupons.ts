// Coupons as HQ issues them, in sums that read as round money in the store's currency.
import { currencyDigits } from '../../domain/money';
import { DAY_MS } from './calendar';
import type { DemoCoupon } from './demo-customers';
import { couponCode } from './identifiers';
import type { CouponRow } from './rows';

/**
 * One coupon "unit" in minor units: about what 100 ₽ buys, in the denominations people count in (10 ¥,
 * 1 €, 500 ₸). Fixed coupons, minimum spends and tier thresholds are whole numbers of units. A currency
 * not listed counts in its major unit.
 */
// prettier-ignore
const unitInMajor: Readonly<Record<string, number>> = {
  RUB: 100, BYN: 3, KZT: 500, UZS: 10_000, AMD: 500, KGS: 100, CNY: 10, HKD: 10, JPY: 100, KRW: 1000,
  EUR: 1, USD: 1, GBP: 1, CHF: 1, TRY: 50, INR: 100,
};

export function couponUnitMinor(currency: string): number {
  return (unitInMajor[currency] ?? 1) * 10 ** currencyDigits(currency);
}

/** Hands out generated coupon codes in order: each code once, the same sequence for the same seed. */
export class CouponCodes {
  private issued = 0;
  constructor(private readonly seed: number) {}
  next(): string {
    return couponCode(this.seed, this.issued++);
  }
}

const iso = (time: number) => new Date(time).toISOString();

/** A demo coupon's row, its days counted back from `end`. */
export function demoCouponRow(
  coupon: DemoCoupon,
  customerId: number | null,
  end: number,
  currency: string,
): CouponRow {
  const unit = couponUnitMinor(currency);
  return {
    code: coupon.code,
    customerId,
    kind: coupon.kind,
    percentBp: coupon.percentBp,
    amountMinor: coupon.amountUnits === null ? null : coupon.amountUnits * unit,
    minSpendMinor: coupon.minSpendUnits * unit,
    validFrom: iso(end - coupon.validFromDaysAgo * DAY_MS),
    validUntil: iso(end - coupon.validUntilDaysAgo * DAY_MS),
    redeemedAt: coupon.redeemedDaysAgo === null ? null : iso(end - coupon.redeemedDaysAgo * DAY_MS),
    redeemedSaleId: null,
  };
}
