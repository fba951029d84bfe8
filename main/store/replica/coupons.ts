// Coupons HQ issued, as this till may redeem them. A redemption this till recorded is kept (its sale
// id with it); one made elsewhere arrives as `redeemedAt` and spends the coupon here too.
import type { CouponItem } from '../../../contract/sync';
import type { Db } from '../db';
import type { CustomerReplica } from './customers';

export function createCouponReplica(db: Db, customers: CustomerReplica) {
  const upsert = db.prepare<
    [string, number | null, string, number | null, number | null, number, string, string, string | null]
  >(
    `INSERT INTO coupons (code, customer_id, kind, percent_bp, amount_minor, min_spend_minor, valid_from,
       valid_until, redeemed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET customer_id = excluded.customer_id, kind = excluded.kind,
       percent_bp = excluded.percent_bp, amount_minor = excluded.amount_minor,
       min_spend_minor = excluded.min_spend_minor, valid_from = excluded.valid_from,
       valid_until = excluded.valid_until, redeemed_at = coalesce(coupons.redeemed_at, excluded.redeemed_at)`,
  );
  return {
    apply(items: readonly CouponItem[], at: string): void {
      for (const item of items) {
        if (item.customerId !== null) customers.ensure(item.customerId, at);
        // Printed in upper case; the till looks codes up in upper case (store/coupons.ts).
        upsert.run(
          item.code.toUpperCase(),
          item.customerId,
          item.kind,
          item.percentBp,
          item.amountMinor,
          item.minSpendMinor,
          item.validFrom,
          item.validUntil,
          item.redeemedAt,
        );
      }
    },
  };
}
