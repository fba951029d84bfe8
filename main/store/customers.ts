// Customer profiles and the keys a till finds them by. Every look-up is one indexed read, prepared
// once; callers pass keys already normalised (domain/customer-identity.ts). Profiles HQ merged or
// erased are resolved here, so no caller can show an erased person's data by mistake.
import type { Db } from './db';
import { createTillCustomerIds } from './replica/customer-ids';

export type MarketingChannel = 'sms' | 'email' | 'push' | 'call';
export const marketingChannels: readonly MarketingChannel[] = ['sms', 'email', 'push', 'call'];

export interface CustomerProfile {
  id: number;
  name: string;
  /** E.164, or null when none is on file. */
  phone: string | null;
  email: string | null;
  birthday: string | null;
  /** Every card, the first issued first. */
  cards: string[];
  createdAt: string;
}

export interface NewCustomer {
  name: string;
  phoneE164: string | null;
  /** As the customer wrote it; `emailNorm` is the key it is found by. */
  email: string | null;
  emailNorm: string | null;
  birthday: string | null;
  cardNo: string | null;
  createdAt: string;
}

export interface ConsentRecord {
  purpose: 'processing' | 'marketing';
  channel: MarketingChannel | null;
  granted: boolean;
  recordedAt: string;
  storeCode: string;
  terminalCode: string;
  cashierId: number | null;
}

interface Row {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  createdAt: string;
  mergedInto: number | null;
  erasedAt: string | null;
}

/** A chain of merges longer than this is a loop in HQ's data, not a real history. */
const MAX_MERGE_HOPS = 16;

