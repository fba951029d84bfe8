// The exactly-once check of the proofs: what a till committed (its outbox and its own tables) against
// what HQ applied for that terminal. Answers the differences in words — an empty list means HQ has
// every mutation once, at its seq, with sales, returns and customers' facts equal to the minor unit.
import type { Pool } from '../../../hq/db/pool';
import type { Db } from '../../store/db';

interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  payload: string;
  pushedAt: string | null;
}

interface SalePayload {
  saleId: string;
  customerId: number | null;
  receipt: { totalMinor: number; lines: unknown[]; tenders: { amountMinor: number }[] };
}

export interface Reconciliation {
  differences: string[];
  /** What was compared, for the test's log. */
  counts: { mutations: number; sales: number; salesMinor: number; returns: number; returnsMinor: number };
}

const sumOf = (values: number[]) => values.reduce((total, value) => total + value, 0);

function compareSets(what: string, till: Iterable<string>, hq: Iterable<string>, out: string[]) {
  const tillSet = new Set(till);
  const hqSet = new Set(hq);
  const missing = [...tillSet].filter((key) => !hqSet.has(key));
  const extra = [...hqSet].filter((key) => !tillSet.has(key));
  if (missing.length)
    out.push(`${what}: ${missing.length} at the till but not at HQ: ${missing.slice(0, 5).join(', ')}`);
  if (extra.length)
    out.push(`${what}: ${extra.length} at HQ but not at the till: ${extra.slice(0, 5).join(', ')}`);
}

