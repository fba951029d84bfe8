// The duplicate-merge job (identity resolution, FIELD.md): living profiles — not merged, not erased —
// that share a match key (a phone's E.164 digits, an e-mail's mailbox: migration 004) are one person,
// transitively (A and B share a phone, B and C an e-mail: one group). Each group gets a survivor by
// the rules of `bySurvivorship` and the others are merged into it (merge.ts builds the golden record).
//
// Safe to run at any time, on any node, any number of times:
//  - a key shared by more profiles than a person has (`maxProfilesPerKey`: a placeholder typed at a
//    till, "+70000000000") links nothing, and a group larger than `maxGroupSize` is not merged: both
//    are reported for a person to look at;
//  - groups are found outside any transaction, then merged in bounded transactions of about
//    `batchProfiles` profiles each; a batch locks its profiles first (merge.ts, in id order) and finds
//    its groups again from what it locked, so an edit, an erasure or a merge that committed in between
//    is respected — an erased profile is never merged, nor anything through it;
//  - once merged, a group is one living profile: a second run finds nothing and writes nothing;
//  - `runDedupeExclusive` takes a PostgreSQL advisory lock, so one node runs it at a time.
import type { HqLogger } from '../log';
import { inTransaction } from '../db/pool';
import type { Pool, Tx } from '../db/pool';
import { lockProfiles, mergeProfiles } from './merge';
import type { MergePlan } from './merge';

export interface DedupeOptions {
  /** Only the groups these profiles belong to; every group when absent. */
  customerIds?: readonly number[];
  /** Find and report the groups, merge nothing. */
  dryRun?: boolean;
  batchProfiles?: number;
  maxProfilesPerKey?: number;
  maxGroupSize?: number;
  log?: Pick<HqLogger, 'info' | 'warn'>;
}

export interface DedupeGroup {
  survivorId: number;
  /** In survivorship order. */
  mergedIds: number[];
}

export interface DedupeReport {
  dryRun: boolean;
  groups: DedupeGroup[];
  /** Each merged profile's id → its survivor's. */
  merged: Record<string, number>;
  /** Keys shared by more than `maxProfilesPerKey` living profiles: they link nothing. */
  crowdedKeys: { kind: 'phone' | 'email'; profiles: number; sampleIds: number[] }[];
  /** Groups of more than `maxGroupSize` profiles: not merged. */
  oversizedGroups: number[][];
  ms: number;
}

/** What the survivor is chosen by. */
export interface SurvivorFacts {
  id: number;
  hasCard: boolean;
  /** Store receipts and online orders of the profile and of those merged into it before. */
  purchases: number;
  revenueMinor: number;
  createdAt: string;
}

/**
 * Survivorship, best first: a loyalty card holder (the profile the customer shows at the till), then
 * more purchases, then more revenue, then the oldest profile, then the lowest id (HQ's first).
 */
export function bySurvivorship(a: SurvivorFacts, b: SurvivorFacts): number {
  if (a.hasCard !== b.hasCard) return a.hasCard ? -1 : 1;
  if (a.purchases !== b.purchases) return b.purchases - a.purchases;
  if (a.revenueMinor !== b.revenueMinor) return b.revenueMinor - a.revenueMinor;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id - b.id;
}

const DEFAULTS = { batchProfiles: 500, maxProfilesPerKey: 10, maxGroupSize: 50 };
const SAMPLE_IDS = 10;
const MAX_SCOPE_ROUNDS = 16;
/** Deadlocks PostgreSQL broke (with a push locking customers in another order): the batch is retried. */
const BATCH_ATTEMPTS = 3;
const RETRYABLE = new Set(['40P01', '40001']);

type KeyKind = 'phone' | 'email';
const KEY_COLUMN: Record<KeyKind, string> = { phone: 'phone_key', email: 'email_key' };

/** Profiles linked by one key, as `p:+79001234567` / `e:olga@gmail.com` (kept in memory, never logged). */
interface Link {
  key: string;
  ids: number[];
}

interface KeyGroups {
  links: Link[];
  crowded: DedupeReport['crowdedKeys'];
}

