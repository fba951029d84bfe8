// Completed sales at HQ: each sale with its lines and payments, its coupon redemption, and review
// flags for whatever does not add up. A sale that happened is never refused for its content.
// Consecutive sales of a batch are applied together — one look-up for the whole run
// (hq/push/sale-lookups.ts) and one insert per table, written with the rest of the push in one
// statement — so the cost of a push grows with rows, not with round trips.
import type { Receipt } from '../../contract/ipc';
import type { SaleCompleted } from '../../contract/sync';
import type { CellValue, TableWrites, Tx } from '../db/pool';
import type { AuthenticatedTerminal } from '../auth';
import { resolveCustomers, sum } from './context';
import type { ApplyContext } from './context';
import { redeemCoupons } from './coupons';
import type { CouponUse } from './coupons';
import { lookUpSales, refsOf } from './sale-lookups';

export interface SaleToApply {
  ctx: ApplyContext;
  sale: SaleCompleted;
}

const SALE_COLUMNS = [
  'id uuid',
  'sold_at timestamptz',
  'store_id bigint',
  'terminal_id uuid',
  'receipt_no text',
  'cashier_id integer',
  'customer_id bigint',
  'till_customer_id bigint',
  'customer_card text',
  'coupon_code text',
  'currency text',
  'total_minor bigint',
  'discount_minor bigint',
  'tax_minor bigint',
  'change_minor bigint',
  'mutation_id uuid',
] as const;

const LINE_COLUMNS = [
  'sale_id uuid',
  'sold_at timestamptz',
  'line_no integer',
  'till_line_id uuid',
  'product_id bigint',
  'barcode text',
  'names json',
  'unit text',
  'quantity_milli bigint',
  'unit_price_minor bigint',
  'total_minor bigint',
  'discount_minor bigint',
  'tax_rate_bp integer',
] as const;

const PAYMENT_COLUMNS = [
  'id uuid',
  'sale_id uuid',
  'sold_at timestamptz',
  'kind text',
  'amount_minor bigint',
  'received_minor bigint',
  'change_minor bigint',
  'card_masked text',
  'auth_code text',
  'terminal_ref text',
] as const;

/**
 * Applies consecutive sale.completed mutations of one terminal, in their order, adding their rows
 * to `writes`: what a later mutation reads (a return its sale) must wait until they are run.
 */
export async function applySales(
  tx: Tx,
  terminal: AuthenticatedTerminal,
  items: readonly SaleToApply[],
  writes: TableWrites,
): Promise<void> {
  if (items.length === 0) return;
  const { knownSaleIds, catalogue } = await lookUpSales(
    tx,
    terminal,
    items.map(({ sale }) => sale),
  );
  const fresh = withoutDuplicates(items, knownSaleIds);
  const customers = await resolveCustomers(
    tx,
    terminal.id,
    fresh.flatMap(({ sale }) => (sale.customerId === null ? [] : [sale.customerId])),
  );

  const sales: CellValue[][] = [];
  const lines: CellValue[][] = [];
  const payments: CellValue[][] = [];
  const coupons: CouponUse[] = [];
  for (const { ctx, sale } of fresh) {
    const { receipt } = sale;
    if (receipt.kind !== 'sale') ctx.flag('sale.not_a_sale_receipt');
    if (receipt.terminalCode !== terminal.code) {
      ctx.flag('terminal.code_differs', { receiptTerminalCode: receipt.terminalCode });
    }
    const customerId = sale.customerId === null ? null : (customers.get(sale.customerId) ?? null);
    if (sale.customerId !== null && customerId === null) {
      ctx.flag('customer.unknown', { tillCustomerId: sale.customerId });
    }
    const productIds = catalogue.productsOf(ctx, sale);
    catalogue.checkPrices(ctx, receipt, productIds);
    checkTotals(ctx, receipt);

    const soldAt = receipt.createdAt;
    sales.push([
      sale.saleId,
      soldAt,
      terminal.storeId,
      terminal.id,
      receipt.receiptNo,
      sale.cashierId,
      customerId,
      customerId === null ? sale.customerId : null,
      receipt.customerCard,
      receipt.couponCode,
      receipt.currency,
      receipt.totalMinor,
      receipt.discountMinor,
      sum(receipt.taxes.map((tax) => tax.taxMinor)),
      receipt.changeMinor,
      ctx.mutation.id,
    ]);
    const refs = refsOf(sale);
    receipt.lines.forEach((line, index) =>
      lines.push([
        sale.saleId,
        soldAt,
        index + 1,
        refs?.[index]?.lineId ?? null,
        productIds[index] ?? null,
        line.barcode,
        JSON.stringify(line.names),
        line.unit,
        line.quantityMilli,
        line.unitPriceMinor,
        line.totalMinor,
        line.discountMinor,
        line.taxRateBp,
      ]),
    );
    for (const tender of receipt.tenders) {
      payments.push([
        tender.id,
        sale.saleId,
        soldAt,
        tender.kind,
        tender.amountMinor,
        tender.receivedMinor ?? null,
        tender.changeMinor ?? null,
        tender.cardMasked ?? null,
        tender.authCode ?? null,
        tender.terminalRef ?? null,
      ]);
    }
    if (receipt.couponCode) coupons.push({ ctx, saleId: sale.saleId, receipt, customerId });
  }
  writes
    .insert('sales', SALE_COLUMNS, sales)
    .insert('sale_lines', LINE_COLUMNS, lines)
    .insert('payments', PAYMENT_COLUMNS, payments);
  await redeemCoupons(tx, terminal, coupons, writes);
}

/** Drops sales HQ already has (another mutation brought them): the first is kept, counted once. */
function withoutDuplicates(items: readonly SaleToApply[], known: ReadonlySet<string>): SaleToApply[] {
  const seen = new Set(known);
  return items.filter(({ ctx, sale }) => {
    if (seen.has(sale.saleId)) {
      ctx.flag('sale.duplicate', { saleId: sale.saleId });
      return false;
    }
    seen.add(sale.saleId);
    return true;
  });
}

function checkTotals(ctx: ApplyContext, receipt: Receipt) {
  const linesMinor = sum(receipt.lines.map((line) => line.totalMinor));
  const tendersMinor = sum(receipt.tenders.map((tender) => tender.amountMinor));
  const discountMinor = sum(receipt.lines.map((line) => line.discountMinor));
  if (
    linesMinor !== receipt.totalMinor ||
    tendersMinor !== receipt.totalMinor ||
    discountMinor !== receipt.discountMinor
  ) {
    ctx.flag('sale.totals_mismatch', {
      totalMinor: receipt.totalMinor,
      linesMinor,
      tendersMinor,
      discountMinor: receipt.discountMinor,
      lineDiscountsMinor: discountMinor,
    });
  }
}
