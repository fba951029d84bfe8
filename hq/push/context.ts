// What applying a mutation works with: the transaction, who sent it, and the review flags it raises.
import type { OutboxKind, ReviewFlagCode } from '../../contract/sync';
import type { AuthenticatedTerminal } from '../auth';
import type { Tx } from '../db/pool';

export interface ApplyContext {
  tx: Tx;
  terminal: AuthenticatedTerminal;
  mutation: { id: string; seq: number; kind: OutboxKind };
  /** Books an inconsistency for review; the mutation takes effect all the same. */
  flag(code: ReviewFlagCode, detail?: Record<string, unknown>): void;
}

const MAX_MERGE_HOPS = 10;

/**
 * HQ's ids of the customers a till names: a profile this terminal enrolled (its own id, mapped when
 * the enrolment was applied — the outbox order puts the enrolment first), else a chain profile the
 * till received from HQ; merged profiles are followed to the survivor. Missing: HQ knows neither.
 */
export async function resolveCustomers(
  tx: Tx,
  terminalId: string,
  tillCustomerIds: readonly number[],
): Promise<Map<number, number>> {
  const resolved = new Map<number, number>();
  if (tillCustomerIds.length === 0) return resolved;
  const { rows: mapped } = await tx.query<{ tillId: number; customerId: number }>(
    `SELECT till_customer_id AS "tillId", customer_id AS "customerId" FROM terminal_customers
     WHERE terminal_id = $1 AND till_customer_id = ANY($2::bigint[])`,
    [terminalId, [...new Set(tillCustomerIds)]],
  );
  const candidate = new Map(tillCustomerIds.map((id) => [id, id]));
  for (const row of mapped) candidate.set(row.tillId, row.customerId);
  let pending = new Map(candidate);
  for (let hop = 0; hop < MAX_MERGE_HOPS && pending.size > 0; hop += 1) {
    const { rows } = await tx.query<{ id: number; mergedInto: number | null }>(
      'SELECT id, merged_into AS "mergedInto" FROM customers WHERE id = ANY($1::bigint[])',
      [[...new Set(pending.values())]],
    );
    const found = new Map(rows.map((row) => [row.id, row.mergedInto]));
    const next = new Map<number, number>();
    for (const [tillId, id] of pending) {
      const mergedInto = found.get(id);
      if (mergedInto === undefined) continue;
      if (mergedInto === null) resolved.set(tillId, id);
      else next.set(tillId, mergedInto);
    }
    pending = next;
  }
  return resolved;
}

/** One customer, flagged on the mutation when HQ does not know them. */
export async function resolveCustomer(ctx: ApplyContext, tillCustomerId: number): Promise<number | null> {
  const id = (await resolveCustomers(ctx.tx, ctx.terminal.id, [tillCustomerId])).get(tillCustomerId) ?? null;
  if (id === null) ctx.flag('customer.unknown', { tillCustomerId });
  return id;
}

/**
 * The profile a customer edit (bag, note, tag) lands on, or null: unknown (flagged), or erased — an
 * edit that was on its way when HQ erased the person is dropped, never revives their data. The row is
 * locked FOR SHARE, which waits for a merge or an erasure of it in progress (hq/customers/merge.ts)
 * and then reads what it committed: an edit never lands on a profile that has just become a tombstone.
 */
export async function resolveLivingCustomer(
  ctx: ApplyContext,
  tillCustomerId: number,
): Promise<number | null> {
  let id = await resolveCustomer(ctx, tillCustomerId);
  for (let hop = 0; id !== null && hop < MAX_MERGE_HOPS; hop += 1) {
    const { rows } = await ctx.tx.query<{ mergedInto: number | null; erased: boolean }>(
      `SELECT merged_into AS "mergedInto", erased_at IS NOT NULL AS erased FROM customers
       WHERE id = $1 FOR SHARE`,
      [id],
    );
    const row = rows[0];
    if (!row || row.erased) return null;
    if (row.mergedInto === null) return id;
    id = row.mergedInto;
  }
  return null;
}

export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
