// Sales and their lines and payments. Writes happen inside the caller's transaction, together
// with the outbox row and the receipt sequence (see services/checkout.ts).
import type { Db } from './db';
import type { LocalizedNames, Unit } from '../../contract/common';
import type { TenderKind } from '../../contract/ipc';

export interface SaleLineRecord {
  id: string;
  lineNo: number;
  productId: number;
  barcode: string;
  names: LocalizedNames;
  unit: Unit;
  quantityMilli: number;
  unitPriceMinor: number;
  /** What the line charged, after its share of the discount. */
  totalMinor: number;
  discountMinor: number;
  taxRateBp: number;
  taxMinor: number;
}

export interface PaymentRecord {
  id: string;
  kind: TenderKind;
  amountMinor: number;
  receivedMinor: number | null;
  changeMinor: number | null;
  cardMasked: string | null;
  authCode: string | null;
  terminalRef: string | null;
}

export interface SaleRecord {
  id: string;
  receiptNo: string;
  storeCode: string;
  terminalCode: string;
  cashierId: number;
  cashierName: string;
  customerId: number | null;
  /** The loyalty card that identified the customer, masked. */
  customerCard: string | null;
  couponCode: string | null;
  discountMinor: number;
  status: 'completed' | 'voided';
  currency: string;
  totalMinor: number;
  taxMinor: number;
  changeMinor: number;
  createdAt: string;
  lines: SaleLineRecord[];
  payments: PaymentRecord[];
}

type SaleHeader = Omit<SaleRecord, 'lines' | 'payments'>;

/** What a writer gives: the clienteling fields default to "none" (older generators, seeds). */
export type NewSale = Omit<
  SaleRecord,
  'cashierName' | 'customerCard' | 'couponCode' | 'discountMinor' | 'lines'
> &
  Partial<Pick<SaleRecord, 'customerCard' | 'couponCode' | 'discountMinor'>> & {
    lines: (Omit<SaleLineRecord, 'discountMinor'> & { discountMinor?: number })[];
  };
type RawLine = Omit<SaleLineRecord, 'names'> & { names: string };

export function createSales(db: Db) {
  const insertSale = db.prepare(
    `INSERT INTO sales (id, receipt_no, store_code, terminal_code, cashier_id, customer_id, customer_card,
       coupon_code, discount_minor, status, currency, total_minor, tax_minor, change_minor, created_at)
     VALUES (@id, @receiptNo, @storeCode, @terminalCode, @cashierId, @customerId, @customerCard,
       @couponCode, @discountMinor, @status, @currency, @totalMinor, @taxMinor, @changeMinor, @createdAt)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_lines (id, sale_id, line_no, product_id, barcode, names, unit, quantity_milli,
       unit_price_minor, total_minor, discount_minor, tax_rate_bp, tax_minor)
     VALUES (@id, @saleId, @lineNo, @productId, @barcode, @names, @unit, @quantityMilli,
       @unitPriceMinor, @totalMinor, @discountMinor, @taxRateBp, @taxMinor)`,
  );
  const insertPayment = db.prepare(
    `INSERT INTO payments (id, sale_id, kind, amount_minor, received_minor, change_minor, card_masked, auth_code, terminal_ref)
     VALUES (@id, @saleId, @kind, @amountMinor, @receivedMinor, @changeMinor, @cardMasked, @authCode, @terminalRef)`,
  );
  const header = `SELECT s.id, s.receipt_no AS receiptNo, s.store_code AS storeCode, s.terminal_code AS terminalCode,
       s.cashier_id AS cashierId, u.name AS cashierName, s.customer_id AS customerId,
       s.customer_card AS customerCard, s.coupon_code AS couponCode, s.discount_minor AS discountMinor, s.status, s.currency,
       s.total_minor AS totalMinor, s.tax_minor AS taxMinor, s.change_minor AS changeMinor, s.created_at AS createdAt
     FROM sales s JOIN users u ON u.id = s.cashier_id`;
  const headerByNo = db.prepare<[string], SaleHeader>(`${header} WHERE s.receipt_no = ?`);
  const headerById = db.prepare<[string], SaleHeader>(`${header} WHERE s.id = ?`);
  const lines = db.prepare<[string], RawLine>(
    `SELECT id, line_no AS lineNo, product_id AS productId, barcode, names, unit, quantity_milli AS quantityMilli,
       unit_price_minor AS unitPriceMinor, total_minor AS totalMinor, discount_minor AS discountMinor, tax_rate_bp AS taxRateBp, tax_minor AS taxMinor
     FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  );
  const payments = db.prepare<[string], PaymentRecord>(
    `SELECT id, kind, amount_minor AS amountMinor, received_minor AS receivedMinor, change_minor AS changeMinor,
       card_masked AS cardMasked, auth_code AS authCode, terminal_ref AS terminalRef
     FROM payments WHERE sale_id = ? ORDER BY rowid`,
  );
  const withDetails = (h: SaleHeader | undefined): SaleRecord | null =>
    h
      ? {
          ...h,
          lines: lines.all(h.id).map((l) => ({ ...l, names: JSON.parse(l.names) as LocalizedNames })),
          payments: payments.all(h.id),
        }
      : null;

  return {
    insertSale(sale: NewSale): void {
      const { lines: saleLines, payments: salePayments, ...row } = sale;
      insertSale.run({ customerCard: null, couponCode: null, discountMinor: 0, ...row });
      for (const line of saleLines)
        insertLine.run({ discountMinor: 0, ...line, saleId: sale.id, names: JSON.stringify(line.names) });
      for (const payment of salePayments) insertPayment.run({ ...payment, saleId: sale.id });
    },
    saleByReceiptNo: (receiptNo: string) => withDetails(headerByNo.get(receiptNo)),
    saleById: (id: string) => withDetails(headerById.get(id)),
  };
}
export type Sales = ReturnType<typeof createSales>;
