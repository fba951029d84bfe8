// Pull (issue 5): where this till is in each HQ change feed, stored in the same transaction as the
// page it applied; the price schedule HQ sends (a product sells at the price in force now, and at
// the next one when its time comes); HQ's chain settings and recommendation model as received. A
// product HQ lists but has not priced yet is not sold (`listed`, `priced`). An index finds the outbox
// rows about a customer HQ erased, so their personal fields can be scrubbed.
//
// Written to be applied twice (IF NOT EXISTS, columns added only when missing): the pull code checks
// the schema itself (store/replica/schema.ts) on databases that predate this migration's registration.
import type { Db } from '../db';

export const up = `
CREATE TABLE IF NOT EXISTS sync_cursors (
  stream      TEXT PRIMARY KEY,
  -- HQ's opaque cursor (it carries HQ's epoch); NULL: from the stream's beginning.
  cursor      TEXT,
  items       INTEGER NOT NULL DEFAULT 0,
  applied_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS price_schedule (
  product_id   INTEGER NOT NULL,
  -- 'store': this store's own price, which wins over the chain's.
  scope        TEXT NOT NULL CHECK (scope IN ('chain', 'store')),
  valid_from   TEXT NOT NULL,
  price_minor  INTEGER NOT NULL CHECK (price_minor BETWEEN 0 AND 1000000000000),
  PRIMARY KEY (product_id, scope, valid_from)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS price_schedule_due ON price_schedule(valid_from);

CREATE TABLE IF NOT EXISTS hq_settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  updated_at  TEXT NOT NULL
) WITHOUT ROWID;

-- The newest recommendation model HQ sent, as its gzip'd bytes, checked against its SHA-256 again
-- when the till starts.
CREATE TABLE IF NOT EXISTS hq_reco_model (
  slot         INTEGER PRIMARY KEY CHECK (slot = 1),
  version      INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  body_gzip    BLOB NOT NULL,
  built_at     TEXT NOT NULL,
  received_at  TEXT NOT NULL
);

-- Outbox rows about a customer, found when HQ erases the person (their payloads are scrubbed).
CREATE INDEX IF NOT EXISTS outbox_customer ON outbox(json_extract(payload, '$.customerId'))
  WHERE kind IN ('customer.enrolled', 'customer.bag', 'customer.note', 'customer.tag');

`;

const columns: readonly { table: string; column: string; definition: string }[] = [
  { table: 'products', column: 'listed', definition: 'INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1))' },
  { table: 'products', column: 'priced', definition: 'INTEGER NOT NULL DEFAULT 1 CHECK (priced IN (0, 1))' },
];

/** Adds the product columns the first time. */
export function backfill(db: Db): void {
  for (const { table, column, definition } of columns) {
    const present = db
      .prepare<[string, string], number>('SELECT 1 FROM pragma_table_info(?) WHERE name = ?')
      .pluck()
      .get(table, column);
    if (present === undefined) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}
