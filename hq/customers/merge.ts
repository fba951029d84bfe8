// Merging a duplicate profile into its survivor (identity resolution, FIELD.md): the duplicate stays
// as a tombstone leading to the survivor, so sales and a till's own ids that name it still reach the
// person. Survivorship: the survivor's fields win, its gaps are filled from the duplicate; cards,
// coupons, consents, notes and tags move over; points add up. Every till learns it from the
// customers feed (a `merged` tombstone and the survivor's new state).
import { inTransaction } from '../db/pool';
import type { Pool, Tx } from '../db/pool';

export type MergeOutcome =
  | { ok: true; survivorId: number; alreadyMerged: boolean }
  | { ok: false; reason: 'unknown' | 'erased' | 'same' };

const MAX_HOPS = 16;

/** The profile an id leads to after following merges. */
async function survivorOf(tx: Tx, id: number): Promise<number | null> {
  let current = id;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const { rows } = await tx.query<{ mergedInto: number | null }>(
      'SELECT merged_into AS "mergedInto" FROM customers WHERE id = $1',
      [current],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.mergedInto === null) return current;
    current = row.mergedInto;
  }
  return null;
}

export async function mergeCustomers(pool: Pool, fromId: number, intoId: number): Promise<MergeOutcome> {
  return inTransaction(pool, async (tx): Promise<MergeOutcome> => {
    const into = await survivorOf(tx, intoId);
    if (into === null) return { ok: false, reason: 'unknown' };
    if (into === fromId) return { ok: false, reason: 'same' };
    // Locked in id order: two merges of the same pair the other way round cannot deadlock.
    const { rows } = await tx.query<{ id: number; mergedInto: number | null; erased: boolean }>(
      `SELECT id, merged_into AS "mergedInto", erased_at IS NOT NULL AS erased FROM customers
       WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
      [[fromId, into]],
    );
    const from = rows.find((row) => row.id === fromId);
    const survivor = rows.find((row) => row.id === into);
    if (!from || !survivor) return { ok: false, reason: 'unknown' };
    if (from.erased || survivor.erased) return { ok: false, reason: 'erased' };
    if (from.mergedInto !== null) {
      if ((await survivorOf(tx, fromId)) === into) return { ok: true, survivorId: into, alreadyMerged: true };
      return { ok: false, reason: 'same' };
    }
    await tx.query(
      `UPDATE customers s SET
         name = CASE WHEN s.name = '' THEN d.name ELSE s.name END,
         phone_e164 = coalesce(s.phone_e164, d.phone_e164),
         email = coalesce(s.email, d.email),
         birthday = coalesce(s.birthday, d.birthday),
         attributes = d.attributes || s.attributes,
         points_balance = s.points_balance + d.points_balance,
         home_store_id = coalesce(s.home_store_id, d.home_store_id)
       FROM customers d WHERE s.id = $2 AND d.id = $1`,
      [fromId, into],
    );
    await tx.query('UPDATE customers SET merged_into = $2, points_balance = 0 WHERE id = $1', [fromId, into]);
    // Profiles merged into the duplicate before lead straight to the survivor now.
    await tx.query('UPDATE customers SET merged_into = $2 WHERE merged_into = $1', [fromId, into]);
    for (const table of ['customer_cards', 'consents', 'customer_notes']) {
      await tx.query(`UPDATE ${table} SET customer_id = $2 WHERE customer_id = $1`, [fromId, into]);
    }
    await tx.query(
      `UPDATE coupons SET customer_id = $2 WHERE customer_id = $1
         AND NOT EXISTS (SELECT 1 FROM coupon_redemptions r WHERE r.code = coupons.code)`,
      [fromId, into],
    );
    await tx.query(
      `INSERT INTO customer_tags (customer_id, tag, on_profile, changed_at)
       SELECT $2, tag, on_profile, changed_at FROM customer_tags WHERE customer_id = $1
       ON CONFLICT (customer_id, tag) DO UPDATE SET on_profile = excluded.on_profile, changed_at = excluded.changed_at
         WHERE customer_tags.changed_at < excluded.changed_at`,
      [fromId, into],
    );
    await tx.query('DELETE FROM customer_tags WHERE customer_id = $1', [fromId]);
    await tx.query(
      `INSERT INTO saved_bags (customer_id, items, updated_at, store_id)
       SELECT $2, items, updated_at, store_id FROM saved_bags WHERE customer_id = $1
       ON CONFLICT (customer_id) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at,
         store_id = excluded.store_id WHERE saved_bags.updated_at < excluded.updated_at`,
      [fromId, into],
    );
    await tx.query('DELETE FROM saved_bags WHERE customer_id = $1', [fromId]);
    return { ok: true, survivorId: into, alreadyMerged: false };
  });
}
