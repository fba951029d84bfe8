// The catalogue as HQ sends it: categories and products with their names and barcodes. HQ owns these
// rows; a till never edits them. A product is sold only while HQ lists it and a price is known: one
// HQ created after the last prices page waits, unsold, for its price (prices.ts).
import type { CatalogueItem } from '../../../contract/sync';
import type { Db } from '../db';
import { createPriceLookup } from './price-lookup';

type Category = Extract<CatalogueItem, { kind: 'category' }>;
type Product = Extract<CatalogueItem, { kind: 'product' }>;

export function createCatalogueReplica(db: Db) {
  // A category or parent named before HQ sent it (a feed is in change order, not in tree order):
  // a placeholder the category's own item fills in.
  const placeholderCategory = db.prepare<[number]>(
    `INSERT INTO categories (id, parent_id, names) VALUES (?, NULL, '{}') ON CONFLICT (id) DO NOTHING`,
  );
  const upsertCategory = db.prepare<[number, number | null, string]>(
    `INSERT INTO categories (id, parent_id, names) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, names = excluded.names`,
  );
  const existing = db.prepare<[number], { priced: number; priceMinor: number }>(
    'SELECT priced, price_minor AS priceMinor FROM products WHERE id = ?',
  );
  // SKUs and PLUs are unique: one that moved to another product leaves the old one first.
  const freeSku = db.prepare<[string, number]>(
    `UPDATE products SET sku = sku || '~' || id WHERE sku = ? AND id <> ?`,
  );
  const freePlu = db.prepare<[string, number]>('UPDATE products SET plu = NULL WHERE plu = ? AND id <> ?');
  const insertProduct = db.prepare<
    [number, string, number | null, string, number, number, string | null, number, number, number]
  >(
    `INSERT INTO products (id, sku, category_id, unit, price_minor, tax_rate_bp, plu, active, listed, priced)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateProduct = db.prepare<
    [string, number | null, string, number, string | null, number, number, number, number, number]
  >(
    `UPDATE products SET sku = ?, category_id = ?, unit = ?, tax_rate_bp = ?, plu = ?, price_minor = ?,
       active = ?, listed = ?, priced = ? WHERE id = ?`,
  );
  const deleteNames = db.prepare<[number]>('DELETE FROM product_names WHERE product_id = ?');
  const insertName = db.prepare<[number, string, string]>(
    'INSERT INTO product_names (product_id, locale, name) VALUES (?, ?, ?)',
  );
  const deleteBarcodes = db.prepare<[number]>('DELETE FROM barcodes WHERE product_id = ?');
  const upsertBarcode = db.prepare<[string, number]>(
    `INSERT INTO barcodes (code, product_id) VALUES (?, ?)
     ON CONFLICT (code) DO UPDATE SET product_id = excluded.product_id`,
  );
  const prices = createPriceLookup(db);

  function category(item: Category): void {
    if (item.parentId !== null && item.parentId !== item.id) placeholderCategory.run(item.parentId);
    upsertCategory.run(item.id, item.parentId === item.id ? null : item.parentId, JSON.stringify(item.names));
  }

  function product(item: Product, at: string): void {
    if (item.categoryId !== null) placeholderCategory.run(item.categoryId);
    freeSku.run(item.sku, item.id);
    if (item.plu !== null) freePlu.run(item.plu, item.id);
    const before = existing.get(item.id);
    const price = prices.priceAt(item.id, at);
    const priced = price !== null || before?.priced === 1;
    const priceMinor = price ?? before?.priceMinor ?? 0;
    const listed = item.active ? 1 : 0;
    const active = item.active && priced ? 1 : 0;
    if (before) {
      updateProduct.run(
        item.sku,
        item.categoryId,
        item.unit,
        item.taxRateBp,
        item.plu,
        priceMinor,
        active,
        listed,
        priced ? 1 : 0,
        item.id,
      );
      deleteNames.run(item.id);
      deleteBarcodes.run(item.id);
    } else {
      insertProduct.run(
        item.id,
        item.sku,
        item.categoryId,
        item.unit,
        priceMinor,
        item.taxRateBp,
        item.plu,
        active,
        listed,
        priced ? 1 : 0,
      );
    }
    for (const [locale, name] of Object.entries(item.names)) insertName.run(item.id, locale, name);
    for (const code of item.barcodes) upsertBarcode.run(code, item.id);
  }

  return {
    /** Applies items in order; call inside the page's transaction. `at` decides which price is in force. */
    apply(items: readonly CatalogueItem[], at: string): void {
      for (const item of items) {
        if (item.kind === 'category') category(item);
        else product(item, at);
      }
    },
  };
}
