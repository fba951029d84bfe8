// Merging duplicate profiles into their survivor (identity resolution, FIELD.md): each duplicate stays
// as a tombstone leading to the survivor, so sales and a till's own ids that name it still reach the
// person, and the survivor becomes the golden record (hq/README.md, "Duplicates"):
//  - name, phone, e-mail, birthday and each preference (attribute key) one by one: the value whose
//    edit has the newest HLC stamp in `field_clocks` (contract/hlc.ts), a stamped value before an
//    unstamped one; without stamps the survivor's value, its gaps filled from the duplicates in
//    survivorship order. A stamped empty value is an edit (the customer removed it), not a gap.
//    The survivor keeps, per field, the stamp of the value it took; other clocks take the newest.
//    The phone is written in E.164 (its match key, migration 004), however the profile had it.
//  - points add up; the tier is the highest (basic < silver < gold < platinum; a tier outside that
//    ladder ranks below it); customer since the oldest profile's date; home store and expected value
//    the survivor's, else the first duplicate's.
//  - cards, notes, unspent personal coupons and every consent record move to the survivor, so the
//    consent in force per purpose and channel is the latest given on any of them (a withdrawal is
//    never lost to an older grant); tags and the saved bag: the latest word wins.
//  - sales and online orders keep the id they were booked under: the tombstone leads to the person.
// Every till learns it from the customers feed: a `merged` tombstone per duplicate and the survivor's
// new state. Locks: the rows of the profiles and of the tombstones leading to them, in id order, in one
// statement (`lockProfiles`), before anything is written — erasure and the duplicate-merge job take
// theirs the same way, so they queue instead of deadlocking. FOR NO KEY UPDATE, not FOR UPDATE: a push
// booking a sale of the customer (a foreign key's KEY SHARE) never waits for a merge.
import { inTransaction } from '../db/pool';
import type { Pool, Tx } from '../db/pool';

export type MergeOutcome =
  | { ok: true; survivorId: number; alreadyMerged: boolean }
  | { ok: false; reason: 'unknown' | 'erased' | 'same' };

export interface MergePlan {
  survivorId: number;
  /** In survivorship order: without clocks, the first one's value fills a gap of the survivor. */
  duplicateIds: readonly number[];
}

const MAX_HOPS = 16;
/** A survivor found merged once its row is locked (a merge in between): look again, this often. */
const MAX_ATTEMPTS = 3;

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

/** Locks the profiles and the tombstones leading to them, in id order (see the header). */
export async function lockProfiles(tx: Tx, ids: readonly number[]): Promise<void> {
  await tx.query(
    `SELECT id FROM customers WHERE id = ANY($1::bigint[]) OR merged_into = ANY($1::bigint[])
     ORDER BY id FOR NO KEY UPDATE`,
    [ids],
  );
}

export async function mergeCustomers(pool: Pool, fromId: number, intoId: number): Promise<MergeOutcome> {
  return inTransaction(pool, async (tx): Promise<MergeOutcome> => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const into = await survivorOf(tx, intoId);
      if (into === null) return { ok: false, reason: 'unknown' };
      if (into === fromId) return { ok: false, reason: 'same' };
      await lockProfiles(tx, [fromId, into]);
      const { rows } = await tx.query<{ id: number; mergedInto: number | null; erased: boolean }>(
        `SELECT id, merged_into AS "mergedInto", erased_at IS NOT NULL AS erased FROM customers
         WHERE id = ANY($1::bigint[])`,
        [[fromId, into]],
      );
      const from = rows.find((row) => row.id === fromId);
      const survivor = rows.find((row) => row.id === into);
      if (!from || !survivor) return { ok: false, reason: 'unknown' };
      if (from.erased || survivor.erased) return { ok: false, reason: 'erased' };
      if (survivor.mergedInto !== null) continue;
      if (from.mergedInto !== null) {
        if ((await survivorOf(tx, fromId)) === into)
          return { ok: true, survivorId: into, alreadyMerged: true };
        return { ok: false, reason: 'same' };
      }
      await mergeProfiles(tx, [{ survivorId: into, duplicateIds: [fromId] }]);
      return { ok: true, survivorId: into, alreadyMerged: false };
    }
    throw new Error(`customer ${intoId} kept being merged while ${fromId} was merged into it`);
  });
}

