// The rows the seed writes, as the generator and the demo catalogue produce them.
import type { Unit } from '../../../contract/common';
import type { CouponKind } from '../../../contract/customers';
import type { MarketingChannel } from '../customers';
import type { SaleRecord } from '../sales';

/** Every demo name exists in all three of the till's locales. */
export type Names = { ru: string; en: string; 'zh-CN': string };

export interface ProductRow {
  id: number;
  sku: string;
  categoryId: number;
  unit: Unit;
  /** Per piece, or per kg for weighed goods. VAT-inclusive, as Russian shelf prices are. */
  priceMinor: number;
  taxRateBp: number;
  /** The 5-digit PLU of weighed goods, read from in-store `21 PPPPP WWWWW C` labels. */
  plu: string | null;
  names: Names;
  /** Normalised EAN-13s (UPC-A with its leading 0); weighed goods have none, they sell by PLU. */
  barcodes: string[];
}

export interface ConsentRow {
  purpose: 'processing' | 'marketing';
  channel: MarketingChannel | null;
  granted: boolean;
  recordedAt: string;
  storeCode: string;
  terminalCode: string;
  cashierId: number | null;
}

export interface NoteRow {
  text: string;
  /** A user of this till, or null when an associate of another store wrote it. */
  authorId: number | null;
  authorName: string;
  storeCode: string;
  createdAt: string;
}

/** A profile with everything the till keeps beside it; tier, points and LTV come later, from HQ. */
export interface CustomerRow {
  id: number;
  cardNo: string | null;
  /** '' once erased. */
  name: string;
  /** E.164. */
  phone: string | null;
  email: string | null;
  birthday: string | null;
  createdAt: string;
  mergedInto: number | null;
  erasedAt: string | null;
  consents: ConsentRow[];
  /** Marketing attributes: only with a marketing consent in force. */
  attributes: Record<string, string>;
  tags: string[];
  notes: NoteRow[];
}

type SaleRow = Omit<SaleRecord, 'cashierName'>;

/** A seeded sale and the personal coupon it used up, written after the sale. */
export interface SeedSale extends SaleRow {
  redeemed: CouponRow | null;
}

export interface CouponRow {
  code: string;
  /** null: a campaign code anyone may use. */
  customerId: number | null;
  kind: CouponKind;
  percentBp: number | null;
  amountMinor: number | null;
  minSpendMinor: number;
  validFrom: string;
  validUntil: string;
  redeemedAt: string | null;
  redeemedSaleId: string | null;
}

export interface HistoryLine {
  /** HQ's id of the line. */
  id: string;
  productId: number;
  /** JSON, as the line stores it. */
  names: string;
  categoryId: number;
  quantityMilli: number;
  totalMinor: number;
}

/** A purchase at another store or online, as HQ sends it: one document, its lines. */
export interface HistoryDocument {
  customerId: number;
  channel: 'store' | 'online';
  storeCode: string;
  documentNo: string;
  purchasedAt: string;
  lines: HistoryLine[];
}

export interface SavedBagRow {
  customerId: number;
  productId: number;
  quantityMilli: number;
  savedAt: string;
  storeCode: string;
  cashierId: number | null;
}
