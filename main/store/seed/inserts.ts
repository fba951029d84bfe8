// The seed's prepared statements, one writer per kind of row; each returns the rows it wrote. Keys are
// written as the till's own code writes them: E.164 phones, normalised e-mail, the name index in both
// scripts (domain/customer-identity.ts).
import { nameSearchText, normaliseEmail } from '../../domain/customer-identity';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';
import type { Standing } from './loyalty';
import type { CouponRow, CustomerRow, HistoryDocument, ProductRow, SavedBagRow } from './rows';

export function prepareInserts(db: Db) {
  const category = db.prepare('INSERT INTO categories (id, parent_id, names) VALUES (?, ?, ?)');
  const product = db.prepare(
    `INSERT INTO products (id, sku, category_id, unit, price_minor, tax_rate_bp, plu) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const productName = db.prepare('INSERT INTO product_names (product_id, locale, name) VALUES (?, ?, ?)');
  const barcode = db.prepare('INSERT INTO barcodes (code, product_id) VALUES (?, ?)');
  const user = db.prepare('INSERT INTO users (id, name, role, pin_hash) VALUES (?, ?, ?, ?)');
  const customer = db.prepare(
    `INSERT INTO customers (id, card_no, name, phone, phone_e164, email, email_norm, birthday, created_at,
       merged_into, erased_at, tier)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const card = db.prepare('INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES (?, ?, ?)');
  const customerName = db.prepare('INSERT INTO customer_names (rowid, terms) VALUES (?, ?)');
  const consent = db.prepare(
    `INSERT INTO customer_consents
       (customer_id, purpose, channel, granted, recorded_at, store_code, terminal_code, cashier_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const attribute = db.prepare(
    'INSERT INTO customer_attributes (customer_id, key, value, updated_at) VALUES (?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)');
  const note = db.prepare(
    `INSERT INTO customer_notes (customer_id, text, author_id, author_name, store_code, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // A document's lines in one statement: a quarter less work per line than one statement each.
  const historyLines = new Map<number, Statement<unknown[]>>();
  const historyStatement = (lines: number): Statement<unknown[]> => {
    let statement = historyLines.get(lines);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO purchase_history (id, customer_id, channel, store_code, document_no, purchased_at,
           product_id, names, category_id, quantity_milli, total_minor)
         VALUES ${Array.from({ length: lines }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      historyLines.set(lines, statement);
    }
    return statement;
  };
  const coupon = db.prepare(
    `INSERT INTO coupons (code, customer_id, kind, percent_bp, amount_minor, min_spend_minor, valid_from,
       valid_until, redeemed_at, redeemed_sale_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const standing = db.prepare(
    'UPDATE customers SET tier = ?, points_balance = ?, expected_ltv_minor = ? WHERE id = ?',
  );
  const bagItem = db.prepare(
    `INSERT INTO saved_bag (customer_id, product_id, quantity_milli, saved_at, store_code, cashier_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const sequence = db.prepare('INSERT INTO sequences (name, value) VALUES (?, ?)');
  const meta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    category,
    user,
    sequence,
    meta,
    product(row: ProductRow): number {
      product.run(row.id, row.sku, row.categoryId, row.unit, row.priceMinor, row.taxRateBp, row.plu);
      const names = Object.entries(row.names);
      for (const [locale, name] of names) productName.run(row.id, locale, name);
      for (const code of row.barcodes) barcode.run(code, row.id);
      return 1 + names.length + row.barcodes.length;
    },
    /** An erased profile keeps only its id (store/customers.ts erase): no card, no name in the index. */
    customer(row: CustomerRow): number {
      const emailNorm = row.email === null ? null : normaliseEmail(row.email);
      customer.run(
        row.id,
        row.cardNo,
        row.name,
        row.phone,
        row.phone,
        row.email,
        emailNorm,
        row.birthday,
        row.createdAt,
        row.mergedInto,
        row.erasedAt,
        row.erasedAt === null ? 'basic' : null,
      );
      let rows = 1;
      if (row.cardNo !== null) rows += card.run(row.cardNo, row.id, row.createdAt).changes;
      if (row.erasedAt === null) rows += customerName.run(row.id, nameSearchText(row.name)).changes;
      for (const c of row.consents) {
        consent.run(
          row.id,
          c.purpose,
          c.channel,
          c.granted ? 1 : 0,
          c.recordedAt,
          c.storeCode,
          c.terminalCode,
          c.cashierId,
        );
      }
      for (const [key, value] of Object.entries(row.attributes))
        attribute.run(row.id, key, value, row.createdAt);
      for (const name of row.tags) tag.run(row.id, name);
      for (const n of row.notes) note.run(row.id, n.text, n.authorId, n.authorName, n.storeCode, n.createdAt);
      return (
        rows + row.consents.length + Object.keys(row.attributes).length + row.tags.length + row.notes.length
      );
    },
    history(document: HistoryDocument): number {
      if (document.lines.length === 0) return 0;
      historyStatement(document.lines.length).run(
        document.lines.flatMap((line) => [
          line.id,
          document.customerId,
          document.channel,
          document.storeCode,
          document.documentNo,
          document.purchasedAt,
          line.productId,
          line.names,
          line.categoryId,
          line.quantityMilli,
          line.totalMinor,
        ]),
      );
      return document.lines.length;
    },
    coupon(row: CouponRow): number {
      coupon.run(
        row.code,
        row.customerId,
        row.kind,
        row.percentBp,
        row.amountMinor,
        row.minSpendMinor,
        row.validFrom,
        row.validUntil,
        row.redeemedAt,
        row.redeemedSaleId,
      );
      return 1;
    },
    /** Updates the customer's row (no new row) when HQ's figures differ from a new customer's defaults. */
    standing(id: number, value: Standing): number {
      if (value.tier === 'basic' && value.pointsBalance === 0 && value.expectedLtvMinor === null) return 0;
      standing.run(value.tier, value.pointsBalance, value.expectedLtvMinor, id);
      return 0;
    },
    bagItem(row: SavedBagRow): number {
      bagItem.run(
        row.customerId,
        row.productId,
        row.quantityMilli,
        row.savedAt,
        row.storeCode,
        row.cashierId,
      );
      return 1;
    },
  };
}