// Every statement below reads the plan from the same three arrays: each profile, its survivor, and
// its rank (0 the survivor, then the duplicates in survivorship order).
const PLAN = `m AS (SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[]) AS m(id, survivor_id, rank))`;
const TIERS = `ARRAY['basic', 'silver', 'gold', 'platinum']`;

const GOLDEN_RECORD = `
WITH ${PLAN},
members AS (SELECT m.survivor_id, m.rank, c.* FROM m JOIN customers c ON c.id = m.id),
candidates AS (
  SELECT x.survivor_id, x.rank, f.field, f.value, nullif(btrim(f.value), '') IS NULL AS gap,
    x.field_clocks ->> f.field AS stamp
  FROM members x
  CROSS JOIN LATERAL (VALUES ('name', x.name), ('phoneE164', x.phone_e164), ('email', x.email),
    ('birthday', x.birthday)) AS f(field, value)
),
fields AS (
  SELECT survivor_id,
    max(value) FILTER (WHERE field = 'name') AS name,
    max(value) FILTER (WHERE field = 'phoneE164') AS phone_e164,
    max(value) FILTER (WHERE field = 'email') AS email,
    max(value) FILTER (WHERE field = 'birthday') AS birthday,
    jsonb_object_agg(field, stamp) FILTER (WHERE stamp IS NOT NULL) AS clocks
  FROM (SELECT DISTINCT ON (survivor_id, field) * FROM candidates WHERE NOT gap OR stamp IS NOT NULL
        ORDER BY survivor_id, field, stamp DESC NULLS LAST, gap, rank) w
  GROUP BY survivor_id
),
attribute_candidates AS (
  SELECT x.survivor_id, x.rank, k.key, x.attributes -> k.key AS value, x.field_clocks ->> ('attr:' || k.key) AS stamp
  FROM members x
  CROSS JOIN LATERAL (
    SELECT jsonb_object_keys(x.attributes) AS key
    UNION SELECT substr(clock, 6) FROM jsonb_object_keys(x.field_clocks) AS clock WHERE clock LIKE 'attr:%'
  ) k
),
attributes AS (
  SELECT survivor_id,
    jsonb_object_agg(key, value) FILTER (WHERE value IS NOT NULL) AS attributes,
    jsonb_object_agg('attr:' || key, stamp) FILTER (WHERE stamp IS NOT NULL) AS clocks
  FROM (SELECT DISTINCT ON (survivor_id, key) * FROM attribute_candidates
        ORDER BY survivor_id, key, stamp DESC NULLS LAST, value IS NULL, rank) w
  GROUP BY survivor_id
),
other_clocks AS (
  SELECT survivor_id, jsonb_object_agg(key, stamp) AS clocks
  FROM (SELECT x.survivor_id, e.key, max(e.value) AS stamp
        FROM members x CROSS JOIN jsonb_each_text(x.field_clocks) e
        WHERE e.key NOT IN ('name', 'phoneE164', 'email', 'birthday') AND e.key NOT LIKE 'attr:%'
        GROUP BY x.survivor_id, e.key) o
  GROUP BY survivor_id
),
totals AS (
  SELECT survivor_id, sum(points_balance) AS points, min(created_at) AS created_at,
    (array_agg(tier ORDER BY array_position(${TIERS}, tier) DESC NULLS LAST, rank)
       FILTER (WHERE tier IS NOT NULL))[1] AS tier,
    (array_agg(home_store_id ORDER BY rank) FILTER (WHERE home_store_id IS NOT NULL))[1] AS home_store_id,
    (array_agg(expected_ltv_minor ORDER BY rank) FILTER (WHERE expected_ltv_minor IS NOT NULL))[1] AS ltv
  FROM members GROUP BY survivor_id
)
UPDATE customers s SET
  name = coalesce(f.name, s.name),
  phone_e164 = coalesce(hq_phone_key(f.phone_e164), f.phone_e164),
  email = f.email,
  birthday = f.birthday,
  attributes = coalesce(a.attributes, '{}'),
  field_clocks = coalesce(f.clocks, '{}') || coalesce(a.clocks, '{}') || coalesce(o.clocks, '{}'),
  points_balance = t.points,
  tier = t.tier,
  created_at = t.created_at,
  home_store_id = t.home_store_id,
  expected_ltv_minor = t.ltv
FROM totals t
LEFT JOIN fields f ON f.survivor_id = t.survivor_id
LEFT JOIN attributes a ON a.survivor_id = t.survivor_id
LEFT JOIN other_clocks o ON o.survivor_id = t.survivor_id
WHERE s.id = t.survivor_id`;

