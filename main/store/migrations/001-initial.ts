// The till's first schema. Money columns are integer minor units, quantities integer thousandths,
// times UTC ISO-8601 text. Sales, returns and their outbox rows are written in one transaction.
export const up = `
-- Facts about this till database itself (e.g. that it holds the generated demo store).
CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE categories (
  id         INTEGER PRIMARY KEY,
  parent_id  INTEGER REFERENCES categories(id),
  names      TEXT NOT NULL CHECK (json_valid(names))
);

CREATE TABLE products (
  id           INTEGER PRIMARY KEY,
  sku          TEXT NOT NULL UNIQUE,
  category_id  INTEGER REFERENCES categories(id),
  unit         TEXT NOT NULL CHECK (unit IN ('piece', 'kg')),
  price_minor  INTEGER NOT NULL CHECK (price_minor BETWEEN 0 AND 1000000000000),
  tax_rate_bp  INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  -- The PLU that in-store weight/price barcodes (prefixes 20–29) carry.
  plu          TEXT UNIQUE,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE product_names (
  product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  locale      TEXT NOT NULL,
  name        TEXT NOT NULL,
  PRIMARY KEY (product_id, locale)
) WITHOUT ROWID;

-- Barcodes are stored normalised: EAN-13 (UPC-A gets its leading zero), EAN-8, or an internal code.
CREATE TABLE barcodes (
  code        TEXT PRIMARY KEY,
  product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX barcodes_product ON barcodes(product_id);

CREATE TABLE customers (
  id          INTEGER PRIMARY KEY,
  card_no     TEXT UNIQUE,
  name        TEXT NOT NULL,
  phone       TEXT,
  email       TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX customers_phone ON customers(phone);

CREATE TABLE users (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  role      TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  -- scrypt$N$r$p$salt$hash (base64); a PIN is never stored in the clear.
  pin_hash  TEXT NOT NULL,
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT
);

-- One row per document kind: the next receipt sequence of this terminal.
CREATE TABLE sequences (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sales (
  id           TEXT PRIMARY KEY,
  receipt_no   TEXT NOT NULL UNIQUE,
  store_code   TEXT NOT NULL,
  terminal_code TEXT NOT NULL,
  cashier_id   INTEGER NOT NULL REFERENCES users(id),
  customer_id  INTEGER REFERENCES customers(id),
  status       TEXT NOT NULL CHECK (status IN ('completed', 'voided')),
  currency     TEXT NOT NULL,
  total_minor  INTEGER NOT NULL CHECK (total_minor >= 0),
  tax_minor    INTEGER NOT NULL CHECK (tax_minor >= 0),
  change_minor INTEGER NOT NULL DEFAULT 0 CHECK (change_minor >= 0),
  created_at   TEXT NOT NULL
);
CREATE INDEX sales_created ON sales(created_at);
CREATE INDEX sales_customer ON sales(customer_id, created_at);

CREATE TABLE sale_lines (
  id              TEXT PRIMARY KEY,
  sale_id         TEXT NOT NULL REFERENCES sales(id),
  line_no         INTEGER NOT NULL,
  product_id      INTEGER NOT NULL REFERENCES products(id),
  barcode         TEXT NOT NULL,
  -- The names as sold: a receipt must read the same after the catalogue changes.
  names           TEXT NOT NULL CHECK (json_valid(names)),
  unit            TEXT NOT NULL CHECK (unit IN ('piece', 'kg')),
  quantity_milli  INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  total_minor     INTEGER NOT NULL CHECK (total_minor >= 0),
  tax_rate_bp     INTEGER NOT NULL,
  tax_minor       INTEGER NOT NULL,
  UNIQUE (sale_id, line_no)
);
CREATE INDEX sale_lines_product ON sale_lines(product_id);

CREATE TABLE payments (
  id            TEXT PRIMARY KEY,
  sale_id       TEXT NOT NULL REFERENCES sales(id),
  kind          TEXT NOT NULL CHECK (kind IN ('cash', 'card')),
  amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
  received_minor INTEGER,
  change_minor  INTEGER,
  -- What the payment terminal printed (e.g. '**** 4242'), never the card number.
  card_masked   TEXT,
  auth_code     TEXT,
  terminal_ref  TEXT
);
CREATE INDEX payments_sale ON payments(sale_id);

CREATE TABLE returns (
  id           TEXT PRIMARY KEY,
  return_no    TEXT NOT NULL UNIQUE,
  sale_id      TEXT NOT NULL REFERENCES sales(id),
  cashier_id   INTEGER NOT NULL REFERENCES users(id),
  total_minor  INTEGER NOT NULL CHECK (total_minor >= 0),
  created_at   TEXT NOT NULL
);
CREATE INDEX returns_sale ON returns(sale_id);

CREATE TABLE return_lines (
  id             TEXT PRIMARY KEY,
  return_id      TEXT NOT NULL REFERENCES returns(id),
  sale_line_id   TEXT NOT NULL REFERENCES sale_lines(id),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  refund_minor   INTEGER NOT NULL CHECK (refund_minor >= 0),
  tax_minor      INTEGER NOT NULL
);
CREATE INDEX return_lines_sale_line ON return_lines(sale_line_id);

CREATE TABLE refunds (
  id            TEXT PRIMARY KEY,
  return_id     TEXT NOT NULL REFERENCES returns(id),
  payment_id    TEXT NOT NULL REFERENCES payments(id),
  kind          TEXT NOT NULL CHECK (kind IN ('cash', 'card')),
  amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
  terminal_ref  TEXT
);
CREATE INDEX refunds_payment ON refunds(payment_id);

-- Everything HQ must learn, in commit order. seq is this terminal's mutation number
-- (gap-free, pushed in order); id is globally unique so HQ can apply each exactly once.
CREATE TABLE outbox (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  payload     TEXT NOT NULL CHECK (json_valid(payload)),
  created_at  TEXT NOT NULL,
  pushed_at   TEXT
);
`;
