// The change feeds tills pull (contract/sync.ts, "Pull"). Every row a feed serves carries the
// transaction that last wrote it (change_xid) and a number from one sequence (change_seq). A feed
// reads in (change_xid, change_seq) order and only rows whose transaction is older than the oldest
// one still running (pg_snapshot_xmin): a transaction that commits later always sorts after every
// row already served, so a cursor never skips a late commit — without serialising writers on a
// counter row. Inserts take the stamp from column defaults; updates from hq_feed_stamp(); a change to
// a child row (a barcode, a card, a consent, a redemption) updates its parent so the parent is served
// again, whole.
export const up = `
CREATE SEQUENCE hq_feed_seq;

CREATE FUNCTION hq_feed_stamp() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  NEW.change_seq := nextval('hq_feed_seq');
  RETURN NEW;
END
$fn$;

-- The contract's timestamps: UTC, milliseconds, 'Z'.
CREATE FUNCTION hq_iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$fn$;

CREATE TABLE categories (
  id          bigint PRIMARY KEY,
  parent_id   bigint REFERENCES categories(id),
  names       jsonb NOT NULL,
  change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  change_seq  bigint NOT NULL DEFAULT nextval('hq_feed_seq')
);
CREATE TRIGGER categories_feed BEFORE UPDATE ON categories FOR EACH ROW EXECUTE FUNCTION hq_feed_stamp();
CREATE INDEX categories_feed ON categories (change_xid, change_seq);

ALTER TABLE products
  ADD COLUMN category_id bigint REFERENCES categories(id),
  ADD COLUMN plu text,
  ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('hq_feed_seq');
CREATE TRIGGER products_feed BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION hq_feed_stamp();
CREATE INDEX products_feed ON products (change_xid, change_seq);

CREATE FUNCTION hq_touch_product() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN UPDATE products SET updated_at = now() WHERE id = OLD.product_id; END IF;
  IF TG_OP <> 'DELETE' THEN UPDATE products SET updated_at = now() WHERE id = NEW.product_id; END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER product_barcodes_touch AFTER INSERT OR UPDATE OR DELETE ON product_barcodes
  FOR EACH ROW EXECUTE FUNCTION hq_touch_product();

ALTER TABLE prices
  ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('hq_feed_seq');
CREATE TRIGGER prices_feed BEFORE UPDATE ON prices FOR EACH ROW EXECUTE FUNCTION hq_feed_stamp();
CREATE INDEX prices_feed ON prices (change_xid, change_seq);

-- What HQ's CDP jobs compute for the profile panel. Customer ids stay below 2^40: the ids above
-- are tills' own (TILL_CUSTOMER_ID_BASE in contract/sync.ts).
ALTER TABLE customers
  ADD COLUMN tier text,
  ADD COLUMN points_balance bigint NOT NULL DEFAULT 0,
  ADD COLUMN expected_ltv_minor bigint CHECK (expected_ltv_minor >= 0),
  ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('hq_feed_seq'),
  ADD CONSTRAINT customers_hq_id_range CHECK (id < 1099511627776);
CREATE TRIGGER customers_feed BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION hq_feed_stamp();
CREATE INDEX customers_feed ON customers (change_xid, change_seq);
CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX terminal_customers_customer ON terminal_customers (customer_id, terminal_id);

-- A customer's cards and the consent in force per purpose and channel, kept on the customer as the
-- JSON the feed serves: written once when they change, read by every till's pull and bootstrap.
ALTER TABLE customers
  ADD COLUMN cards_doc json NOT NULL DEFAULT '[]',
  ADD COLUMN consents_doc json NOT NULL DEFAULT '[]';

CREATE FUNCTION hq_cards_doc(customer bigint) RETURNS json LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(json_agg(json_build_object('cardNo', k.card_no, 'issuedAt', hq_iso(k.issued_at))
                           ORDER BY k.issued_at, k.card_no), '[]'::json)
  FROM customer_cards k WHERE k.customer_id = customer
$fn$;

CREATE FUNCTION hq_consents_doc(customer bigint) RETURNS json LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(json_agg(json_build_object('purpose', x.purpose, 'channel', x.channel, 'granted', x.granted,
           'recordedAt', hq_iso(x.recorded_at), 'storeCode', coalesce(s.code, ''), 'terminalCode', coalesce(t.code, ''))
           ORDER BY x.purpose, x.channel), '[]'::json)
  FROM (SELECT DISTINCT ON (purpose, channel) * FROM consents WHERE customer_id = customer
        ORDER BY purpose, channel, recorded_at DESC, id DESC) x
  LEFT JOIN stores s ON s.id = x.store_id LEFT JOIN terminals t ON t.id = x.terminal_id
$fn$;

UPDATE customers SET cards_doc = hq_cards_doc(id), consents_doc = hq_consents_doc(id);

CREATE FUNCTION hq_customer_cards_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN UPDATE customers SET cards_doc = hq_cards_doc(id) WHERE id = OLD.customer_id; END IF;
  IF TG_OP <> 'DELETE' THEN UPDATE customers SET cards_doc = hq_cards_doc(id) WHERE id = NEW.customer_id; END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER customer_cards_doc AFTER INSERT OR UPDATE OR DELETE ON customer_cards
  FOR EACH ROW EXECUTE FUNCTION hq_customer_cards_changed();

CREATE FUNCTION hq_consents_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN UPDATE customers SET consents_doc = hq_consents_doc(id) WHERE id = OLD.customer_id; END IF;
  IF TG_OP <> 'DELETE' THEN UPDATE customers SET consents_doc = hq_consents_doc(id) WHERE id = NEW.customer_id; END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER consents_doc AFTER INSERT OR UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION hq_consents_changed();

-- The terms a till applies a coupon by; rows without a kind (written before) are not served.
-- store_id: a personal coupon issued for that store's till, whatever the customer's home store.
ALTER TABLE coupons
  ADD COLUMN kind text CHECK (kind IN ('first_purchase', 'winback', 'anniversary', 'birthday', 'segment', 'manual')),
  ADD COLUMN percent_bp integer CHECK (percent_bp BETWEEN 1 AND 10000),
  ADD COLUMN amount_minor bigint CHECK (amount_minor > 0),
  ADD COLUMN min_spend_minor bigint NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
  ADD COLUMN store_id bigint REFERENCES stores(id),
  ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('hq_feed_seq'),
  ADD CONSTRAINT coupons_terms CHECK (kind IS NULL OR (percent_bp IS NULL) <> (amount_minor IS NULL));
CREATE TRIGGER coupons_feed BEFORE UPDATE ON coupons FOR EACH ROW EXECUTE FUNCTION hq_feed_stamp();
CREATE INDEX coupons_feed ON coupons (change_xid, change_seq);

-- A personal coupon used anywhere is served again, so every till learns it is spent. Campaign codes
-- are never spent, and are not touched: thousands of tills redeem the same one at once.
CREATE FUNCTION hq_touch_coupon() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE coupons SET kind = kind WHERE code = NEW.code AND customer_id IS NOT NULL;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER coupon_redemptions_touch AFTER INSERT ON coupon_redemptions
  FOR EACH ROW EXECUTE FUNCTION hq_touch_coupon();

-- Chain settings tills apply (member QR keyring, RFM boundaries), validated by contract/sync.ts
-- SettingItem before they are stored.
CREATE TABLE settings (
  key         text PRIMARY KEY CHECK (key IN ('member-qr.keyring', 'rfm.boundaries')),
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  change_seq  bigint NOT NULL DEFAULT nextval('hq_feed_seq')
);
CREATE TRIGGER settings_feed BEFORE UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION hq_feed_stamp();
CREATE INDEX settings_feed ON settings (change_xid, change_seq);

-- Recommendation models as published: the exact bytes tills download and their SHA-256.
CREATE TABLE reco_models (
  version     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  body        bytea NOT NULL,
  built_at    timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  change_seq  bigint NOT NULL DEFAULT nextval('hq_feed_seq')
);
CREATE INDEX reco_models_feed ON reco_models (change_xid, change_seq);

-- Orders of the web shop (POST /v1/admin/online-orders), so a customer's history spans channels.
CREATE TABLE online_orders (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_no     text NOT NULL UNIQUE,
  shop_code    text NOT NULL,
  customer_id  bigint NOT NULL REFERENCES customers(id),
  ordered_at   timestamptz NOT NULL,
  currency     char(3) NOT NULL,
  total_minor  bigint NOT NULL CHECK (total_minor >= 0),
  imported_at  timestamptz NOT NULL DEFAULT now(),
  change_xid   xid8 NOT NULL DEFAULT pg_current_xact_id(),
  change_seq   bigint NOT NULL DEFAULT nextval('hq_feed_seq')
);
CREATE INDEX online_orders_customer ON online_orders (customer_id, ordered_at);
CREATE INDEX online_orders_feed ON online_orders (change_xid, change_seq);

CREATE TABLE online_order_lines (
  order_id        bigint NOT NULL REFERENCES online_orders(id),
  line_no         integer NOT NULL,
  product_id      bigint REFERENCES products(id),
  names           jsonb NOT NULL,
  quantity_milli  bigint NOT NULL CHECK (quantity_milli > 0),
  total_minor     bigint NOT NULL CHECK (total_minor >= 0),
  PRIMARY KEY (order_id, line_no)
);

-- Sales are written once and never updated: the stamp comes from the defaults alone, no trigger on
-- the ingest path. Only sales with a customer are served (as purchase history).
ALTER TABLE sales
  ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('hq_feed_seq');
CREATE INDEX sales_feed ON sales (change_xid, change_seq) WHERE customer_id IS NOT NULL;
`;
