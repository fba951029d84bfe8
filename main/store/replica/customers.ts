// Customers as HQ holds them, applied to this till's copy. A profile replaces the till's copy of it
// — fields, cards, name index, preferences — and records the consents in force the till does not have
// in force yet; except, field by field, where the till holds its own edit stamped after HQ's value
// (not pushed yet, or pushed and not back yet): that value stays (contract/field-merge.ts). Every stamp
// seen moves the till's clock on, so its next edit sorts after them. A
// `merged` tombstone makes the duplicate lead to its survivor (look-ups follow it; sales keep the id
// they were rung up under); an `erased` tombstone erases every row of the person, this till's own
// aliases included, and scrubs what the outbox still holds about them. An erased row is never written
// again: a late profile of it is ignored.
//
// Ids: HQ's are below TILL_CUSTOMER_ID_BASE, this till's own enrolments above (customer-ids.ts). When
// HQ first sends the profile of a customer this till enrolled, `localIds` names the till's row: it
// becomes an alias of HQ's profile (merged into it), and what the till kept about it (notes, tags,
// the saved bag, preferences) moves over.
import { remoteApplies } from '../../../contract/field-merge';
import { compareHlc, MAX_HLC_DRIFT_MS, parseHlc } from '../../../contract/hlc';
import type { CustomerItem } from '../../../contract/sync';
import { normaliseEmail } from '../../domain/customer-identity';
import { createCustomers } from '../customers';
import type { Db } from '../db';
import { createHlcClock } from '../hlc';
import { createNameTerms } from './name-terms';

type Profile = Extract<CustomerItem, { state: 'profile' }>;
type Merged = Extract<CustomerItem, { state: 'merged' }>;
type Erased = Extract<CustomerItem, { state: 'erased' }>;

export interface CustomerPageSummary {
  profiles: number;
  merged: number;
  erased: number;
  /** Rows whose person was erased here (not placeholders): their traces were scrubbed from the index. */
  scrubbed: number;
}

interface Existing {
  name: string;
  erasedAt: string | null;
  mergedInto: number | null;
}

const MAX_MERGE_DEPTH = 16;

/** A local edit HQ has not shown back: its stamp, and the row (this profile or the till's own id of it) holding its value. */
interface Pending {
  hlc: string;
  from: number;
}

interface Contact {
  name: string;
  phoneE164: string | null;
  email: string | null;
  birthday: string | null;
}

const consentField = (purpose: string, channel: string | null) => `consent:${purpose}:${channel ?? 'any'}`;

