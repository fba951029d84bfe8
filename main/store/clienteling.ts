// What a profile is made of, read across both places a customer's purchases live: this till's own
// sales, and the history HQ sent (other stores, online orders). A sale HQ echoes back is recognised by
// its receipt number and counted once. Every read takes the profile's ids: the customer's own and
// those HQ merged into it, whose purchases are theirs too.
import type { LocalizedNames, Unit } from '../../contract/common';
import type { Channel } from '../../contract/customers';
import type { Boundaries, RfmBoundaries } from '../domain/rfm';
import type { Db } from './db';

export interface DocumentRow {
  documentNo: string;
  channel: Channel;
  storeCode: string;
  at: string;
  totalMinor: number;
  /** This till's sale id, or null for a document from HQ. */
  saleId: string | null;
}

export interface DocumentLine {
  productId: number;
  names: LocalizedNames;
  unit: Unit;
  quantityMilli: number;
  totalMinor: number;
}

export interface PurchaseStats {
  visits: number;
  revenueMinor: number;
  onlineVisits: number;
  firstAt: string | null;
  lastAt: string | null;
}

export interface ItemPurchase {
  productId: number;
  /** ms since the epoch. */
  at: number;
  quantityMilli: number;
}

export interface BagRow {
  productId: number;
  quantityMilli: number;
  savedAt: string;
}

export interface NoteRow {
  id: number;
  text: string;
  authorName: string;
  storeCode: string;
  createdAt: string;
}

export interface ProfileExtras {
  tier: string | null;
  pointsBalance: number;
  expectedLtvMinor: number | null;
}

// The two sources as one list of documents. `ids` is a JSON array of profile ids.
const DOCUMENTS = `
  SELECT receipt_no AS documentNo, 'store' AS channel, store_code AS storeCode, created_at AS at,
    total_minor AS totalMinor, id AS saleId
  FROM sales WHERE customer_id IN (SELECT value FROM json_each(:ids)) AND status = 'completed'
  UNION ALL
  SELECT document_no, min(channel), min(store_code), min(purchased_at), sum(total_minor), NULL
  FROM purchase_history
  WHERE customer_id IN (SELECT value FROM json_each(:ids))
    AND NOT EXISTS (SELECT 1 FROM sales WHERE receipt_no = purchase_history.document_no)
  GROUP BY document_no`;

const LINES = `
  SELECT l.product_id AS productId, l.names, l.quantity_milli AS quantityMilli, l.total_minor AS totalMinor,
    strftime('%s', s.created_at) * 1000 AS at, p.category_id AS categoryId
  FROM sales s JOIN sale_lines l ON l.sale_id = s.id LEFT JOIN products p ON p.id = l.product_id
  WHERE s.customer_id IN (SELECT value FROM json_each(:ids)) AND s.status = 'completed'
  UNION ALL
  SELECT h.product_id, h.names, h.quantity_milli, h.total_minor, strftime('%s', h.purchased_at) * 1000,
    h.category_id
  FROM purchase_history h
  WHERE h.customer_id IN (SELECT value FROM json_each(:ids))
    AND NOT EXISTS (SELECT 1 FROM sales WHERE receipt_no = h.document_no)`;

