// Clienteling (issue 4): what the profile panel shows beside the cart. HQ owns tier, points, the
// expected lifetime value, the chain's purchase history and coupons; a till keeps the latest copy so
// the panel works offline. A till writes saved bags, notes, tags and coupon redemptions itself, each
// with an outbox row in the same transaction.
export const up = `
ALTER TABLE customers ADD COLUMN tier TEXT;
ALTER TABLE customers ADD COLUMN points_balance INTEGER NOT NULL DEFAULT 0;
-- HQ's model of what the customer will still spend; NULL until HQ has sent one.
ALTER TABLE customers ADD COLUMN expected_ltv_minor INTEGER;

-- Purchases this till did not ring up itself: other stores and online orders, as HQ sent them. A
-- till's own sales live in sales/sale_lines; when HQ echoes one back it is recognised by document_no.
CREATE TABLE purchase_history (
  id            TEXT PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  channel       TEXT NOT NULL CHECK (channel IN ('store', 'online')),
  -- The store that sold it, or the online shop's code.
  store_code    TEXT NOT NULL,
  -- Receipt or order number.
  document_no   TEXT NOT NULL,
  purchased_at  TEXT NOT NULL,
  -- No foreign key: an online-only item need not be in this store's catalogue.
  product_id    INTEGER NOT NULL,
  names         TEXT NOT NULL CHECK (json_valid(names)),
  category_id   INTEGER,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  total_minor   INTEGER NOT NULL CHECK (total_minor >= 0)
) WITHOUT ROWID;
CREATE INDEX purchase_history_customer ON purchase_history(customer_id, purchased_at);
CREATE INDEX purchase_history_document ON purchase_history(document_no);
-- The recommendation model learns from the most recent purchases first.
CREATE INDEX purchase_history_time ON purchase_history(purchased_at);

-- Quintile boundaries of recency (days), frequency (documents) and monetary (minor units) over the
-- chain's customers: HQ's when it sent them, else computed from this till's data.
CREATE TABLE rfm_boundaries (
  metric       TEXT PRIMARY KEY CHECK (metric IN ('recency', 'frequency', 'monetary')),
  b1 REAL NOT NULL, b2 REAL NOT NULL, b3 REAL NOT NULL, b4 REAL NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('hq', 'local')),
  computed_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE coupons (
  code            TEXT PRIMARY KEY,
  -- NULL: anyone may use it (a campaign code); otherwise only this customer.
  customer_id     INTEGER REFERENCES customers(id),
  kind            TEXT NOT NULL
                  CHECK (kind IN ('first_purchase', 'winback', 'anniversary', 'birthday', 'segment', 'manual')),
  percent_bp      INTEGER CHECK (percent_bp BETWEEN 1 AND 10000),
  amount_minor    INTEGER CHECK (amount_minor > 0),
  min_spend_minor INTEGER NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
  valid_from      TEXT NOT NULL,
  valid_until     TEXT NOT NULL,
  redeemed_at     TEXT,
  redeemed_sale_id TEXT REFERENCES sales(id),
  CHECK ((percent_bp IS NULL) <> (amount_minor IS NULL))
) WITHOUT ROWID;
CREATE INDEX coupons_customer ON coupons(customer_id, valid_until) WHERE customer_id IS NOT NULL;
CREATE INDEX coupons_campaign ON coupons(valid_until, code) WHERE customer_id IS NULL;

-- A profile gathers the purchases of every profile HQ merged into it.
CREATE INDEX customers_merged_into ON customers(merged_into) WHERE merged_into IS NOT NULL;

-- A coupon's discount is spread over the lines; total_minor stays what the line finally charged
-- (after its share), so tax totals and returns work on the price actually paid.
ALTER TABLE sales ADD COLUMN coupon_code TEXT;
-- The loyalty card that identified the customer, masked as the receipt prints it.
ALTER TABLE sales ADD COLUMN customer_card TEXT;
ALTER TABLE sales ADD COLUMN discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor >= 0);
ALTER TABLE sale_lines ADD COLUMN discount_minor INTEGER NOT NULL DEFAULT 0 CHECK (discount_minor >= 0);

-- Items the customer is undecided about, saved from the cart and shown on the next visit.
CREATE TABLE saved_bag (
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  product_id     INTEGER NOT NULL REFERENCES products(id),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  saved_at       TEXT NOT NULL,
  store_code     TEXT NOT NULL,
  cashier_id     INTEGER REFERENCES users(id),
  PRIMARY KEY (customer_id, product_id)
) WITHOUT ROWID;

CREATE TABLE customer_notes (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  text         TEXT NOT NULL,
  author_id    INTEGER REFERENCES users(id),
  author_name  TEXT NOT NULL,
  store_code   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX customer_notes_customer ON customer_notes(customer_id, id);

CREATE TABLE customer_tags (
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  tag          TEXT NOT NULL,
  PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
`;