/** Keys two or more living profiles share; `only` restricts to those keys (a scoped run). */
async function sharedKeys(
  pool: Pool,
  kind: KeyKind,
  maxProfilesPerKey: number,
  only: readonly string[] | null,
): Promise<KeyGroups> {
  const key = KEY_COLUMN[kind];
  if (only?.length === 0) return { links: [], crowded: [] };
  // The conditions are those of the partial index on the key (migration 004): counting reads only the
  // index, and the profiles of the few shared keys are fetched afterwards (1 s per key kind on a
  // million profiles, where aggregating every profile's id took twice as long).
  const { rows } = await pool.query<{ key: string; n: number; ids: number[] }>(
    `WITH shared AS MATERIALIZED (
       SELECT ${key} AS key, count(*)::int AS n FROM customers
       WHERE ${key} IS NOT NULL AND merged_into IS NULL AND erased_at IS NULL
         ${only ? `AND ${key} = ANY($2::text[])` : ''}
       GROUP BY ${key} HAVING count(*) > 1)
     SELECT s.key, s.n,
       ARRAY(SELECT c.id FROM customers c WHERE c.${key} = s.key AND c.merged_into IS NULL AND c.erased_at IS NULL
             ORDER BY c.id LIMIT greatest($1::int, ${SAMPLE_IDS})) AS ids
     FROM shared s`,
    only ? [maxProfilesPerKey, only] : [maxProfilesPerKey],
  );
  const prefix = kind === 'phone' ? 'p:' : 'e:';
  const result: KeyGroups = { links: [], crowded: [] };
  for (const row of rows) {
    // pg reads a bigint[] as strings (only the scalar int8 parser is set, in db/pool.ts).
    row.ids = row.ids.map(Number);
    if (row.n > maxProfilesPerKey) {
      result.crowded.push({ kind, profiles: row.n, sampleIds: row.ids.slice(0, SAMPLE_IDS) });
    } else {
      result.links.push({ key: prefix + row.key, ids: row.ids });
    }
  }
  return result;
}

/** Every shared key, or those reachable from `customerIds` key by key. */
async function findLinks(pool: Pool, customerIds: readonly number[] | undefined, maxProfilesPerKey: number) {
  if (customerIds === undefined) {
    const phones = await sharedKeys(pool, 'phone', maxProfilesPerKey, null);
    const emails = await sharedKeys(pool, 'email', maxProfilesPerKey, null);
    return { links: [...phones.links, ...emails.links], crowded: [...phones.crowded, ...emails.crowded] };
  }
  const links = new Map<string, Link>();
  const crowded: KeyGroups['crowded'] = [];
  const seenIds = new Set<number>();
  const seenKeys = new Set<string>();
  let frontier = [...new Set(customerIds)];
  for (let round = 0; round < MAX_SCOPE_ROUNDS && frontier.length > 0; round++) {
    for (const id of frontier) seenIds.add(id);
    const { rows } = await pool.query<{ phone: string | null; email: string | null }>(
      `SELECT phone_key AS phone, email_key AS email FROM customers
       WHERE id = ANY($1::bigint[]) AND merged_into IS NULL AND erased_at IS NULL`,
      [frontier],
    );
    const fresh = (kind: KeyKind) =>
      [...new Set(rows.flatMap((row) => row[kind] ?? []))].filter((key) => !seenKeys.has(`${kind}:${key}`));
    const phones = fresh('phone');
    const emails = fresh('email');
    for (const key of phones) seenKeys.add(`phone:${key}`);
    for (const key of emails) seenKeys.add(`email:${key}`);
    const found = [
      await sharedKeys(pool, 'phone', maxProfilesPerKey, phones),
      await sharedKeys(pool, 'email', maxProfilesPerKey, emails),
    ];
    for (const groups of found) {
      crowded.push(...groups.crowded);
      for (const link of groups.links) links.set(link.key, link);
    }
    frontier = [...new Set(found.flatMap((groups) => groups.links.flatMap((link) => link.ids)))].filter(
      (id) => !seenIds.has(id),
    );
  }
  return { links: [...links.values()], crowded };
}