export function createClienteling(db: Db) {
  const mergedInto = db.prepare<[number], number>(
    `WITH RECURSIVE merged(id, depth) AS (
       SELECT id, 0 FROM customers WHERE merged_into = ?
       UNION SELECT c.id, depth + 1 FROM customers c JOIN merged m ON c.merged_into = m.id WHERE depth < 16)
     SELECT id FROM merged`,
  );
  mergedInto.pluck();
  const extras = db.prepare<[number], ProfileExtras>(
    `SELECT tier, points_balance AS pointsBalance, expected_ltv_minor AS expectedLtvMinor
     FROM customers WHERE id = ?`,
  );
  const documents = db.prepare<{ ids: string; limit: number; offset: number }, DocumentRow>(
    `${DOCUMENTS} ORDER BY at DESC, documentNo DESC LIMIT :limit OFFSET :offset`,
  );
  const stats = db.prepare<{ ids: string }, PurchaseStats>(
    `SELECT count(*) AS visits, coalesce(sum(totalMinor), 0) AS revenueMinor,
       coalesce(sum(channel = 'online'), 0) AS onlineVisits, min(at) AS firstAt, max(at) AS lastAt
     FROM (${DOCUMENTS})`,
  );
  const saleLines = db.prepare<[string], DocumentLine & { names: string }>(
    `SELECT product_id AS productId, names, unit, quantity_milli AS quantityMilli, total_minor AS totalMinor
     FROM sale_lines WHERE sale_id = ? ORDER BY line_no`,
  );
  const historyLines = db.prepare<[string, string], DocumentLine & { names: string }>(
    `SELECT product_id AS productId, names,
       coalesce((SELECT unit FROM products WHERE id = product_id), 'piece') AS unit,
       quantity_milli AS quantityMilli, total_minor AS totalMinor
     FROM purchase_history WHERE document_no = ? AND customer_id IN (SELECT value FROM json_each(?))
     ORDER BY id`,
  );
  const itemPurchases = db.prepare<{ ids: string }, ItemPurchase>(
    `SELECT productId, at, quantityMilli FROM (${LINES}) ORDER BY at`,
  );
  const categorySpend = db.prepare<{ ids: string; limit: number }, { names: string; spend: number }>(
    `SELECT c.names, sum(x.totalMinor) AS spend
     FROM (${LINES}) x JOIN categories c ON c.id = x.categoryId
     GROUP BY x.categoryId ORDER BY spend DESC, x.categoryId LIMIT :limit`,
  );
  const rfm = db.prepare<[], { metric: keyof RfmBoundaries; b1: number; b2: number; b3: number; b4: number }>(
    'SELECT metric, b1, b2, b3, b4 FROM rfm_boundaries',
  );
  const inAssortment = db.prepare<[number], number>('SELECT 1 FROM products WHERE id = ? AND active = 1');
  inAssortment.pluck();

  const bag = db.prepare<[number], BagRow>(
    `SELECT product_id AS productId, quantity_milli AS quantityMilli, saved_at AS savedAt
     FROM saved_bag WHERE customer_id = ? ORDER BY saved_at DESC, product_id`,
  );
  const putInBag = db.prepare<[number, number, number, string, string, number | null]>(
    `INSERT INTO saved_bag (customer_id, product_id, quantity_milli, saved_at, store_code, cashier_id)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, product_id) DO UPDATE SET quantity_milli = excluded.quantity_milli,
       saved_at = excluded.saved_at, store_code = excluded.store_code, cashier_id = excluded.cashier_id`,
  );
  const takeFromBag = db.prepare<[number, number]>(
    'DELETE FROM saved_bag WHERE customer_id = ? AND product_id = ?',
  );
  const notes = db.prepare<[number, number], NoteRow>(
    `SELECT id, text, author_name AS authorName, store_code AS storeCode, created_at AS createdAt
     FROM customer_notes WHERE customer_id = ? ORDER BY id DESC LIMIT ?`,
  );
  const addNote = db.prepare<[number, string, number | null, string, string, string]>(
    `INSERT INTO customer_notes (customer_id, text, author_id, author_name, store_code, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const tags = db.prepare<[number], string>(
    'SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag',
  );
  tags.pluck();
  const addTag = db.prepare<[number, string]>(
    'INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const removeTag = db.prepare<[number, string]>(
    'DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?',
  );

  const parseLines = (rows: (DocumentLine & { names: string })[]): DocumentLine[] =>
    rows.map((row) => ({ ...row, names: JSON.parse(row.names) as LocalizedNames }));
  const json = (ids: readonly number[]) => JSON.stringify(ids);

  return {
    /** The profile's own id first, then every profile HQ merged into it. */
    profileIds: (id: number): number[] => [id, ...mergedInto.all(id)],
    extras: (id: number): ProfileExtras | null => extras.get(id) ?? null,
    documents: (ids: readonly number[], limit: number, offset: number): DocumentRow[] =>
      documents.all({ ids: json(ids), limit, offset }),
    linesOf(document: DocumentRow, ids: readonly number[]): DocumentLine[] {
      return parseLines(
        document.saleId !== null
          ? saleLines.all(document.saleId)
          : historyLines.all(document.documentNo, json(ids)),
      );
    },
    stats: (ids: readonly number[]): PurchaseStats => {
      const row = stats.get({ ids: json(ids) });
      if (!row) throw new Error('an aggregate query returned no row');
      return row;
    },
    /** Every item bought, oldest first: what the recommender learns the customer's habits from. */
    itemPurchases: (ids: readonly number[]): ItemPurchase[] => itemPurchases.all({ ids: json(ids) }),
    favouriteCategories: (ids: readonly number[], limit: number) =>
      categorySpend
        .all({ ids: json(ids), limit })
        .map((row) => ({ names: JSON.parse(row.names) as LocalizedNames, spendMinor: row.spend })),
    /** Null until HQ sent boundaries or the till computed them (store/rfm-boundaries.ts). */
    rfmBoundaries(): RfmBoundaries | null {
      const rows = new Map(
        rfm.all().map((row) => [row.metric, [row.b1, row.b2, row.b3, row.b4] as Boundaries]),
      );
      const recency = rows.get('recency');
      const frequency = rows.get('frequency');
      const monetary = rows.get('monetary');
      return recency && frequency && monetary ? { recency, frequency, monetary } : null;
    },
    inAssortment: (productId: number): boolean => inAssortment.get(productId) === 1,
    bag: (id: number): BagRow[] => bag.all(id),
    putInBag: (
      id: number,
      item: { productId: number; quantityMilli: number },
      at: string,
      storeCode: string,
      cashierId: number | null,
    ) => void putInBag.run(id, item.productId, item.quantityMilli, at, storeCode, cashierId),
    takeFromBag: (id: number, productId: number): boolean => takeFromBag.run(id, productId).changes === 1,
    notes: (id: number, limit: number): NoteRow[] => notes.all(id, limit),
    addNote: (
      id: number,
      text: string,
      author: { id: number | null; name: string },
      storeCode: string,
      at: string,
    ): number => Number(addNote.run(id, text, author.id, author.name, storeCode, at).lastInsertRowid),
    tags: (id: number): string[] => tags.all(id),
    setTag: (id: number, tag: string, on: boolean) => void (on ? addTag : removeTag).run(id, tag),
  };
}
export type Clienteling = ReturnType<typeof createClienteling>;