export function createCustomers(db: Db) {
  const tillIds = createTillCustomerIds(db);
  const byId = db.prepare<[number], Row>(
    `SELECT id, name, phone_e164 AS phone, email, birthday, created_at AS createdAt,
       merged_into AS mergedInto, erased_at AS erasedAt
     FROM customers WHERE id = ?`,
  );
  const cardsOf = db
    .prepare<[number], string>(
      'SELECT card_no FROM customer_cards WHERE customer_id = ? ORDER BY issued_at, card_no',
    )
    .pluck();
  const byCard = db
    .prepare<[string], number>('SELECT customer_id FROM customer_cards WHERE card_no = ?')
    .pluck();
  const byPhone = db
    .prepare<[string, number], number>('SELECT id FROM customers WHERE phone_e164 = ? ORDER BY id LIMIT ?')
    .pluck();
  const byLast4 = db
    .prepare<[string, number], number>(
      'SELECT id FROM customers WHERE phone_last4 = ? AND phone_e164 IS NOT NULL ORDER BY id DESC LIMIT ?',
    )
    .pluck();
  const byEmail = db
    .prepare<[string, number], number>('SELECT id FROM customers WHERE email_norm = ? ORDER BY id LIMIT ?')
    .pluck();
  // Newest profiles first, and no ranking: FTS5 walks its index in rowid order and stops at the limit,
  // so a common prefix ("ив") costs as little as a rare one.
  const byName = db
    .prepare<[string, number], number>(
      'SELECT rowid FROM customer_names WHERE customer_names MATCH ? ORDER BY rowid DESC LIMIT ?',
    )
    .pluck();
  const byReceipt = db
    .prepare<[string], number | null>('SELECT customer_id FROM sales WHERE receipt_no = ?')
    .pluck();
  const insertCustomer = db.prepare<
    [
      number,
      string | null,
      string,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string,
    ]
  >(
    `INSERT INTO customers (id, card_no, name, phone, phone_e164, email, email_norm, birthday, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCard = db.prepare<[string, number, string]>(
    'INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES (?, ?, ?)',
  );
  const insertName = db.prepare<[number, string]>('INSERT INTO customer_names (rowid, terms) VALUES (?, ?)');
  const insertConsent = db.prepare<
    [number, string, string | null, number, string, string, string, number | null]
  >(
    `INSERT INTO customer_consents
       (customer_id, purpose, channel, granted, recorded_at, store_code, terminal_code, cashier_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const consentsOf = db.prepare<[number], Omit<ConsentRecord, 'granted'> & { granted: number }>(
    `SELECT purpose, channel, granted, recorded_at AS recordedAt, store_code AS storeCode,
       terminal_code AS terminalCode, cashier_id AS cashierId
     FROM customer_consents WHERE customer_id = ? ORDER BY id`,
  );
  const upsertAttribute = db.prepare<[number, string, string, string]>(
    `INSERT INTO customer_attributes (customer_id, key, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (customer_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const attributesOf = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM customer_attributes WHERE customer_id = ? ORDER BY key',
  );
  const eraseRow = db.prepare<[string, number]>(
    `UPDATE customers SET name = '', phone = NULL, phone_e164 = NULL, email = NULL, email_norm = NULL,
       birthday = NULL, card_no = NULL, erased_at = ? WHERE id = ?`,
  );
  const deleteName = db.prepare<[number]>('DELETE FROM customer_names WHERE rowid = ?');
  const deleteCards = db.prepare<[number]>('DELETE FROM customer_cards WHERE customer_id = ?');
  const deleteAttributes = db.prepare<[number]>('DELETE FROM customer_attributes WHERE customer_id = ?');
  // What associates wrote or saved about the person is personal too; consent records stay as the
  // proof of what the person agreed to, and sales keep the bare id for the books.
  const deletePersonal = [
    'DELETE FROM customer_notes WHERE customer_id = ?',
    'DELETE FROM customer_tags WHERE customer_id = ?',
    'DELETE FROM saved_bag WHERE customer_id = ?',
  ].map((sql) => db.prepare<[number]>(sql));
  const markMerged = db.prepare<[number, number]>('UPDATE customers SET merged_into = ? WHERE id = ?');
  const writeContact = db.prepare<
    [string, string | null, string | null, string | null, string | null, string | null, number]
  >(
    `UPDATE customers SET name = ?, phone = ?, phone_e164 = ?, email = ?, email_norm = ?, birthday = ?
     WHERE id = ? AND erased_at IS NULL`,
  );
  const deleteAttribute = db.prepare<[number, string]>(
    'DELETE FROM customer_attributes WHERE customer_id = ? AND key = ?',
  );
  const clocksOf = db.prepare<[number], { field: string; hlc: string }>(
    'SELECT field, hlc FROM customer_field_clocks WHERE customer_id = ?',
  );
  const upsertClock = db.prepare<[number, string, string]>(
    `INSERT INTO customer_field_clocks (customer_id, field, hlc) VALUES (?, ?, ?)
     ON CONFLICT (customer_id, field) DO UPDATE SET hlc = excluded.hlc`,
  );
  const deleteClock = db.prepare<[number, string]>(
    'DELETE FROM customer_field_clocks WHERE customer_id = ? AND field = ?',
  );
  const deleteClocks = db.prepare<[number]>('DELETE FROM customer_field_clocks WHERE customer_id = ?');

  const stateOf = db.prepare<[number], { erased: number }>(
    'SELECT erased_at IS NOT NULL AS erased FROM customers WHERE id = ?',
  );

  /** The row an id leads to after following merges (erased or not), or null. */
  function follow(id: number): Row | null {
    let row = byId.get(id);
    for (let hops = 0; row && row.mergedInto !== null && hops < MAX_MERGE_HOPS; hops++) {
      row = byId.get(row.mergedInto);
    }
    return row && row.mergedInto === null ? row : null;
  }

  /** The surviving, not erased profile an id leads to, or null. */
  function resolve(id: number): Row | null {
    const row = follow(id);
    return row && row.erasedAt === null ? row : null;
  }

  const profile = (row: Row): CustomerProfile => ({
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    birthday: row.birthday,
    cards: cardsOf.all(row.id),
    createdAt: row.createdAt,
  });

  /** Distinct surviving profiles, in the order their ids came, at most `limit`. */
  function survivors(ids: readonly number[], limit: number): Row[] {
    const seen = new Set<number>();
    const rows: Row[] = [];
    for (const id of ids) {
      const row = resolve(id);
      if (!row || seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
      if (rows.length === limit) break;
    }
    return rows;
  }

  const one = (id: number | null | undefined): CustomerProfile | null => {
    const row = id === null || id === undefined ? null : resolve(id);
    return row ? profile(row) : null;
  };

  return {
    profile,
    customerById: (id: number) => one(id),
    customerByCard: (cardNo: string) => one(byCard.get(cardNo)),
    customerByReceipt: (receiptNo: string) => one(byReceipt.get(receiptNo)),
    /** Profiles with this phone (duplicates happen until HQ merges them); `limit + 1` ids are read. */
    customersByPhone: (e164: string, limit: number) => survivors(byPhone.all(e164, limit + 1), limit + 1),
    customersByLast4: (last4: string, limit: number) =>
      survivors(byLast4.all(last4, limit * 2 + 1), limit + 1),
    customersByEmail: (emailNorm: string, limit: number) =>
      survivors(byEmail.all(emailNorm, limit + 1), limit + 1),
    customersByName: (match: string, limit: number) => survivors(byName.all(match, limit * 2 + 1), limit + 1),
    cardOwner: (cardNo: string): number | null => byCard.get(cardNo) ?? null,
    /** The profile an edit of `id` lands on (merges followed), or why there is none to edit. */
    editTarget(id: number): { state: 'present'; customer: CustomerProfile } | { state: 'absent' | 'erased' } {
      const row = follow(id);
      if (!row) return { state: 'absent' };
      return row.erasedAt === null ? { state: 'present', customer: profile(row) } : { state: 'erased' };
    },
    /** Why an id leads to no profile, for tools that must say so (look-ups never show it). */
    rowState(id: number): 'absent' | 'erased' | 'present' {
      const row = stateOf.get(id);
      return !row ? 'absent' : row.erased ? 'erased' : 'present';
    },
    /** Writes a new profile, its card and its name index; call inside the caller's transaction. */
    insertCustomer(customer: NewCustomer, nameTerms: string): number {
      // Ids from 2^40 up are this till's; HQ's stay below, so a profile pulled later never collides.
      const { lastInsertRowid } = insertCustomer.run(
        tillIds.next(),
        customer.cardNo,
        customer.name,
        customer.phoneE164,
        customer.phoneE164,
        customer.email,
        customer.emailNorm,
        customer.birthday,
        customer.createdAt,
      );
      const id = Number(lastInsertRowid);
      if (customer.cardNo !== null) insertCard.run(customer.cardNo, id, customer.createdAt);
      insertName.run(id, nameTerms);
      return id;
    },
    recordConsent(customerId: number, consent: ConsentRecord): void {
      insertConsent.run(
        customerId,
        consent.purpose,
        consent.channel,
        consent.granted ? 1 : 0,
        consent.recordedAt,
        consent.storeCode,
        consent.terminalCode,
        consent.cashierId,
      );
    },
    consents: (customerId: number): ConsentRecord[] =>
      consentsOf.all(customerId).map((row) => ({ ...row, granted: row.granted === 1 })),
    setAttribute: (customerId: number, key: string, value: string, at: string) =>
      void upsertAttribute.run(customerId, key, value, at),
    attributes: (customerId: number): Record<string, string> =>
      Object.fromEntries(attributesOf.all(customerId).map((row) => [row.key, row.value])),
    /**
     * Writes a profile's own fields as they now are, re-indexing the name when it changed; call inside
     * the caller's transaction. An erased row is never written.
     */
    writeContact(
      customerId: number,
      contact: {
        name: string;
        phoneE164: string | null;
        email: string | null;
        emailNorm: string | null;
        birthday: string | null;
      },
      nameTerms: string | null,
    ): void {
      writeContact.run(
        contact.name,
        contact.phoneE164,
        contact.phoneE164,
        contact.email,
        contact.emailNorm,
        contact.birthday,
        customerId,
      );
      if (nameTerms !== null) {
        deleteName.run(customerId);
        insertName.run(customerId, nameTerms);
      }
    },
    removeAttribute: (customerId: number, key: string) => void deleteAttribute.run(customerId, key),
    /** The stamps of this till's own edits of the profile that HQ has not shown back yet, by field. */
    fieldClocks: (customerId: number): Map<string, string> =>
      new Map(clocksOf.all(customerId).map((row) => [row.field, row.hlc])),
    setFieldClock: (customerId: number, field: string, hlc: string) =>
      void upsertClock.run(customerId, field, hlc),
    dropFieldClock: (customerId: number, field: string) => void deleteClock.run(customerId, field),
    dropFieldClocks: (customerId: number) => void deleteClocks.run(customerId),
    /** HQ's merge tombstone: `from` now leads to `into`. */
    markMerged: (from: number, into: number) => void markMerged.run(into, from),
    /** HQ's erasure tombstone: nothing personal stays, sales keep the bare id. */
    erase(customerId: number, at: string): void {
      eraseRow.run(at, customerId);
      deleteName.run(customerId);
      deleteCards.run(customerId);
      deleteAttributes.run(customerId);
      // The keys of the fields edited here (attr:<preference>) say something about the person too.
      deleteClocks.run(customerId);
      for (const statement of deletePersonal) statement.run(customerId);
    },
  };
}
export type Customers = ReturnType<typeof createCustomers>;
