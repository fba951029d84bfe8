// RFM quintile boundaries computed from this till's own data, for when HQ has sent none: over the
// customers with at least one purchase, in this till's completed sales or HQ's purchase history, the
// 20th/40th/60th/80th percentiles (nearest rank) of recency in days, frequency in documents and
// monetary value in minor units — the same figures the profile scores a customer by
// (store/clienteling.ts: a document is a sale, or the lines of one HQ document_no that is not an echo
// of this till's own receipt). A purchase of a profile HQ merged counts as its survivor's; an erased
// customer is no one's. HQ's boundaries, once stored, are never overwritten.
//
// Up to SAMPLE customers every one is read. Beyond that, every k-th customer id is (a systematic
// sample of about SAMPLE ids across the join order): the quintiles of 100 000 customers lie within a
// fraction of a percent of rank of the whole population's, and the work no longer grows with the
// store — about a second at 2 million customers and 5 million documents, where reading every line
// of the history takes ten times as long (bench/customer-lookup.ts measures both).
import type { Boundaries, RfmBoundaries } from '../domain/rfm';
import type { Db } from './db';

const DAY_MS = 86_400_000;
const QUINTILES = [0.2, 0.4, 0.6, 0.8] as const;
/** Customers read at most; a store with fewer is counted exactly. */
const SAMPLE = 100_000;
/** A chain of merges longer than this is a loop in HQ's data (as in store/customers.ts). */
const MAX_MERGE_HOPS = 16;

interface Totals {
  documents: number;
  revenue: number | null;
  /** ISO-8601, or null without purchases. */
  lastAt: string | null;
}

/** The value at rank ⌈p·n⌉ of the ascending values. */
const nearestRank = (sorted: Float64Array, p: number): number =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;

function quintiles(values: Float64Array): Boundaries {
  const sorted = values.sort();
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = QUINTILES.map((p) => nearestRank(sorted, p));
  return [b1, b2, b3, b4];
}

export function createRfmBoundaries(db: Db, options: { sample?: number } = {}) {
  const sample = options.sample ?? SAMPLE;
  const maxId = db.prepare<[], number | null>('SELECT max(id) FROM customers').pluck();
  // Merged and erased profiles are rare: one scan of the customers table finds them all.
  const tombstones = db.prepare<[], { id: number; mergedInto: number | null; erased: number }>(
    `SELECT id, merged_into AS mergedInto, erased_at IS NOT NULL AS erased FROM customers
     WHERE merged_into IS NOT NULL OR erased_at IS NOT NULL`,
  );
  const sales = db.prepare<[number], Totals>(
    `SELECT count(*) AS documents, sum(total_minor) AS revenue, max(created_at) AS lastAt
     FROM sales WHERE customer_id = ? AND status = 'completed'`,
  );
  const history = db.prepare<[number], Totals>(
    `SELECT count(DISTINCT document_no) AS documents, sum(total_minor) AS revenue, max(purchased_at) AS lastAt
     FROM purchase_history h
     WHERE customer_id = ? AND NOT EXISTS (SELECT 1 FROM sales WHERE receipt_no = h.document_no)`,
  );
  const store = db.prepare<[string, number, number, number, number, string]>(
    `INSERT INTO rfm_boundaries (metric, b1, b2, b3, b4, source, computed_at) VALUES (?, ?, ?, ?, ?, 'local', ?)
     ON CONFLICT (metric) DO UPDATE SET b1 = excluded.b1, b2 = excluded.b2, b3 = excluded.b3,
       b4 = excluded.b4, computed_at = excluded.computed_at
     WHERE rfm_boundaries.source = 'local'`,
  );

  /** Each survivor's merged profiles, and the ids that count on their own for no one (erased, merged). */
  function profiles(): { mergedFrom: Map<number, number[]>; skip: Set<number> } {
    const rows = tombstones.all();
    const mergedInto = new Map(rows.map((row) => [row.id, row.mergedInto]));
    const erased = new Set(rows.filter((row) => row.erased === 1).map((row) => row.id));
    const mergedFrom = new Map<number, number[]>();
    for (const row of rows) {
      let survivor = row.id;
      for (let hops = 0; hops < MAX_MERGE_HOPS; hops++) {
        const next = mergedInto.get(survivor);
        if (next === null || next === undefined) break;
        survivor = next;
      }
      if (survivor === row.id || erased.has(row.id) || erased.has(survivor)) continue;
      mergedFrom.set(survivor, [...(mergedFrom.get(survivor) ?? []), row.id]);
    }
    return { mergedFrom, skip: new Set(rows.map((row) => row.id)) };
  }

  /**
   * Computes the boundaries as of `now` and stores them with source 'local', unless HQ's are stored.
   * Returns them, or null when no customer has bought anything yet (nothing is written then).
   */
  function compute(now: Date): RfmBoundaries | null {
    const last = maxId.get() ?? 0;
    const step = Math.max(1, Math.ceil(last / sample));
    const { mergedFrom, skip } = profiles();
    const time = now.getTime();
    const recency: number[] = [];
    const frequency: number[] = [];
    const monetary: number[] = [];
    for (let id = 1; id <= last; id += step) {
      if (skip.has(id)) continue;
      let documents = 0;
      let revenue = 0;
      let lastAt = '';
      for (const profileId of [id, ...(mergedFrom.get(id) ?? [])]) {
        for (const totals of [sales.get(profileId), history.get(profileId)]) {
          if (!totals || totals.documents === 0) continue;
          documents += totals.documents;
          revenue += totals.revenue ?? 0;
          if ((totals.lastAt ?? '') > lastAt) lastAt = totals.lastAt ?? '';
        }
      }
      if (documents === 0) continue;
      recency.push(Math.max(0, Math.floor((time - Date.parse(lastAt)) / DAY_MS)));
      frequency.push(documents);
      monetary.push(revenue);
    }
    if (frequency.length === 0) return null;
    const boundaries: RfmBoundaries = {
      recency: quintiles(Float64Array.from(recency)),
      frequency: quintiles(Float64Array.from(frequency)),
      monetary: quintiles(Float64Array.from(monetary)),
    };
    db.transaction(() => {
      for (const metric of ['recency', 'frequency', 'monetary'] as const) {
        store.run(metric, ...boundaries[metric], now.toISOString());
      }
    })();
    return boundaries;
  }

  return { compute };
}

/** createRfmBoundaries(db).compute(now), for a one-off run (the seed, a nightly job). */
export function computeRfmBoundaries(db: Db, now: Date): RfmBoundaries | null {
  return createRfmBoundaries(db).compute(now);
}
