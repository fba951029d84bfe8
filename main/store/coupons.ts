// Coupons as HQ issued them, and their redemption by this till's sales.
import type { CouponTerms } from '../domain/coupon';
import type { Db } from './db';

const columns = `code, customer_id AS customerId, kind, percent_bp AS percentBp, amount_minor AS amountMinor,
  min_spend_minor AS minSpendMinor, valid_from AS validFrom, valid_until AS validUntil, redeemed_at AS redeemedAt`;

/** Campaign codes shown on every profile are few; a long list would bury the personal ones. */
const MAX_CAMPAIGN_OFFERS = 5;

export function createCoupons(db: Db) {
  const byCode = db.prepare<[string], CouponTerms>(`SELECT ${columns} FROM coupons WHERE code = ?`);
  const usable = db.prepare<[number, string, string, number], CouponTerms>(
    `SELECT ${columns} FROM coupons
     WHERE customer_id = ? AND redeemed_at IS NULL AND valid_from <= ? AND valid_until >= ?
     ORDER BY valid_until, code LIMIT ?`,
  );
  const campaigns = db.prepare<[string, string, number], CouponTerms>(
    `SELECT ${columns} FROM coupons
     WHERE customer_id IS NULL AND redeemed_at IS NULL AND valid_from <= ? AND valid_until >= ?
     ORDER BY valid_until, code LIMIT ?`,
  );
  const redeem = db.prepare<[string, string, string]>(
    'UPDATE coupons SET redeemed_at = ?, redeemed_sale_id = ? WHERE code = ? AND redeemed_at IS NULL',
  );
  return {
    /** Codes are printed in upper case; customers type them however they like. */
    byCode: (code: string): CouponTerms | null => byCode.get(code.trim().toUpperCase()) ?? null,
    /** Personal coupons of these profiles, then campaign codes, usable at `at`. */
    usableBy(customerIds: readonly number[], at: string, limit = 20): CouponTerms[] {
      const personal = customerIds.flatMap((id) => usable.all(id, at, at, limit));
      return [...personal, ...campaigns.all(at, at, MAX_CAMPAIGN_OFFERS)];
    },
    /**
     * Marks a coupon used by a sale; false when it already was. Personal codes are single-use; a
     * campaign code (no customer) stays usable by everyone and is never marked.
     */
    redeem(coupon: Pick<CouponTerms, 'code' | 'customerId'>, saleId: string, at: string): boolean {
      if (coupon.customerId === null) return true;
      return redeem.run(at, saleId, coupon.code).changes === 1;
    },
  };
}
export type Coupons = ReturnType<typeof createCoupons>;
