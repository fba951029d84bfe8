// Coupon uses reported with sales. A personal coupon used twice (two tills offline, FIELD.md) or by
// another customer is booked all the same and flagged: the discount was given at the till.
import type { Receipt } from '../../contract/ipc';
import type { AuthenticatedTerminal } from '../auth';
import type { TableWrites, Tx } from '../db/pool';
import type { ApplyContext } from './context';

export interface CouponUse {
  ctx: ApplyContext;
  saleId: string;
  receipt: Receipt;
  customerId: number | null;
}

const couponCode = (receipt: Receipt) => (receipt.couponCode ?? '').trim().toUpperCase();

/**
 * Books each use into `writes`. Locks are taken in code order, so concurrent pushes using the same
 * codes queue behind each other instead of deadlocking; they are held to the end of the
 * transaction, so the earlier uses read here stay the earlier uses until these are written.
 */
export async function redeemCoupons(
  tx: Tx,
  terminal: AuthenticatedTerminal,
  uses: readonly CouponUse[],
  writes: TableWrites,
): Promise<void> {
  if (uses.length === 0) return;
  const codes = [...new Set(uses.map(({ receipt }) => couponCode(receipt)))].sort();
  await tx.query(
    'SELECT pg_advisory_xact_lock(hashtext(code)) FROM unnest($1::text[]) AS code ORDER BY code',
    [codes.map((code) => `coupon:${code}`)],
  );
  const { rows } = await tx.query<{ code: string; customerId: number | null }>(
    'SELECT code, customer_id AS "customerId" FROM coupons WHERE code = ANY($1::text[])',
    [codes],
  );
  const issued = new Map(rows.map((row) => [row.code, row.customerId]));
  const { rows: earlier } = await tx.query<{ code: string; saleId: string }>(
    `SELECT DISTINCT ON (code) code, sale_id AS "saleId" FROM coupon_redemptions
     WHERE code = ANY($1::text[]) ORDER BY code, id`,
    [codes],
  );
  const firstUse = new Map(earlier.map((row) => [row.code, row.saleId]));
  writes.insert(
    'coupon_redemptions',
    [
      'code text',
      'customer_id bigint',
      'sale_id uuid',
      'sold_at timestamptz',
      'store_id bigint',
      'terminal_id uuid',
      'discount_minor bigint',
      'mutation_id uuid',
    ],
    uses.map(({ ctx, saleId, receipt, customerId }) => {
      const code = couponCode(receipt);
      const owner = issued.get(code);
      if (owner === undefined) ctx.flag('coupon.unknown', { code });
      else if (owner !== null) {
        if (owner !== customerId)
          ctx.flag('coupon.not_for_customer', { code, couponCustomerId: owner, customerId });
        const first = firstUse.get(code);
        if (first) ctx.flag('coupon.already_redeemed', { code, firstSaleId: first });
      }
      if (!firstUse.has(code)) firstUse.set(code, saleId);
      return [
        code,
        customerId,
        saleId,
        receipt.createdAt,
        terminal.storeId,
        terminal.id,
        receipt.discountMinor,
        ctx.mutation.id,
      ];
    }),
  );
}
