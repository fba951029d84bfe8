// What HQ knows about a run of sales before it books them, read in one statement (one round trip
// whatever the run's size): which sales it has already, the products the lines name — by the till's
// product id when HQ knows it, else by barcode — and their prices around the sales' times, the
// store's own before the chain's.
import type { Receipt } from '../../contract/ipc';
import type { SaleCompleted } from '../../contract/sync';
import type { AuthenticatedTerminal } from '../auth';
import { arrayOf } from '../db/binary-array';
import { prepared } from '../db/pool';
import type { Tx } from '../db/pool';
import type { ApplyContext } from './context';

interface PriceRow {
  productId: number;
  own: boolean;
  priceMinor: number;
  validFrom: string;
}

interface Found {
  knownSales: string[] | null;
  knownProducts: number[] | null;
  barcodes: { code: string; productId: number }[] | null;
  prices: PriceRow[] | null;
}

/** The till's line refs when they match the receipt line for line; otherwise none. */
export const refsOf = (sale: SaleCompleted) =>
  sale.lineRefs?.length === sale.receipt.lines.length ? sale.lineRefs : undefined;

// The price in force at the earliest sale ($5), and every change up to the latest one ($6).
const LOOK_UP = `
WITH known AS (SELECT id FROM products WHERE id = ANY($2::bigint[])),
coded AS (SELECT code, product_id FROM product_barcodes WHERE code = ANY($3::text[])),
wanted AS (SELECT id FROM known UNION SELECT product_id FROM coded),
in_force AS (
  SELECT DISTINCT ON (product_id, store_id IS NOT NULL)
    product_id, store_id IS NOT NULL AS own, price_minor, valid_from
  FROM prices
  WHERE product_id IN (SELECT id FROM wanted) AND (store_id = $4 OR store_id IS NULL) AND valid_from <= $5
  ORDER BY product_id, store_id IS NOT NULL, valid_from DESC),
later AS (
  SELECT product_id, store_id IS NOT NULL AS own, price_minor, valid_from
  FROM prices
  WHERE product_id IN (SELECT id FROM wanted) AND (store_id = $4 OR store_id IS NULL)
    AND valid_from > $5 AND valid_from <= $6)
SELECT
  (SELECT json_agg(id) FROM sales WHERE id = ANY($1::uuid[])) AS "knownSales",
  (SELECT json_agg(id) FROM known) AS "knownProducts",
  (SELECT json_agg(json_build_object('code', code, 'productId', product_id)) FROM coded) AS barcodes,
  (SELECT json_agg(json_build_object('productId', product_id, 'own', own, 'priceMinor', price_minor,
                                     'validFrom', valid_from))
   FROM (SELECT * FROM in_force UNION ALL SELECT * FROM later) price) AS prices`;

export async function lookUpSales(tx: Tx, terminal: AuthenticatedTerminal, sales: readonly SaleCompleted[]) {
  const refIds = new Set(sales.flatMap((sale) => refsOf(sale)?.map((ref) => ref.productId) ?? []));
  const barcodes = new Set(sales.flatMap((sale) => sale.receipt.lines.map((line) => line.barcode)));
  const times = sales.map((sale) => Date.parse(sale.receipt.createdAt)).sort((a, b) => a - b);
  const { rows } = await tx.query<Found>(
    prepared(LOOK_UP, [
      arrayOf(
        'uuid',
        sales.map((sale) => sale.saleId),
      ),
      arrayOf('bigint', [...refIds]),
      arrayOf('text', [...barcodes]),
      terminal.storeId,
      new Date(times[0] ?? 0).toISOString(),
      new Date(times.at(-1) ?? 0).toISOString(),
    ]),
  );
  const found = rows[0];
  if (!found) throw new Error('the sales look-up returned no row');
  return {
    knownSaleIds: new Set(found.knownSales ?? []),
    catalogue: catalogueOf(found),
  };
}

function catalogueOf(found: Found) {
  const knownIds = new Set(found.knownProducts ?? []);
  const byBarcode = new Map((found.barcodes ?? []).map((row) => [row.code, row.productId]));
  const history = new Map<number, { own: boolean; priceMinor: number; from: number }[]>();
  for (const row of found.prices ?? []) {
    const rows = history.get(row.productId) ?? [];
    rows.push({ own: row.own, priceMinor: row.priceMinor, from: Date.parse(row.validFrom) });
    history.set(row.productId, rows);
  }

  /** The store's own price in force at `time`, else the chain's. */
  const priceAt = (productId: number, time: number): number | undefined => {
    let own: { priceMinor: number; from: number } | undefined;
    let chain: { priceMinor: number; from: number } | undefined;
    for (const row of history.get(productId) ?? []) {
      if (row.from > time) continue;
      if (row.own && (!own || row.from > own.from)) own = row;
      if (!row.own && (!chain || row.from > chain.from)) chain = row;
    }
    return (own ?? chain)?.priceMinor;
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
      const soldAt = Date.parse(receipt.createdAt);
      receipt.lines.forEach((line, index) => {
        const productId = productIds[index];
        if (productId === null || productId === undefined) return;
        const hqPriceMinor = priceAt(productId, soldAt);
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
