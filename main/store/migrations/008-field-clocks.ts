// Customer edits at the till (issue 5): the till's hybrid logical clock (contract/hlc.ts), kept across
// restarts so its stamps never go back, and the stamps of the till's own edits HQ has not yet shown
// back, per customer and field. While such a stamp sorts after HQ's, a pulled profile does not
// overwrite the field (contract/field-merge.ts). The outbox index of 007 learns the new kind, so an
// erasure scrubs the values of edits still waiting to be pushed.
export const up = `
-- One row. node: this install's name in its stamps (the terminal id once the till is enrolled).
CREATE TABLE hlc_clock (
  slot     INTEGER PRIMARY KEY CHECK (slot = 1),
  node     TEXT NOT NULL,
  ms       INTEGER NOT NULL CHECK (ms >= 0),
  counter  INTEGER NOT NULL CHECK (counter >= 0)
);
INSERT INTO hlc_clock (slot, node, ms, counter) VALUES (1, 'i-' || lower(hex(randomblob(8))), 0, 0);

CREATE TABLE customer_field_clocks (
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  -- contract/hlc.ts CustomerFieldKey: name, phoneE164, email, birthday, attr:<key>, consent:<purpose>:<channel>
  field        TEXT NOT NULL,
  hlc          TEXT NOT NULL,
  PRIMARY KEY (customer_id, field)
) WITHOUT ROWID;

DROP INDEX IF EXISTS outbox_customer;
CREATE INDEX outbox_customer ON outbox(json_extract(payload, '$.customerId'))
  WHERE kind IN ('customer.enrolled', 'customer.bag', 'customer.note', 'customer.tag', 'customer.updated');
`;
