// POST /v1/push: a terminal's outbox rows, applied in seq order in one transaction, each id exactly
// once (Replicache's lastMutationID, FIELD.md). Everything that can be refused is checked before
// the transaction opens, so a refused batch changes nothing.
import type { z } from 'zod';
import { fastSafeParse } from '../../contract/compiled-parse';
import { PushRequest, outboxPayloads } from '../../contract/sync';
import type {
  HqErrorCode,
  MutationResult,
  OutboxKind,
  PushAck,
  PushConflict,
  PushResponse,
  ReviewFlagCode,
} from '../../contract/sync';
import type { AuthenticatedTerminal } from '../auth';
import { arrayOf } from '../db/binary-array';
import { TableWrites, inTransaction, prepared } from '../db/pool';
import type { CellValue, Pool, Tx } from '../db/pool';
import type { ApplyContext } from './context';
import { applyCustomerBag, applyCustomerEnrolled, applyCustomerNote, applyCustomerTag } from './customers';
import { applyCustomerUpdated } from './customer-updated';
import { applyReturn } from './returns';
import { applySales } from './sales';
import type { SaleToApply } from './sales';

type Payloads = { [K in OutboxKind]: z.infer<(typeof outboxPayloads)[K]> };
type Parsed = { [K in OutboxKind]: { id: string; seq: number; kind: K; payload: Payloads[K] } }[OutboxKind];
type MutationHead = Pick<Parsed, 'id' | 'seq' | 'kind'>;

/**
 * A push that passed every check, applied once: applying it takes `mutations` out, and lets the
 * payloads go as soon as the last of their rows are encoded. A push of 200 sales parses to about
 * 1 MB of objects, which the young-generation collections during the write and the commit would
 * otherwise copy. Nothing after that reads a payload; a push to apply again is checked again.
 */
interface CheckedPush {
  hqEpoch: string;
  heads: MutationHead[];
  mutations: Parsed[];
}

export type PushOutcome =
  | { status: 200; body: PushResponse; summary: PushSummary }
  | { status: 409; body: PushConflict }
  | { status: 400 | 403; body: { error: HqErrorCode; message: string } & Record<string, unknown> };

export interface PushSummary {
  firstSeq: number;
  lastSeq: number;
  applied: number;
  replayed: number;
  flags: number;
}

// A push carries hundreds of payloads: parsed by compiled schemas, with zod's verdict and messages.
const parsePushRequest = fastSafeParse(PushRequest);
const parsePayload = Object.fromEntries(
  Object.entries(outboxPayloads).map(([kind, schema]) => [kind, fastSafeParse(schema)]),
) as { [K in OutboxKind]: (input: unknown) => z.ZodSafeParseResult<Payloads[K]> };

const issuesOf = (error: z.ZodError) =>
  error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/** The store a payload speaks for, when it names one: it must be the terminal's own. */
function storeCodeOf(mutation: Parsed): string | null {
  switch (mutation.kind) {
    case 'sale.completed':
    case 'return.completed':
      return mutation.payload.receipt.store.code;
    case 'customer.enrolled':
    case 'customer.note':
    case 'customer.updated':
      return mutation.payload.storeCode;
    case 'customer.bag':
    case 'customer.tag':
      return null;
  }
}

function check(terminal: AuthenticatedTerminal, body: unknown): PushOutcome | CheckedPush {
  const request = parsePushRequest(body);
  if (!request.success) {
    return {
      status: 400,
      body: {
        error: 'BAD_REQUEST',
        message: 'The push request is malformed',
        issues: issuesOf(request.error),
      },
    };
  }
  const { terminalId, hqEpoch, mutations } = request.data;
  if (terminalId !== terminal.id) {
    return {
      status: 403,
      body: { error: 'FORBIDDEN', message: 'A terminal pushes its own outbox only' },
    };
  }
  const first = mutations[0]?.seq ?? 0;
  if (mutations.some((mutation, index) => mutation.seq !== first + index)) {
    return {
      status: 400,
      body: { error: 'BAD_REQUEST', message: 'Mutations must have consecutive seqs, oldest first' },
    };
  }
  if (new Set(mutations.map((mutation) => mutation.id)).size !== mutations.length) {
    return {
      status: 400,
      body: { error: 'BAD_REQUEST', message: 'A mutation id appears twice in the batch' },
    };
  }
  const parsed: Parsed[] = [];
  for (const mutation of mutations) {
    const payload = parsePayload[mutation.kind](mutation.payload);
    if (!payload.success) {
      return {
        status: 400,
        body: {
          error: 'PAYLOAD_INVALID',
          message: `The payload of ${mutation.kind} seq ${mutation.seq} does not match its schema`,
          mutationId: mutation.id,
          seq: mutation.seq,
          issues: issuesOf(payload.error),
        },
      };
    }
    const entry = {
      id: mutation.id,
      seq: mutation.seq,
      kind: mutation.kind,
      payload: payload.data,
    } as Parsed;
    const storeCode = storeCodeOf(entry);
    if (storeCode !== null && storeCode !== terminal.storeCode) {
      return {
        status: 403,
        body: {
          error: 'CROSS_STORE',
          message: `Seq ${mutation.seq} is for store ${storeCode}; this terminal belongs to store ${terminal.storeCode}`,
          mutationId: mutation.id,
          seq: mutation.seq,
        },
      };
    }
    parsed.push(entry);
  }
  return {
    hqEpoch,
    heads: parsed.map(({ id, seq, kind }) => ({ id, seq, kind })),
    mutations: parsed,
  };
}