/** Connected components of profiles linked by shared keys, each sorted, of two or more. */
export function connect(links: readonly (readonly number[])[]): number[][] {
  const parent = new Map<number, number>();
  const root = (id: number): number => {
    let current = id;
    while (parent.get(current) !== current) current = parent.get(current) ?? current;
    // Path compression: later look-ups of the same chain take one step.
    let next = id;
    while (next !== current) {
      const up = parent.get(next) ?? current;
      parent.set(next, current);
      next = up;
    }
    return current;
  };
  for (const ids of links) {
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    const [first, ...rest] = ids;
    if (first === undefined) continue;
    for (const id of rest) {
      const a = root(first);
      const b = root(id);
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
    }
  }
  const groups = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const top = root(id);
    const group = groups.get(top);
    if (group) group.push(id);
    else groups.set(top, [id]);
  }
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => group.sort((a, b) => a - b))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

interface LockedProfile extends SurvivorFacts {
  phoneKey: string | null;
  emailKey: string | null;
}

/** The batch's groups as they are now that their rows are locked, with a survivor each. */
async function planLocked(tx: Tx, ids: readonly number[], keys: ReadonlySet<string>): Promise<MergePlan[]> {
  await lockProfiles(tx, ids);
  const { rows } = await tx.query<LockedProfile>(
    `SELECT c.id, c.phone_key AS "phoneKey", c.email_key AS "emailKey",
       hq_iso(c.created_at) AS "createdAt",
       EXISTS (SELECT 1 FROM customer_cards k WHERE k.customer_id = c.id) AS "hasCard",
       p.purchases, p.revenue AS "revenueMinor"
     FROM customers c
     CROSS JOIN LATERAL (SELECT ARRAY[c.id] || ARRAY(SELECT t.id FROM customers t WHERE t.merged_into = c.id) AS ids) person
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS purchases, coalesce(sum(total), 0)::bigint AS revenue FROM (
         SELECT s.total_minor AS total FROM sales s WHERE s.customer_id = ANY(person.ids)
         UNION ALL SELECT o.total_minor FROM online_orders o WHERE o.customer_id = ANY(person.ids)) d
     ) p
     WHERE c.id = ANY($1::bigint[]) AND c.merged_into IS NULL AND c.erased_at IS NULL`,
    [ids],
  );
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    for (const key of [row.phoneKey && `p:${row.phoneKey}`, row.emailKey && `e:${row.emailKey}`]) {
      if (!key || !keys.has(key)) continue;
      const linked = byKey.get(key);
      if (linked) linked.push(row.id);
      else byKey.set(key, [row.id]);
    }
  }
  const facts = new Map(rows.map((row) => [row.id, row]));
  return connect([...byKey.values()]).map((group) => {
    const [survivor, ...duplicates] = group
      .flatMap((id) => facts.get(id) ?? [])
      .sort(bySurvivorship)
      .map((row) => row.id);
    if (survivor === undefined) throw new Error('a group without profiles');
    return { survivorId: survivor, duplicateIds: duplicates };
  });
}

async function mergeBatch(
  pool: Pool,
  ids: readonly number[],
  keys: ReadonlySet<string>,
  dryRun: boolean,
): Promise<MergePlan[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (tx) => {
        const plans = await planLocked(tx, ids, keys);
        if (!dryRun) await mergeProfiles(tx, plans);
        return plans;
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= BATCH_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw error;
    }
  }
}

