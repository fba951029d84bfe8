// Completed sales at HQ: each sale with its lines and payments, its coupon redemption, and review
// flags for whatever does not add up. A sale that happened is never refused for its content.
// Consecutive sales of a batch are applied together — one look-up per kind of fact and one insert
// per table for the whole run — so the cost of a push grows with rows, not with round trips.
import type { Receipt } from '../../contract/ipc';
import type { SaleCompleted } from '../../contract/sync';
import { insertRows } from '../db/pool';
import type { Tx } from '../db/pool';
import type { AuthenticatedTerminal } from '../auth';
import { resolveCustomers, sum } from './context';
import type { ApplyContext } from './context';

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
  'names jsonb',
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

/** The till's line refs when they match the receipt line for line; otherwise none. */
const refsOf = (sale: SaleCompleted) =>
  sale.lineRefs?.length === sale.receipt.lines.length ? sale.lineRefs : undefined;

/** Applies consecutive sale.completed mutations of one terminal, in their order. */
export async function applySales(
  tx: Tx,
  terminal: AuthenticatedTerminal,
  items: SaleToApply[],
): Promise<void> {
  if (items.length === 0) return;
  const fresh = await withoutDuplicates(tx, items);
  const customers = await resolveCustomers(
    tx,
    terminal.id,
    fresh.flatMap(({ sale }) => (sale.customerId === null ? [] : [sale.customerId])),
  );
  const catalogue = await lookUpCatalogue(tx, terminal, fresh);

  const sales: unknown[][] = [];
  const lines: unknown[][] = [];
  const payments: unknown[][] = [];
  const coupons: { ctx: ApplyContext; saleId: string; receipt: Receipt; customerId: number | null }[] = [];
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
  await insertRows(tx, 'sales', SALE_COLUMNS, sales);
  await insertRows(tx, 'sale_lines', LINE_COLUMNS, lines);
  await insertRows(tx, 'payments', PAYMENT_COLUMNS, payments);
  await redeemCoupons(tx, terminal, coupons);
}

/** Drops sales HQ already has (another mutation brought them): the first is kept, counted once. */
async function withoutDuplicates(tx: Tx, items: SaleToApply[]): Promise<SaleToApply[]> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM sales WHERE id = ANY($1::uuid[])', [
    items.map(({ sale }) => sale.saleId),
  ]);
  const seen = new Set(rows.map((row) => row.id));
  return items.filter(({ ctx, sale }) => {
    if (seen.has(sale.saleId)) {
      ctx.flag('sale.duplicate', { saleId: sale.saleId });
      return false;
    }
    seen.add(sale.saleId);
    return true;
  });
}

interface PriceRow {
  productId: number;
  own: boolean;
  priceMinor: number;
  validFrom: Date;
}

/**
 * HQ's products and prices for a run of sales, read once: products by the till's product id when
 * HQ knows it, else by barcode; the price in force at each sale's time, the store's own before
 * the chain's.
 */