/**
 * Applies one mutation other than a sale (sales go in runs, hq/push/sales.ts); answers the customer
 * id HQ gave a profile enrolled at the till.
 */
async function apply(
  ctx: ApplyContext,
  mutation: Exclude<Parsed, { kind: 'sale.completed' }>,
): Promise<number | undefined> {
  switch (mutation.kind) {
    case 'return.completed':
      await applyReturn(ctx, mutation.payload);
      return undefined;
    case 'customer.enrolled':
      return applyCustomerEnrolled(ctx, mutation.payload);
    case 'customer.bag':
      await applyCustomerBag(ctx, mutation.payload);
      return undefined;
    case 'customer.note':
      await applyCustomerNote(ctx, mutation.payload);
      return undefined;
    case 'customer.tag':
      await applyCustomerTag(ctx, mutation.payload);
      return undefined;
    case 'customer.updated':
      await applyCustomerUpdated(ctx, mutation.payload);
      return undefined;
  }
}

export async function pushBatch(
  pool: Pool,
  terminal: AuthenticatedTerminal,
  body: unknown,
): Promise<PushOutcome> {
  const checked = check(terminal, body);
  if ('status' in checked) return checked;
  return inTransaction(pool, (tx) => applyBatch(tx, terminal, checked), { genericPlans: true });
}

// The terminal's row locked FOR UPDATE, and the results of the push's ids applied before. The lock
// serialises pushes of one terminal (a retry racing its own first attempt). The results are read in
// the statement's snapshot, taken before the lock was granted: `seenVersion` is the row version in
// that snapshot, `lockedVersion` the one locked, and since every push updates the row, when they
// differ a push of this terminal committed while this one waited, and the results are read again.
// (last_seq alone would not tell: a restored till's push of new ids at old seqs leaves it as it is.)
// One statement instead of two: a round trip of every push, a tenth of PostgreSQL's work for a push
// of one sale.
const LOCK_TERMINAL = `
SELECT t.last_seq AS "lastSeq",
  t.xmin::text AS "lockedVersion",
  (SELECT xmin::text FROM terminals WHERE id = $1) AS "seenVersion",
  (SELECT value FROM hq_meta WHERE key = 'epoch') AS epoch,
  (SELECT json_agg(json_build_object('id', a.id, 'result', a.result))
   FROM applied_mutations a WHERE a.id = ANY($2::uuid[])) AS stored
FROM terminals t WHERE t.id = $1 FOR UPDATE`;

interface LockedTerminal {
  lastSeq: number;
  lockedVersion: string;
  seenVersion: string;
  epoch: string;
  stored: { id: string; result: MutationResult }[] | null;
}