/** What follows the golden record, in order; `m` rows of rank > 0 are the duplicates. */
const FOLLOW_UPS = [
  `UPDATE customers c SET merged_into = m.survivor_id, points_balance = 0 FROM m
   WHERE c.id = m.id AND m.rank > 0`,
  // Profiles merged into a duplicate before lead straight to the survivor now.
  `UPDATE customers c SET merged_into = m.survivor_id FROM m WHERE c.merged_into = m.id AND m.rank > 0`,
  `UPDATE customer_cards t SET customer_id = m.survivor_id FROM m WHERE t.customer_id = m.id AND m.rank > 0`,
  `UPDATE consents t SET customer_id = m.survivor_id FROM m WHERE t.customer_id = m.id AND m.rank > 0`,
  `UPDATE customer_notes t SET customer_id = m.survivor_id FROM m WHERE t.customer_id = m.id AND m.rank > 0`,
  // A spent coupon stays with the profile it was redeemed for.
  `UPDATE coupons k SET customer_id = m.survivor_id FROM m WHERE k.customer_id = m.id AND m.rank > 0
     AND NOT EXISTS (SELECT 1 FROM coupon_redemptions r WHERE r.code = k.code)`,
  `INSERT INTO customer_tags (customer_id, tag, on_profile, changed_at)
   SELECT DISTINCT ON (m.survivor_id, t.tag) m.survivor_id, t.tag, t.on_profile, t.changed_at
   FROM customer_tags t JOIN m ON m.id = t.customer_id AND m.rank > 0
   ORDER BY m.survivor_id, t.tag, t.changed_at DESC
   ON CONFLICT (customer_id, tag) DO UPDATE SET on_profile = excluded.on_profile, changed_at = excluded.changed_at
     WHERE customer_tags.changed_at < excluded.changed_at`,
  `DELETE FROM customer_tags t USING m WHERE t.customer_id = m.id AND m.rank > 0`,
  `INSERT INTO saved_bags (customer_id, items, updated_at, store_id)
   SELECT DISTINCT ON (m.survivor_id) m.survivor_id, b.items, b.updated_at, b.store_id
   FROM saved_bags b JOIN m ON m.id = b.customer_id AND m.rank > 0
   ORDER BY m.survivor_id, b.updated_at DESC
   ON CONFLICT (customer_id) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at,
     store_id = excluded.store_id WHERE saved_bags.updated_at < excluded.updated_at`,
  `DELETE FROM saved_bags b USING m WHERE b.customer_id = m.id AND m.rank > 0`,
];

/**
 * Merges each plan's duplicates into its survivor, all plans at once (a statement per kind of row,
 * whatever the number of plans). The caller has locked the profiles (`lockProfiles`) and checked that
 * each is living — not merged, not erased — and in one plan only.
 */
export async function mergeProfiles(tx: Tx, plans: readonly MergePlan[]): Promise<void> {
  const ids: number[] = [];
  const survivors: number[] = [];
  const ranks: number[] = [];
  for (const plan of plans) {
    [plan.survivorId, ...plan.duplicateIds].forEach((id, rank) => {
      ids.push(id);
      survivors.push(plan.survivorId);
      ranks.push(rank);
    });
  }
  if (ids.length === 0) return;
  const values = [ids, survivors, ranks];
  await tx.query(GOLDEN_RECORD, values);
  for (const statement of FOLLOW_UPS) await tx.query(`WITH ${PLAN} ${statement}`, values);
}
