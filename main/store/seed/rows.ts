// The rows the seed writes, as the generator and the demo catalogue produce them.
import type { Unit } from '../../../contract/common';
import type { NewSale } from '../sales';

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

export interface CustomerRow {
  id: number;
  cardNo: string;
  name: string;
  phone: string;
  email: string | null;
  createdAt: string;
}

export type SaleRow = NewSale;