async function applyBatch(tx: Tx, terminal: AuthenticatedTerminal, push: CheckedPush): Promise<PushOutcome> {
  const { hqEpoch, heads } = push;
  const ids = arrayOf(
    'uuid',
    heads.map((head) => head.id),
  );
  const { rows } = await tx.query<LockedTerminal>(prepared(LOCK_TERMINAL, [terminal.id, ids]));
  const state = rows[0];
  if (!state) throw new Error(`terminal ${terminal.id} vanished after authentication`);
  const expectedSeq = state.lastSeq + 1;
  if (hqEpoch !== state.epoch) {
    return {
      status: 409,
      body: {
        error: 'EPOCH_MISMATCH',
        message: 'HQ was restored from a backup: push again from expectedSeq with this epoch',
        hqEpoch: state.epoch,
        expectedSeq,
      },
    };
  }
  const firstSeq = heads[0]?.seq ?? expectedSeq;
  if (firstSeq > expectedSeq) {
    return {
      status: 409,
      body: {
        error: 'SEQ_GAP',
        message: `Seq ${firstSeq} follows a gap: push from ${expectedSeq}`,
        expectedSeq,
      },
    };
  }

  const stored =
    state.lockedVersion === state.seenVersion
      ? (state.stored ?? [])
      : (
          await tx.query<{ id: string; result: MutationResult }>(
            prepared('SELECT id, result FROM applied_mutations WHERE id = ANY($1::uuid[])', [ids]),
          )
        ).rows;
  const results = new Map(stored.map((row) => [row.id, row.result]));
  const flagRows: CellValue[][] = [];
  const fresh: { head: MutationHead; ctx: ApplyContext; flags: ReviewFlagCode[]; customerId?: number }[] = [];
  for (const head of heads) {
    if (results.has(head.id)) continue;
    const flags: ReviewFlagCode[] = [];
    const ctx: ApplyContext = {
      tx,
      terminal,
      mutation: head,
      flag(code, detail = {}) {
        flags.push(code);
        flagRows.push([code, head.id, head.kind, terminal.storeId, terminal.id, JSON.stringify(detail)]);
      },
    };
    // A new id at a seq HQ already applied: the till's database went back in time (restored).
    // What it sends is still new and real, so it is applied, and someone should know.
    if (head.seq <= state.lastSeq) {
      ctx.flag('terminal.seq_reused', { seq: head.seq, lastSeq: state.lastSeq });
    }
    fresh.push({ head, ctx, flags });
  }
  const writes = await applyMutations(tx, terminal, push, fresh);

  const applied = new Map(
    fresh.map(({ head, flags, customerId }) => {
      const result: MutationResult = customerId === undefined ? { flags } : { flags, customerId };
      return [head.id, result];
    }),
  );
  const acks: PushAck[] = heads.map((head) => {
    const known = results.get(head.id);
    return {
      id: head.id,
      seq: head.seq,
      replayed: known !== undefined,
      result: known ?? applied.get(head.id) ?? { flags: [] },
    };
  });
  const appliedRows = fresh.map(({ head }) => [
    head.id,
    terminal.id,
    head.seq,
    head.kind,
    JSON.stringify(applied.get(head.id)),
  ]);
  const lastSeq = Math.max(state.lastSeq, heads.at(-1)?.seq ?? 0);
  writes
    .insert(
      'applied_mutations',
      ['id uuid', 'terminal_id uuid', 'seq bigint', 'kind text', 'result json'],
      appliedRows,
    )
    .insert(
      'review_flags',
      ['code text', 'mutation_id uuid', 'kind text', 'store_id bigint', 'terminal_id uuid', 'detail jsonb'],
      flagRows,
    );
  await writes.run(
    tx,
    `UPDATE terminals SET last_seq = ${writes.param(lastSeq)}, last_push_at = now()
     WHERE id = ${writes.param(terminal.id)}`,
  );
  return {
    status: 200,
    body: { lastSeq, acks },
    summary: {
      firstSeq,
      lastSeq: heads.at(-1)?.seq ?? firstSeq,
      applied: appliedRows.length,
      replayed: acks.length - appliedRows.length,
      flags: flagRows.length,
    },
  };
}

/**
 * Applies the push's new mutations in seq order, taking their payloads out of `push` and letting go
 * of them once the last run of sales is encoded; answers the writes still to run. Consecutive sales
 * go in together, and their rows are written with the next mutation's or, for the last run, with
 * the push's own bookkeeping (the writes answered).
 */
async function applyMutations(
  tx: Tx,
  terminal: AuthenticatedTerminal,
  push: CheckedPush,
  fresh: { head: MutationHead; ctx: ApplyContext; customerId?: number }[],
): Promise<TableWrites> {
  const payloads = new Map(push.mutations.map((mutation) => [mutation.id, mutation]));
  push.mutations = [];
  let run: SaleToApply[] = [];
  let writes = new TableWrites();
  for (const item of fresh) {
    const mutation = payloads.get(item.head.id);
    if (!mutation) throw new Error(`mutation ${item.head.id} has no payload`);
    if (mutation.kind === 'sale.completed') {
      run.push({ ctx: item.ctx, sale: mutation.payload });
      continue;
    }
    // What the mutation reads (a return its sale) must be in the database before it is applied.
    await applySales(tx, terminal, run, writes);
    await writes.run(tx);
    run = [];
    writes = new TableWrites();
    item.customerId = await apply(item.ctx, mutation);
  }
  payloads.clear();
  await applySales(tx, terminal, run, writes);
  return writes;
}