export function createCustomerReplica(db: Db) {
  const customers = createCustomers(db);
  const clock = createHlcClock(db);
  const contactOf = db.prepare<[number], Contact>(
    'SELECT name, phone_e164 AS phoneE164, email, birthday FROM customers WHERE id = ?',
  );
  const latestConsent = db.prepare<
    [number, string, string | null],
    { granted: number; recordedAt: string; storeCode: string; terminalCode: string; cashierId: number | null }
  >(
    `SELECT granted, recorded_at AS recordedAt, store_code AS storeCode, terminal_code AS terminalCode,
       cashier_id AS cashierId
     FROM customer_consents WHERE customer_id = ? AND purpose = ? AND channel IS ? ORDER BY id DESC LIMIT 1`,
  );
  const existing = db.prepare<[number], Existing>(
    'SELECT name, erased_at AS erasedAt, merged_into AS mergedInto FROM customers WHERE id = ?',
  );
  const freeCardNo = db.prepare<[string, number]>(
    'UPDATE customers SET card_no = NULL WHERE card_no = ? AND id <> ?',
  );
  type ProfileColumns = [
    string | null,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string,
    string | null,
    number,
    number | null,
    number,
  ];
  const insertProfile = db.prepare<ProfileColumns>(
    `INSERT INTO customers (card_no, name, phone, phone_e164, email, email_norm, birthday, created_at, tier,
       points_balance, expected_ltv_minor, id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateProfile = db.prepare<ProfileColumns>(
    `UPDATE customers SET card_no = ?, name = ?, phone = ?, phone_e164 = ?, email = ?, email_norm = ?,
       birthday = ?, created_at = ?, tier = ?, points_balance = ?, expected_ltv_minor = ?, merged_into = NULL
     WHERE id = ? AND erased_at IS NULL`,
  );
  const deleteName = db.prepare<[number]>('DELETE FROM customer_names WHERE rowid = ?');
  const insertName = db.prepare<[number, string]>('INSERT INTO customer_names (rowid, terms) VALUES (?, ?)');
  // A contentless_delete index only marks a deleted row; the words stay in its segments until they are
  // rewritten. After an erasure they are, all of them (about half a second per million names).
  const rewriteNames = db.prepare("INSERT INTO customer_names (customer_names) VALUES ('optimize')");
  const nameTerms = createNameTerms();
  const deleteCards = db.prepare<[number]>('DELETE FROM customer_cards WHERE customer_id = ?');
  // A card HQ moved to this profile (a merge) leaves the one that held it.
  const upsertCard = db.prepare<[string, number, string]>(
    `INSERT INTO customer_cards (card_no, customer_id, issued_at) VALUES (?, ?, ?)
     ON CONFLICT (card_no) DO UPDATE SET customer_id = excluded.customer_id, issued_at = excluded.issued_at`,
  );
  const deleteAttributes = db.prepare<[number]>('DELETE FROM customer_attributes WHERE customer_id = ?');
  const insertAttribute = db.prepare<[number, string, string, string]>(
    'INSERT INTO customer_attributes (customer_id, key, value, updated_at) VALUES (?, ?, ?, ?)',
  );
  const insertConsent = db.prepare<
    [number, string, string | null, number, string, string, string, number | null]
  >(
    `INSERT INTO customer_consents
       (customer_id, purpose, channel, granted, recorded_at, store_code, terminal_code, cashier_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A customer named before their own item came (a coupon, a purchase, a merge's survivor): a row
  // with nothing in it that the customer's item fills in. Look-ups never find it by a key.
  const placeholder = db.prepare<[number, string]>(
    `INSERT INTO customers (id, name, created_at) VALUES (?, '', ?) ON CONFLICT (id) DO NOTHING`,
  );
  const erasedPlaceholder = db.prepare<[number, string, string]>(
    `INSERT INTO customers (id, name, created_at, erased_at) VALUES (?, '', ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const markMerged = db.prepare<[number, number, number]>(
    'UPDATE customers SET merged_into = ? WHERE id = ? AND id <> ?',
  );
  const moves = [
    'UPDATE customer_notes SET customer_id = ? WHERE customer_id = ?',
    'UPDATE OR IGNORE customer_tags SET customer_id = ? WHERE customer_id = ?',
    'UPDATE OR IGNORE saved_bag SET customer_id = ? WHERE customer_id = ?',
    'UPDATE OR IGNORE customer_attributes SET customer_id = ? WHERE customer_id = ?',
  ].map((sql) => db.prepare<[number, number]>(sql));
  // What UPDATE OR IGNORE left behind: the survivor had its own row for it.
  const leftovers = ['customer_tags', 'saved_bag', 'customer_attributes'].map((table) =>
    db.prepare<[number]>(`DELETE FROM ${table} WHERE customer_id = ?`),
  );
  const mergedIntoPerson = db
    .prepare<[number, number], number>(
      `WITH RECURSIVE merged(id, depth) AS (
         SELECT id, 0 FROM customers WHERE merged_into = ?
         UNION SELECT c.id, depth + 1 FROM customers c JOIN merged m ON c.merged_into = m.id WHERE depth < ?)
       SELECT id FROM merged`,
    )
    .pluck();
  // The outbox keeps pushed rows (hq/README.md: for an HQ restored from a backup); an erased
  // person's data must not stay in them, nor be pushed again.
  const scrubOutbox = db.prepare<[number]>(
    `UPDATE outbox SET payload = CASE kind
       WHEN 'customer.enrolled' THEN json_set(payload, '$.name', '', '$.phoneE164', NULL, '$.email', NULL,
         '$.birthday', NULL, '$.cardNo', NULL, '$.attributes', json('{}'))
       WHEN 'customer.note' THEN json_set(payload, '$.text', '')
       WHEN 'customer.tag' THEN json_set(payload, '$.tag', '')
       WHEN 'customer.bag' THEN json_set(payload, '$.items', json('[]'))
       WHEN 'customer.updated' THEN json_set(payload, '$.fields', json('[]'))
       ELSE payload END
     WHERE kind IN ('customer.enrolled', 'customer.bag', 'customer.note', 'customer.tag', 'customer.updated')
       AND json_extract(payload, '$.customerId') = ?`,
  );

  /**
   * `from` now leads to `into`, and what the till kept about `from` moves to `into`. Its own edits
   * waiting for HQ do not: HQ applies them to `into` when they are pushed, and `into` comes back with them.
   */
  function absorb(from: number, into: number): void {
    if (from === into || !existing.get(from)) return;
    markMerged.run(into, from, into);
    for (const move of moves) move.run(into, from);
    for (const statement of leftovers) statement.run(from);
    customers.dropFieldClocks(from);
  }

  /** Per field, the latest of the till's own edits HQ has not shown back, on any of these rows. */
  function pendingEdits(ids: readonly number[]): Map<string, Pending> {
    const pending = new Map<string, Pending>();
    for (const id of ids) {
      for (const [field, hlc] of customers.fieldClocks(id)) {
        const known = pending.get(field);
        if (!known || compareHlc(hlc, known.hlc) > 0) pending.set(field, { hlc, from: id });
      }
    }
    return pending;
  }

  /** The latest stamp seen in this page that a sane clock may follow (a day ahead at most). */
  let newestSeen: string | null = null;
  function see(item: Profile, nowMs: number): void {
    for (const stamp of Object.values(item.clocks)) {
      if (newestSeen !== null && compareHlc(stamp, newestSeen) <= 0) continue;
      if (parseHlc(stamp).ms - nowMs <= MAX_HLC_DRIFT_MS) newestSeen = stamp;
    }
  }

  /** Names to index, inserted at the end of a page in id order: FTS5 appends rows in rowid order, and
   *  a row below the last one written flushes its pending segment. */
  let names: { id: number; name: string }[] = [];

  function profile(item: Profile, at: string): void {
    const before = existing.get(item.id);
    if (before?.erasedAt) return;
    see(item, Date.parse(at));
    // The till's own ids of the person (HQ joins them now) may hold edits HQ has not had back yet.
    const localIds = item.localIds.filter((id) => {
      const row = existing.get(id);
      return id !== item.id && row !== undefined && row.erasedAt === null;
    });
    const kept = new Map(
      // A row the till has never had holds no edit of its own (bootstrap inserts millions of them).
      [...pendingEdits(before ? [item.id, ...localIds] : localIds)].filter(
        ([field, pending]) => !remoteApplies(item.clocks[field], pending.hlc),
      ),
    );
    const contact: Contact = {
      name: item.name,
      phoneE164: item.phoneE164,
      email: item.email,
      birthday: item.birthday,
    };
    for (const key of ['name', 'phoneE164', 'email', 'birthday'] as const) {
      const pending = kept.get(key);
      const local = pending === undefined ? undefined : contactOf.get(pending.from);
      if (local !== undefined) Object.assign(contact, { [key]: local[key] });
    }
    const attributes = new Map(Object.entries(item.attributes));
    for (const [field, pending] of kept) {
      if (!field.startsWith('attr:')) continue;
      const key = field.slice('attr:'.length);
      const value = customers.attributes(pending.from)[key];
      if (value === undefined) attributes.delete(key);
      else attributes.set(key, value);
    }

    const firstCard = item.cards[0]?.cardNo ?? null;
    if (firstCard !== null) freeCardNo.run(firstCard, item.id);
    const columns: ProfileColumns = [
      firstCard,
      contact.name,
      contact.phoneE164,
      contact.phoneE164,
      contact.email,
      contact.email === null ? null : normaliseEmail(contact.email),
      contact.birthday,
      item.createdAt,
      item.tier,
      item.pointsBalance,
      item.expectedLtvMinor,
      item.id,
    ];
    if (before) {
      updateProfile.run(...columns);
      if (before.name !== '') deleteName.run(item.id);
      deleteCards.run(item.id);
      deleteAttributes.run(item.id);
    } else {
      insertProfile.run(...columns);
    }
    if (contact.name !== '') names.push({ id: item.id, name: contact.name });
    for (const card of item.cards) upsertCard.run(card.cardNo, item.id, card.issuedAt);
    for (const [key, value] of attributes) insertAttribute.run(item.id, key, value, at);
    // HQ has the preferences the till enrolled under its own ids; its own edits are carried above.
    for (const localId of localIds) deleteAttributes.run(localId);
    for (const consent of item.consents) {
      if (kept.has(consentField(consent.purpose, consent.channel))) continue;
      const latest = before ? latestConsent.get(item.id, consent.purpose, consent.channel) : undefined;
      if (
        latest &&
        latest.granted === (consent.granted ? 1 : 0) &&
        latest.recordedAt === consent.recordedAt
      ) {
        continue;
      }
      insertConsent.run(
        item.id,
        consent.purpose,
        consent.channel,
        consent.granted ? 1 : 0,
        consent.recordedAt,
        consent.storeCode,
        consent.terminalCode,
        null,
      );
    }
    for (const [field, pending] of kept) {
      if (!field.startsWith('consent:') || pending.from === item.id) continue;
      const [, purpose = '', channelKey] = field.split(':');
      const channel = channelKey === 'any' ? null : (channelKey ?? null);
      const local = latestConsent.get(pending.from, purpose, channel);
      if (!local) continue;
      insertConsent.run(
        item.id,
        purpose,
        channel,
        local.granted,
        local.recordedAt,
        local.storeCode,
        local.terminalCode,
        local.cashierId,
      );
    }
    if (before) customers.dropFieldClocks(item.id);
    for (const [field, pending] of kept) customers.setFieldClock(item.id, field, pending.hlc);
    for (const localId of item.localIds) absorb(localId, item.id);
  }

  function merged(item: Merged, at: string): void {
    placeholder.run(item.mergedInto, at);
    placeholder.run(item.id, at);
    absorb(item.id, item.mergedInto);
    for (const localId of item.localIds) absorb(localId, item.mergedInto);
  }

  /** Answers how many rows of the person held personal data here. */
  function erased(item: Erased): number {
    const person = new Set([item.id, ...item.localIds]);
    for (const id of [...person])
      for (const alias of mergedIntoPerson.all(id, MAX_MERGE_DEPTH)) person.add(alias);
    let scrubbed = 0;
    for (const id of person) {
      const row = existing.get(id);
      if (!row) continue;
      if (row.erasedAt === null && row.name !== '') scrubbed += 1;
      customers.erase(id, item.erasedAt);
      scrubOutbox.run(id);
    }
    erasedPlaceholder.run(item.id, item.erasedAt, item.erasedAt);
    return scrubbed;
  }

  function indexNames(): void {
    names.sort((a, b) => a.id - b.id);
    for (const { id, name } of names) insertName.run(id, nameTerms(name));
    names = [];
  }

  return {
    /** Applies items in order; call inside the page's transaction. */
    apply(items: readonly CustomerItem[], at: string): CustomerPageSummary {
      const summary: CustomerPageSummary = { profiles: 0, merged: 0, erased: 0, scrubbed: 0 };
      for (const item of items) {
        if (item.state === 'profile') {
          profile(item, at);
          summary.profiles += 1;
        } else {
          // A profile whose name waits to be indexed must be in the index before it can be erased.
          indexNames();
          if (item.state === 'merged') {
            merged(item, at);
            summary.merged += 1;
          } else {
            summary.scrubbed += erased(item);
            summary.erased += 1;
          }
        }
      }
      indexNames();
      if (summary.scrubbed > 0) rewriteNames.run();
      if (newestSeen !== null) clock.receive(newestSeen, Date.parse(at));
      newestSeen = null;
      return summary;
    },
    /** A row for a customer another stream names (coupons, history) before the customer's own item. */
    ensure: (customerId: number, at: string) => void placeholder.run(customerId, at),
  };
}
export type CustomerReplica = ReturnType<typeof createCustomerReplica>;
