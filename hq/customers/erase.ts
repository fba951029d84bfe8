// Erasing a customer on request (right to be forgotten): every profile of the person — the one asked
// for and those merged into it — keeps only its id and the time of erasure. Cards, notes, tags,
// saved bags and preferences go; sales, online orders and consent records stay, by id, for the books
// and as proof of what the person had agreed to. Tills learn it as an `erased` tombstone that carries
// nothing personal, and erase their own copy. Nothing ever writes an erased profile again: enrolments
// and merges refuse it, edits pushed later are ignored whatever their stamp (erased_at is final, so
// the erasure needs no stamp of its own), the feed serves only the tombstone.
import { inTransaction } from '../db/pool';
import type { Pool } from '../db/pool';
import { lockProfiles } from './merge';

export type EraseOutcome = { ok: true; erasedIds: number[] } | { ok: false; reason: 'unknown' };

export async function eraseCustomer(pool: Pool, customerId: number, at = new Date()): Promise<EraseOutcome> {
  return inTransaction(pool, async (tx): Promise<EraseOutcome> => {
    // Locked as a merge locks (merge.ts), before the person is read: a merge into this profile that
    // committed first is in the person read below; one that comes later waits, then finds it erased.
    await lockProfiles(tx, [customerId]);
    const { rows } = await tx.query<{ id: number }>(
      `WITH RECURSIVE person(id, depth) AS (
         SELECT id, 0 FROM customers WHERE id = $1
         UNION SELECT c.id, p.depth + 1 FROM customers c JOIN person p ON c.merged_into = p.id WHERE p.depth < 16)
       SELECT id FROM person`,
      [customerId],
    );
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return { ok: false, reason: 'unknown' };
    for (const table of ['customer_cards', 'customer_notes', 'customer_tags', 'saved_bags']) {
      await tx.query(`DELETE FROM ${table} WHERE customer_id = ANY($1::bigint[])`, [ids]);
    }
    await tx.query(
      `UPDATE customers SET name = '', phone_e164 = NULL, email = NULL, birthday = NULL, attributes = '{}',
         field_clocks = '{}', tier = NULL, points_balance = 0, expected_ltv_minor = NULL,
         erased_at = coalesce(erased_at, $2)
       WHERE id = ANY($1::bigint[])`,
      [ids, at],
    );
    return { ok: true, erasedIds: ids };
  });
}
