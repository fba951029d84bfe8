// Customer identification (issue 4): the match keys a till looks customers up by, each behind an
// index; several loyalty cards per customer; a name index in both scripts; consent records; and the
// HQ states of a profile (merged into another, erased). Existing rows keep their columns and get
// their keys in `backfill`, which needs the same normalisation code the till uses.
import { nameSearchText, normaliseEmail } from '../../domain/customer-identity';
import type { Db } from '../db';

export const up = `
-- E.164 (+79161234567); NULL when the customer gave none or it is not a valid number.
ALTER TABLE customers ADD COLUMN phone_e164 TEXT;
-- For "the last 4 digits" pick lists; computed, so it never disagrees with phone_e164.
ALTER TABLE customers ADD COLUMN phone_last4 TEXT GENERATED ALWAYS AS (substr(phone_e164, -4)) VIRTUAL;
-- The mailbox the address reaches (domain/customer-identity.ts normaliseEmail).
ALTER TABLE customers ADD COLUMN email_norm TEXT;
ALTER TABLE customers ADD COLUMN birthday TEXT;
-- HQ merged this profile into another one: look-ups follow it to the survivor.
ALTER TABLE customers ADD COLUMN merged_into INTEGER REFERENCES customers(id);
-- Erased on request (right to be forgotten): personal columns are emptied, only the id stays.
ALTER TABLE customers ADD COLUMN erased_at TEXT;

CREATE INDEX customers_phone_e164 ON customers(phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE INDEX customers_phone_last4 ON customers(phone_last4) WHERE phone_e164 IS NOT NULL;
CREATE INDEX customers_email_norm ON customers(email_norm) WHERE email_norm IS NOT NULL;

-- Every card a customer holds; customers.card_no stays the card printed first, for older readers.
CREATE TABLE customer_cards (
  card_no      TEXT PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  issued_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX customer_cards_customer ON customer_cards(customer_id);
INSERT INTO customer_cards (card_no, customer_id, issued_at)
  SELECT card_no, id, created_at FROM customers WHERE card_no IS NOT NULL;

-- Names in every spelling (nameSearchText), rowid = customers.id. Contentless: the names live in
-- customers; the prefix indexes keep 2- and 3-letter prefix queries fast on millions of rows.
CREATE VIRTUAL TABLE customer_names USING fts5(
  terms,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Consent as given, never overwritten: the latest row per purpose and channel is in force. Processing
-- of personal data has no channel; marketing has one per channel.
CREATE TABLE customer_consents (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  purpose       TEXT NOT NULL CHECK (purpose IN ('processing', 'marketing')),
  channel       TEXT CHECK (channel IN ('sms', 'email', 'push', 'call')),
  granted       INTEGER NOT NULL CHECK (granted IN (0, 1)),
  recorded_at   TEXT NOT NULL,
  store_code    TEXT NOT NULL,
  terminal_code TEXT NOT NULL,
  cashier_id    INTEGER REFERENCES users(id),
  CHECK ((purpose = 'processing') = (channel IS NULL))
);
CREATE INDEX customer_consents_customer ON customer_consents(customer_id, purpose, channel, id);

-- Preferences (shoe size, pet breed…): marketing attributes, kept only with marketing consent.
CREATE TABLE customer_attributes (
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  key          TEXT NOT NULL,
  value        TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (customer_id, key)
) WITHOUT ROWID;

-- Numbers already in E.164 carry over as they are; others stay NULL until the customer is edited.
UPDATE customers SET phone_e164 = phone
  WHERE phone GLOB '+[1-9]*' AND length(phone) BETWEEN 8 AND 16 AND substr(phone, 2) NOT GLOB '*[^0-9]*';
`;

/** Fills the e-mail key and the name index of the rows that existed before this migration. */
export function backfill(db: Db): void {
  const rows = db.prepare<[], { id: number; name: string; email: string | null }>(
    'SELECT id, name, email FROM customers',
  );
  const setEmail = db.prepare<[string | null, number]>('UPDATE customers SET email_norm = ? WHERE id = ?');
  const indexName = db.prepare<[number, string]>('INSERT INTO customer_names (rowid, terms) VALUES (?, ?)');
  for (const row of rows.all()) {
    if (row.email !== null) setEmail.run(normaliseEmail(row.email), row.id);
    indexName.run(row.id, nameSearchText(row.name));
  }
}