export async function reconcile(hq: Pool, db: Db, terminalId: string): Promise<Reconciliation> {
  const out: string[] = [];
  const outbox = db
    .prepare<[], OutboxRow>('SELECT seq, id, kind, payload, pushed_at AS pushedAt FROM outbox ORDER BY seq')
    .all();
  const waiting = outbox.filter((row) => row.pushedAt === null).length;
  if (waiting > 0) out.push(`outbox: ${waiting} rows not acknowledged by HQ`);
  outbox.forEach((row, index) => {
    if (row.seq !== index + 1)
      out.push(`outbox: seq ${row.seq} at position ${index + 1} (a gap at the till)`);
  });

  // 1. The applied mutations are exactly the committed outbox: same ids, same seqs, same kinds, once.
  const { rows: applied } = await hq.query<{ id: string; seq: number; kind: string }>(
    'SELECT id, seq, kind FROM applied_mutations WHERE terminal_id = $1',
    [terminalId],
  );
  const key = (row: { id: string; seq: number; kind: string }) => `${row.kind}#${row.seq}:${row.id}`;
  compareSets('mutations', outbox.map(key), applied.map(key), out);
  if (new Set(applied.map((row) => row.seq)).size !== applied.length)
    out.push('mutations: a seq applied twice');
  const { rows: terminal } = await hq.query<{ lastSeq: number }>(
    'SELECT last_seq AS "lastSeq" FROM terminals WHERE id = $1',
    [terminalId],
  );
  if (terminal[0]?.lastSeq !== outbox.length) {
    out.push(
      `terminal: HQ's last_seq is ${terminal[0]?.lastSeq}, the till's outbox ends at ${outbox.length}`,
    );
  }

  // 2. Sales: each once, with its total, lines and tenders to the minor unit.
  const sales = outbox
    .filter((row) => row.kind === 'sale.completed')
    .map((row) => JSON.parse(row.payload) as SalePayload);
  const tillSales = db
    .prepare<[], { id: string; total: number }>(
      "SELECT id, total_minor AS total FROM sales WHERE status = 'completed'",
    )
    .all();
  compareSets(
    "sales in the till's own table vs its outbox",
    tillSales.map((sale) => `${sale.id}=${sale.total}`),
    sales.map((sale) => `${sale.saleId}=${sale.receipt.totalMinor}`),
    out,
  );
  const { rows: hqSales } = await hq.query<{ id: string; total: number; lines: number; paid: number }>(
    `SELECT s.id, s.total_minor AS total,
       (SELECT count(*)::int FROM sale_lines l WHERE l.sale_id = s.id) AS lines,
       (SELECT coalesce(sum(p.amount_minor), 0)::bigint FROM payments p WHERE p.sale_id = s.id) AS paid
     FROM sales s WHERE s.terminal_id = $1`,
    [terminalId],
  );
  compareSets(
    'sales (id = total/lines/tendered)',
    sales.map(
      (sale) =>
        `${sale.saleId}=${sale.receipt.totalMinor}/${sale.receipt.lines.length}/${sumOf(sale.receipt.tenders.map((tender) => tender.amountMinor))}`,
    ),
    hqSales.map((sale) => `${sale.id}=${sale.total}/${sale.lines}/${sale.paid}`),
    out,
  );
  const salesMinor = sumOf(sales.map((sale) => sale.receipt.totalMinor));
  const hqSalesMinor = sumOf(hqSales.map((sale) => sale.total));
  if (hqSales.length !== sales.length || hqSalesMinor !== salesMinor) {
    out.push(
      `sales: HQ has ${hqSales.length} for ${hqSalesMinor}, the till ${sales.length} for ${salesMinor}`,
    );
  }

  // 3. Returns, likewise.
  const returns = outbox
    .filter((row) => row.kind === 'return.completed')
    .map((row) => JSON.parse(row.payload) as { returnId: string; receipt: { totalMinor: number } });
  const { rows: hqReturns } = await hq.query<{ id: string; total: number }>(
    'SELECT id, total_minor AS total FROM returns WHERE terminal_id = $1',
    [terminalId],
  );
  compareSets(
    'returns (id = total)',
    returns.map((refund) => `${refund.returnId}=${refund.receipt.totalMinor}`),
    hqReturns.map((refund) => `${refund.id}=${refund.total}`),
    out,
  );
  const returnsMinor = sumOf(returns.map((refund) => refund.receipt.totalMinor));

  // 4. Customers: one chain profile per enrolment; every note once; each tag as the till last set it;
  // sales of a customer enrolled here are on HQ's profile of that customer.
  const { rows: mapped } = await hq.query<{ tillId: number; customerId: number }>(
    `SELECT till_customer_id AS "tillId", customer_id AS "customerId" FROM terminal_customers
     WHERE terminal_id = $1`,
    [terminalId],
  );
  const enrolled = outbox
    .filter((row) => row.kind === 'customer.enrolled')
    .map((row) => (JSON.parse(row.payload) as { customerId: number }).customerId);
  compareSets(
    'enrolled customers (till id)',
    enrolled.map(String),
    mapped.map((row) => String(row.tillId)),
    out,
  );
  const chainId = new Map(mapped.map((row) => [row.tillId, row.customerId]));
  const notes = outbox.filter((row) => row.kind === 'customer.note').map((row) => row.id);
  const { rows: hqNotes } = await hq.query<{ mutationId: string }>(
    'SELECT mutation_id AS "mutationId" FROM customer_notes WHERE mutation_id = ANY($1::uuid[])',
    [notes],
  );
  if (hqNotes.length !== notes.length)
    out.push(`notes: HQ has ${hqNotes.length}, the till wrote ${notes.length}`);
  const tillTags = db
    .prepare<[], { customerId: number; tag: string }>(
      'SELECT customer_id AS customerId, tag FROM customer_tags',
    )
    .all()
    .map((row) => `${chainId.get(row.customerId) ?? `till:${row.customerId}`}/${row.tag}`);
  const { rows: hqTags } = await hq.query<{ customerId: number; tag: string }>(
    `SELECT customer_id AS "customerId", tag FROM customer_tags
     WHERE on_profile AND customer_id = ANY($1::bigint[])`,
    [mapped.map((row) => row.customerId)],
  );
  compareSets(
    'tags on profiles',
    tillTags,
    hqTags.map((row) => `${row.customerId}/${row.tag}`),
    out,
  );
  const { rows: attributed } = await hq.query<{ id: string; customerId: number | null }>(
    'SELECT id, customer_id AS "customerId" FROM sales WHERE terminal_id = $1',
    [terminalId],
  );
  const hqCustomerOf = new Map(attributed.map((row) => [row.id, row.customerId]));
  for (const sale of sales) {
    const expected = sale.customerId === null ? null : (chainId.get(sale.customerId) ?? null);
    if (hqSales.length && hqCustomerOf.has(sale.saleId) && hqCustomerOf.get(sale.saleId) !== expected) {
      out.push(`sale ${sale.saleId}: HQ's customer ${hqCustomerOf.get(sale.saleId)}, expected ${expected}`);
    }
  }

  // 5. Nothing HQ had to flag: no duplicate, no reused seq, no unknown customer or product.
  const { rows: flags } = await hq.query<{ code: string; n: number }>(
    'SELECT code, count(*)::int AS n FROM review_flags WHERE terminal_id = $1 GROUP BY code',
    [terminalId],
  );
  for (const flag of flags) out.push(`review flag ${flag.code} × ${flag.n}`);

  return {
    differences: out,
    counts: {
      mutations: outbox.length,
      sales: sales.length,
      salesMinor,
      returns: returns.length,
      returnsMinor,
    },
  };
}