/** Finds the groups and merges them, batch by batch. Without the advisory lock: see `runDedupeExclusive`. */
export async function dedupeCustomers(pool: Pool, options: DedupeOptions = {}): Promise<DedupeReport> {
  const started = performance.now();
  const { batchProfiles, maxProfilesPerKey, maxGroupSize } = { ...DEFAULTS, ...options };
  const dryRun = options.dryRun ?? false;
  const { links, crowded } = await findLinks(pool, options.customerIds, maxProfilesPerKey);
  const keys = new Set(links.map((link) => link.key));
  const groups = connect(links.map((link) => link.ids));
  const report: DedupeReport = {
    dryRun,
    groups: [],
    merged: {},
    crowdedKeys: crowded,
    oversizedGroups: [],
    ms: 0,
  };
  const batches: number[][] = [];
  let batch: number[] = [];
  for (const group of groups) {
    if (group.length > maxGroupSize) {
      report.oversizedGroups.push(group);
      continue;
    }
    if (batch.length > 0 && batch.length + group.length > batchProfiles) {
      batches.push(batch);
      batch = [];
    }
    batch.push(...group);
  }
  if (batch.length > 0) batches.push(batch);

  for (const ids of batches) {
    const plans = await mergeBatch(pool, ids, keys, dryRun);
    for (const plan of plans) {
      report.groups.push({ survivorId: plan.survivorId, mergedIds: [...plan.duplicateIds] });
      for (const id of plan.duplicateIds) report.merged[String(id)] = plan.survivorId;
      if (!dryRun)
        options.log?.info({ survivorId: plan.survivorId, mergedIds: plan.duplicateIds }, 'customer.merged');
    }
  }
  report.ms = Math.round(performance.now() - started);
  options.log?.info(
    {
      dryRun,
      groups: report.groups.length,
      merged: Object.keys(report.merged).length,
      crowdedKeys: report.crowdedKeys.length,
      oversizedGroups: report.oversizedGroups.length,
      ms: report.ms,
    },
    'customers.deduped',
  );
  if (report.crowdedKeys.length > 0 || report.oversizedGroups.length > 0) {
    options.log?.warn(
      { crowdedKeys: report.crowdedKeys, oversizedGroups: report.oversizedGroups },
      'customers.dedupe_needs_review',
    );
  }
  return report;
}

/** Any constant shared by every HQ node. */
export const DEDUPE_LOCK = 0x44_45_44_55;

export type ExclusiveDedupe = { ran: true; report: DedupeReport } | { ran: false };

/**
 * The job under a transaction-scoped advisory lock, held by a transaction of its own on one connection
 * while the batches commit on others (so it works behind PgBouncer in transaction mode too): one node
 * runs it at a time. `wait`: queue behind a run in progress (an administrator asked); otherwise leave
 * it to the node that has it (the schedule).
 */
export async function runDedupeExclusive(
  pool: Pool,
  options: DedupeOptions & { wait: boolean },
): Promise<ExclusiveDedupe> {
  if (pool.options.max < 2) throw new Error('merging duplicates needs HQ_DB_POOL_SIZE of 2 or more');
  const holder = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  holder.on('error', onError);
  try {
    await holder.query('BEGIN');
    if (options.wait) {
      await holder.query('SELECT pg_advisory_xact_lock($1)', [DEDUPE_LOCK]);
    } else {
      const { rows } = await holder.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [DEDUPE_LOCK],
      );
      if (!rows[0]?.locked) return { ran: false };
    }
    return { ran: true, report: await dedupeCustomers(pool, options) };
  } finally {
    // Nothing was written on this connection: ending its transaction only lets the lock go.
    await holder.query('ROLLBACK').catch(() => {});
    holder.off('error', onError);
    holder.release(lost);
  }
}

export interface DedupeSchedule {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Runs the job every `everyMs` on this node, when no other node is running it. */
export function scheduleDedupe(pool: Pool, log: HqLogger, everyMs: number): DedupeSchedule {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runDedupeExclusive(pool, { wait: false, log })
      .then((outcome) => {
        if (!outcome.ran) log.debug('customers.dedupe_running_elsewhere');
      })
      .catch((error: Error & { code?: string }) =>
        log.error({ err: { message: error.message, code: error.code } }, 'customers.dedupe_failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Of `ids`, those HQ has no profile for. */
export async function unknownCustomers(pool: Pool, ids: readonly number[]): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM unnest($1::bigint[]) AS asked(id) WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = asked.id)`,
    [ids],
  );
  return rows.map((row) => row.id);
}
