// A completed return at HQ. Like a sale it happened: what HQ cannot match (the sale not here yet,
// more returned than sold) is booked and flagged.
import type { ReturnCompleted } from '../../contract/sync';
import { insertRows } from '../db/pool';
import { sum } from './context';
import type { ApplyContext } from './context';

export async function applyReturn(ctx: ApplyContext, refund: ReturnCompleted): Promise<void> {
  const { tx, terminal, mutation } = ctx;
  const known = await tx.query('SELECT 1 FROM returns WHERE id = $1', [refund.returnId]);
  if (known.rowCount) {
    ctx.flag('return.duplicate', { returnId: refund.returnId });
    return;
  }
  await checkAgainstSale(ctx, refund);
  const linesMinor = sum(refund.lines.map((line) => line.refundMinor));
  const refundsMinor = sum(refund.refunds.map((item) => item.amountMinor));
  if (linesMinor !== refundsMinor || linesMinor !== refund.receipt.totalMinor) {
    ctx.flag('return.totals_mismatch', { totalMinor: refund.receipt.totalMinor, linesMinor, refundsMinor });
  }
  await tx.query(
    `INSERT INTO returns (id, sale_id, store_id, terminal_id, return_no, cashier_id, currency, total_minor,
       returned_at, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      refund.returnId,
      refund.saleId,
      terminal.storeId,
      terminal.id,
      refund.receipt.receiptNo,
      refund.cashierId,
      refund.receipt.currency,
      refund.receipt.totalMinor,
      refund.receipt.createdAt,
      mutation.id,
    ],
  );
  await insertRows(
    tx,
    'return_lines',
    [
      'return_id uuid',
      'line_no integer',
      'sale_line_id uuid',
      'quantity_milli bigint',
      'refund_minor bigint',
    ],
    refund.lines.map((line, index) => [
      refund.returnId,
      index + 1,
      line.saleLineId,
      line.quantityMilli,
      line.refundMinor,
    ]),
  );
  await insertRows(
    tx,
    'refunds',
    ['return_id uuid', 'refund_no integer', 'payment_id uuid', 'kind text', 'amount_minor bigint'],
    refund.refunds.map((item, index) => [
      refund.returnId,
      index + 1,
      item.paymentId,
      item.kind,
      item.amountMinor,
    ]),
  );
}

async function checkAgainstSale(ctx: ApplyContext, refund: ReturnCompleted): Promise<void> {
  const { tx } = ctx;
  const sale = await tx.query('SELECT 1 FROM sales WHERE id = $1 LIMIT 1', [refund.saleId]);
  if (!sale.rowCount) {
    ctx.flag('return.sale_unknown', { saleId: refund.saleId });
    return;
  }
  const { rows: sold } = await tx.query<{ lineId: string; quantityMilli: number }>(
    `SELECT till_line_id AS "lineId", quantity_milli AS "quantityMilli"
     FROM sale_lines WHERE sale_id = $1 AND till_line_id IS NOT NULL`,
    [refund.saleId],
  );
  // Sales sent without line ids cannot be matched line by line; the totals check still runs.
  if (sold.length === 0) return;
  const soldMilli = new Map(sold.map((line) => [line.lineId, line.quantityMilli]));
  const { rows: before } = await tx.query<{ lineId: string; quantityMilli: number }>(
    `SELECT sale_line_id AS "lineId", sum(quantity_milli)::bigint AS "quantityMilli"
     FROM return_lines WHERE sale_line_id = ANY($1::uuid[]) GROUP BY sale_line_id`,
    [refund.lines.map((line) => line.saleLineId)],
  );
  const returnedMilli = new Map(before.map((line) => [line.lineId, line.quantityMilli]));
  for (const line of refund.lines) {
    const soldQuantity = soldMilli.get(line.saleLineId);
    if (soldQuantity === undefined) {
      ctx.flag('return.line_unknown', { saleLineId: line.saleLineId });
      continue;
    }
    const total = (returnedMilli.get(line.saleLineId) ?? 0) + line.quantityMilli;
    returnedMilli.set(line.saleLineId, total);
    if (total > soldQuantity) {
      ctx.flag('return.exceeds_sold', {
        saleLineId: line.saleLineId,
        soldMilli: soldQuantity,
        returnedMilli: total,
      });
    }
  }
}
