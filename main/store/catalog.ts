// Till-path product lookups: one indexed read per scan, prepared once.
import type { Db } from './db';
import type { LocalizedNames, Unit } from '../../contract/common';

export interface ProductRow {
  productId: number;
  barcode: string;
  names: LocalizedNames;
  unit: Unit;
  unitPriceMinor: number;
  taxRateBp: number;
}

interface RawProduct {
  productId: number;
  barcode: string;
  names: string;
  unit: Unit;
  unitPriceMinor: number;
  taxRateBp: number;
}

const columns = `
  p.id AS productId, p.unit AS unit, p.price_minor AS unitPriceMinor, p.tax_rate_bp AS taxRateBp,
  (SELECT json_group_object(locale, name) FROM product_names WHERE product_id = p.id) AS names`;

export function createCatalog(db: Db) {
  const byBarcode = db.prepare<[string], RawProduct>(
    `SELECT b.code AS barcode, ${columns} FROM barcodes b JOIN products p ON p.id = b.product_id
     WHERE b.code = ? AND p.active = 1`,
  );
  const byPlu = db.prepare<[string], RawProduct>(
    `SELECT coalesce((SELECT min(code) FROM barcodes WHERE product_id = p.id), 'PLU ' || p.plu) AS barcode, ${columns}
     FROM products p WHERE p.plu = ? AND p.active = 1`,
  );
  // A product picked from a profile rather than scanned: its first barcode stands for it on the line.
  const byId = db.prepare<[number], RawProduct>(
    `SELECT coalesce((SELECT min(code) FROM barcodes WHERE product_id = p.id), 'SKU ' || p.sku) AS barcode, ${columns}
     FROM products p WHERE p.id = ? AND p.active = 1`,
  );
  const parse = (row: RawProduct | undefined): ProductRow | null =>
    row ? { ...row, names: JSON.parse(row.names) as LocalizedNames } : null;

  return {
    productByBarcode: (code: string) => parse(byBarcode.get(code)),
    productByPlu: (plu: string) => parse(byPlu.get(plu)),
    productById: (id: number) => parse(byId.get(id)),
    countProducts: (): number => db.prepare('SELECT count(*) FROM products').pluck().get() as number,
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