async function lookUpCatalogue(tx: Tx, terminal: AuthenticatedTerminal, items: SaleToApply[]) {
  const refIds = [...new Set(items.flatMap(({ sale }) => refsOf(sale)?.map((ref) => ref.productId) ?? []))];
  const barcodes = [...new Set(items.flatMap(({ sale }) => sale.receipt.lines.map((line) => line.barcode)))];
  const [byIdRows, byBarcodeRows] = [
    refIds.length
      ? (await tx.query<{ id: number }>('SELECT id FROM products WHERE id = ANY($1::bigint[])', [refIds]))
          .rows
      : [],
    barcodes.length
      ? (
          await tx.query<{ code: string; productId: number }>(
            'SELECT code, product_id AS "productId" FROM product_barcodes WHERE code = ANY($1::text[])',
            [barcodes],
          )
        ).rows
      : [],
  ];
  const knownIds = new Set(byIdRows.map((row) => row.id));
  const byBarcode = new Map(byBarcodeRows.map((row) => [row.code, row.productId]));
  const productIds = [...new Set([...knownIds, ...byBarcode.values()])];

  const times = items
    .map(({ sale }) => new Date(sale.receipt.createdAt))
    .sort((a, b) => a.getTime() - b.getTime());
  // The price in force at the earliest sale, and every change up to the latest one.
  const { rows: priceRows } = productIds.length
    ? await tx.query<PriceRow>(
        `SELECT * FROM (
           SELECT DISTINCT ON (product_id, store_id IS NOT NULL)
             product_id AS "productId", store_id IS NOT NULL AS own, price_minor AS "priceMinor",
             valid_from AS "validFrom"
           FROM prices
           WHERE product_id = ANY($1::bigint[]) AND (store_id = $2 OR store_id IS NULL) AND valid_from <= $3
           ORDER BY product_id, store_id IS NOT NULL, valid_from DESC) in_force
         UNION ALL
         SELECT product_id, store_id IS NOT NULL, price_minor, valid_from
         FROM prices
         WHERE product_id = ANY($1::bigint[]) AND (store_id = $2 OR store_id IS NULL)
           AND valid_from > $3 AND valid_from <= $4`,
        [productIds, terminal.storeId, times[0], times.at(-1)],
      )
    : { rows: [] as PriceRow[] };
  const history = new Map<number, PriceRow[]>();
  for (const row of priceRows) history.set(row.productId, [...(history.get(row.productId) ?? []), row]);

  const priceAt = (productId: number, at: string): number | undefined => {
    const time = new Date(at).getTime();
    const inForce = (own: boolean) =>
      (history.get(productId) ?? [])
        .filter((row) => row.own === own && row.validFrom.getTime() <= time)
        .reduce<PriceRow | undefined>(
          (best, row) => (!best || row.validFrom > best.validFrom ? row : best),
          undefined,
        );
    return (inForce(true) ?? inForce(false))?.priceMinor;
  };

  return {
    productsOf(ctx: ApplyContext, sale: SaleCompleted): (number | null)[] {
      const refs = refsOf(sale);
      return sale.receipt.lines.map((line, index) => {
        const ref = refs?.[index]?.productId;
        const id = ref !== undefined && knownIds.has(ref) ? ref : (byBarcode.get(line.barcode) ?? null);
        if (id === null) ctx.flag('product.unknown', { lineNo: index + 1, barcode: line.barcode });
        return id;
      });
    },
    checkPrices(ctx: ApplyContext, receipt: Receipt, productIds: (number | null)[]) {
      receipt.lines.forEach((line, index) => {
        const productId = productIds[index];
        if (productId === null || productId === undefined) return;
        const hqPriceMinor = priceAt(productId, receipt.createdAt);
        if (hqPriceMinor === undefined) ctx.flag('price.unknown', { lineNo: index + 1, productId });
        else if (hqPriceMinor !== line.unitPriceMinor) {
          ctx.flag('price.differs', {
            lineNo: index + 1,
            productId,
            hqPriceMinor,
            soldPriceMinor: line.unitPriceMinor,
          });
        }
      });
    },
  };
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

const couponCode = (receipt: Receipt) => (receipt.couponCode ?? '').trim().toUpperCase();

/**
 * Books each coupon use. A personal coupon used twice (two tills offline, FIELD.md) or by another
 * customer is booked all the same and flagged. Locks are taken in code order, so concurrent pushes
 * using the same codes queue behind each other instead of deadlocking.
 */
async function redeemCoupons(
  tx: Tx,
  terminal: AuthenticatedTerminal,
  uses: { ctx: ApplyContext; saleId: string; receipt: Receipt; customerId: number | null }[],
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
  const redemptions: unknown[][] = [];
  for (const { ctx, saleId, receipt, customerId } of uses) {
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
    redemptions.push([
      code,
      customerId,
      saleId,
      receipt.createdAt,
      terminal.storeId,
      terminal.id,
      receipt.discountMinor,
      ctx.mutation.id,
    ]);
  }
  await insertRows(
    tx,
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
    redemptions,
  );
}
