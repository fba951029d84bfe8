// What each pull stream serves, as SQL: each item is built as JSON text by PostgreSQL in the shape
// of contract/sync.ts (pullItems), so HQ's Node side only joins lines and never parses a row. A page
// is the rows after a key in (change_xid, change_seq) order, among those written by transactions
// older than every one still running (002-pull.ts says why); a stream fed by two tables reads both
// and keeps the first `limit` of the union.
import type { PullStream } from '../../contract/sync';
import type { Pool } from '../db/pool';
import type { FeedKey } from './cursor';

/** Who is asking: the terminal (its own ids of customers, its own sales) and its store (prices, coupons). */
export interface FeedScope {
  terminalId: string;
  storeId: number;
}

interface Source {
  /** The alias whose change_xid/change_seq order the source. */
  alias: string;
  from: string;
  /** Extra conditions; may use :terminal and :store. A partial feed index's condition goes here. */
  where?: string;
  item: string;
}

interface Feed {
  sources: Source[];
  /** Only the newest row matters (the reco model): the page is that row or nothing. */
  newestOnly?: boolean;
}

/** This terminal's own ids of the profile (it enrolled it before HQ knew it). */
const LOCAL_IDS = `coalesce(json_agg(tc.till_customer_id ORDER BY tc.till_customer_id), '[]'::json)
  FROM terminal_customers tc WHERE tc.customer_id = c.id AND tc.terminal_id = :terminal`;

const feeds: Record<PullStream, Feed> = {
  catalogue: {
    sources: [
      {
        alias: 'g',
        from: 'categories g',
        item: `json_build_object('kind', 'category', 'id', g.id, 'parentId', g.parent_id, 'names', g.names)`,
      },
      {
        alias: 'p',
        from: 'products p',
        item: `json_build_object('kind', 'product', 'id', p.id, 'sku', p.sku, 'categoryId', p.category_id,
          'unit', p.unit, 'taxRateBp', p.tax_rate_bp, 'plu', p.plu, 'active', p.active, 'names', p.names,
          'barcodes', coalesce((SELECT json_agg(b.code ORDER BY b.code) FROM product_barcodes b
                                WHERE b.product_id = p.id), '[]'::json))`,
      },
    ],
  },
  prices: {
    sources: [
      {
        alias: 'r',
        from: 'prices r',
        where: '(r.store_id IS NULL OR r.store_id = :store)',
        item: `json_build_object('productId', r.product_id,
          'scope', CASE WHEN r.store_id IS NULL THEN 'chain' ELSE 'store' END,
          'priceMinor', r.price_minor, 'validFrom', hq_iso(r.valid_from))`,
      },
    ],
  },
  customers: {
    sources: [
      {
        alias: 'c',
        from: 'customers c',
        // An erased profile says nothing but that it was erased.
        item: `CASE
          WHEN c.erased_at IS NOT NULL THEN json_build_object('state', 'erased', 'id', c.id,
            'localIds', (SELECT ${LOCAL_IDS}), 'erasedAt', hq_iso(c.erased_at))
          WHEN c.merged_into IS NOT NULL THEN json_build_object('state', 'merged', 'id', c.id,
            'localIds', (SELECT ${LOCAL_IDS}), 'mergedInto', c.merged_into)
          ELSE json_build_object('state', 'profile', 'id', c.id, 'localIds', (SELECT ${LOCAL_IDS}),
            'name', c.name, 'phoneE164', c.phone_e164, 'email', c.email, 'birthday', c.birthday,
            'tier', c.tier, 'pointsBalance', c.points_balance, 'expectedLtvMinor', c.expected_ltv_minor,
            'createdAt', hq_iso(c.created_at),
            'cards', c.cards_doc, 'attributes', c.attributes, 'consents', c.consents_doc,
            'clocks', c.field_clocks)
        END`,
      },
    ],
  },
  coupons: {
    sources: [
      {
        alias: 'k',
        from: 'coupons k LEFT JOIN customers cu ON cu.id = k.customer_id',
        where: `k.kind IS NOT NULL
          AND (k.customer_id IS NULL OR k.store_id = :store OR cu.home_store_id = :store)`,
        item: `json_build_object('code', k.code, 'customerId', k.customer_id, 'kind', k.kind,
          'percentBp', k.percent_bp, 'amountMinor', k.amount_minor, 'minSpendMinor', k.min_spend_minor,
          'validFrom', hq_iso(k.valid_from), 'validUntil', hq_iso(k.valid_until),
          'redeemedAt', CASE WHEN k.customer_id IS NULL THEN NULL
            ELSE (SELECT hq_iso(min(x.sold_at)) FROM coupon_redemptions x WHERE x.code = k.code) END)`,
      },
    ],
  },
  history: {
    sources: [
      {
        // The asking terminal's own sales are in its own tables already.
        alias: 's',
        from: 'sales s JOIN stores st ON st.id = s.store_id',
        where: 's.customer_id IS NOT NULL AND s.terminal_id <> :terminal',
        item: `json_build_object('documentId', 's:' || s.id, 'customerId', s.customer_id, 'channel', 'store',
          'storeCode', st.code, 'documentNo', s.receipt_no, 'purchasedAt', hq_iso(s.sold_at),
          'lines', coalesce((SELECT json_agg(json_build_object('lineNo', l.line_no, 'productId', l.product_id,
                                'names', l.names, 'categoryId', pr.category_id, 'quantityMilli', l.quantity_milli,
                                'totalMinor', l.total_minor) ORDER BY l.line_no)
                             FROM sale_lines l LEFT JOIN products pr ON pr.id = l.product_id
                             WHERE l.sale_id = s.id AND l.sold_at = s.sold_at AND l.product_id IS NOT NULL
                               AND l.quantity_milli > 0), '[]'::json))`,
      },
      {
        alias: 'o',
        from: 'online_orders o',
        item: `json_build_object('documentId', 'o:' || o.id, 'customerId', o.customer_id, 'channel', 'online',
          'storeCode', o.shop_code, 'documentNo', o.order_no, 'purchasedAt', hq_iso(o.ordered_at),
          'lines', coalesce((SELECT json_agg(json_build_object('lineNo', l.line_no, 'productId', l.product_id,
                                'names', l.names, 'categoryId', pr.category_id, 'quantityMilli', l.quantity_milli,
                                'totalMinor', l.total_minor) ORDER BY l.line_no)
                             FROM online_order_lines l LEFT JOIN products pr ON pr.id = l.product_id
                             WHERE l.order_id = o.id AND l.product_id IS NOT NULL), '[]'::json))`,
      },
    ],
  },
  settings: {
    sources: [{ alias: 't', from: 'settings t', item: `json_build_object('key', t.key, 'value', t.value)` }],
  },
  reco: {
    newestOnly: true,
    sources: [
      {
        alias: 'm',
        from: 'reco_models m',
        item: `json_build_object('version', m.version, 'sha256', m.sha256, 'bytes', octet_length(m.body),
          'builtAt', hq_iso(m.built_at))`,
      },
    ],
  },
};

