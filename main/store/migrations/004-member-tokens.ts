// Member QR tokens already accepted, so a token photographed off a customer's phone cannot be used a
// second time while it is still within its time window. A row is needed only until `expires_at`,
// when the token would be refused as expired anyway; verifying deletes older rows as it goes.
export const up = `
CREATE TABLE member_tokens_seen (
  customer_id TEXT NOT NULL,
  step INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (customer_id, step, key_id)
) WITHOUT ROWID;
CREATE INDEX member_tokens_seen_expiry ON member_tokens_seen (expires_at);
`;