type Named = 'after_xid' | 'after_seq' | 'limit' | 'terminal' | 'store';
const casts: Record<Named, string> = {
  after_xid: 'xid8',
  after_seq: 'bigint',
  limit: 'integer',
  terminal: 'uuid',
  store: 'bigint',
};

/** `:name` placeholders as `$n`, numbered in order of first use, and the names in that order. */
function numbered(sql: string): { text: string; names: Named[] } {
  const names: Named[] = [];
  const text = sql.replace(/:(after_xid|after_seq|limit|terminal|store)\b/g, (_, name: Named) => {
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}::${casts[name]}`;
  });
  return { text, names };
}

function sourceSql(source: Source, newestOnly: boolean): string {
  const { alias } = source;
  const conditions = [
    `(${alias}.change_xid, ${alias}.change_seq) > (:after_xid, :after_seq)`,
    `${alias}.change_xid < pg_snapshot_xmin(pg_current_snapshot())`,
    ...(source.where ? [source.where] : []),
  ];
  const direction = newestOnly ? 'DESC' : '';
  return `SELECT ${alias}.change_xid::text AS xid, ${alias}.change_seq::text AS seq, (${source.item})::text AS item
    FROM ${source.from} WHERE ${conditions.join(' AND ')}
    ORDER BY ${alias}.change_xid ${direction}, ${alias}.change_seq ${direction} LIMIT :limit`;
}

const statements = new Map<PullStream, { text: string; names: Named[] }>();

function statement(stream: PullStream) {
  let prepared = statements.get(stream);
  if (!prepared) {
    const feed = feeds[stream];
    const parts = feed.sources.map((source) => sourceSql(source, feed.newestOnly ?? false));
    const sql =
      parts.length === 1
        ? (parts[0] ?? '')
        : `SELECT * FROM (${parts.map((part) => `(${part})`).join(' UNION ALL ')}) u
           ORDER BY xid::xid8, seq::bigint LIMIT :limit`;
    prepared = numbered(sql);
    statements.set(stream, prepared);
  }
  return prepared;
}

export interface FeedRow {
  xid: string;
  seq: string;
  /** The item, JSON text. */
  item: string;
}

/** Up to `limit` items of `stream` after `after`, oldest change first. */
export async function readFeed(
  pool: Pool,
  stream: PullStream,
  scope: FeedScope,
  after: FeedKey | null,
  limit: number,
): Promise<FeedRow[]> {
  const { text, names } = statement(stream);
  const values: Record<Named, string | number> = {
    after_xid: after?.xid ?? '0',
    after_seq: after?.seq ?? '0',
    limit: feeds[stream].newestOnly ? 1 : limit,
    terminal: scope.terminalId,
    store: scope.storeId,
  };
  const { rows } = await pool.query<FeedRow>({
    name: `feed-${stream}`,
    text,
    values: names.map((name) => values[name]),
  });
  return rows;
}

/** About how many items a snapshot of `stream` after `after` holds, for a progress bar. */
export async function countFeed(pool: Pool, stream: PullStream, scope: FeedScope, after: FeedKey | null) {
  const parts = feeds[stream].sources.map(
    (source) =>
      `(SELECT count(*) FROM ${source.from} WHERE (${source.alias}.change_xid, ${source.alias}.change_seq) > (:after_xid, :after_seq)${source.where ? ` AND ${source.where}` : ''})`,
  );
  const { text, names } = numbered(`SELECT (${parts.join(' + ')})::int AS n`);
  const values: Record<Named, string | number> = {
    after_xid: after?.xid ?? '0',
    after_seq: after?.seq ?? '0',
    limit: 0,
    terminal: scope.terminalId,
    store: scope.storeId,
  };
  const { rows } = await pool.query<{ n: number }>(
    text,
    names.map((name) => values[name]),
  );
  return feeds[stream].newestOnly ? Math.min(1, rows[0]?.n ?? 0) : (rows[0]?.n ?? 0);
}
