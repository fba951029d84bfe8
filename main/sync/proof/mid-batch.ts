// Puts HQ in the middle of applying a till's batch and keeps it there, so a test can crash HQ between
// receiving a push and committing it. A transaction of the test's own takes a lock HQ's push
// transaction will need: when the batch starts with a sale, a payments row with the key of that
// sale's first tender (HQ waits on it after it has written the sale and its lines); otherwise the
// terminal's row (HQ waits at its first statement, the batch received and authenticated).
import type { PoolClient } from 'pg';
import type { Db } from '../../store/db';
import type { ProofHq } from './proof-hq';

export interface MidBatch {
  /** Where HQ will stop: after writing the sale (`payment`), or before anything (`terminal`). */
  at: 'payment' | 'terminal';
  /** True once HQ's push transaction waits on the lock (false when none came within the time). */
  reached(timeoutMs?: number): Promise<boolean>;
  /** Lets go of the lock (rolled back: the test's transaction changes nothing). */
  release(): Promise<void>;
}

interface FirstPending {
  kind: string;
  payload: string;
}

export async function holdMidBatch(hq: ProofHq, tillDb: Db, terminalId: string): Promise<MidBatch> {
  const first = tillDb
    .prepare<[], FirstPending>(
      'SELECT kind, payload FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT 1',
    )
    .get();
  const client: PoolClient = await hq.db.connect();
  // The crash a test causes next may take this connection too.
  client.on('error', () => {});
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]?.pid;
  let at: MidBatch['at'] = 'terminal';
  try {
    await client.query('BEGIN');
    const sale =
      first?.kind === 'sale.completed'
        ? (JSON.parse(first.payload) as {
            saleId: string;
            receipt: { createdAt: string; tenders: { id: string }[] };
          })
        : null;
    const tender = sale?.receipt.tenders[0];
    // Nothing inserted when HQ has the sale already (its ack was lost): HQ will not write it again.
    const blocker =
      sale && tender
        ? await client.query(
            `INSERT INTO payments (id, sale_id, sold_at, kind, amount_minor) VALUES ($1, $2, $3, 'cash', 0)
             ON CONFLICT DO NOTHING`,
            [tender.id, sale.saleId, sale.receipt.createdAt],
          )
        : null;
    if (blocker?.rowCount) at = 'payment';
    else await client.query('SELECT 1 FROM terminals WHERE id = $1 FOR UPDATE', [terminalId]);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    client.release(true);
    throw error;
  }
  let released = false;
  return {
    at,
    async reached(timeoutMs = 5000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const { rows: waiting } = await hq.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE application_name = 'omnitill-hq' AND $1 = ANY(pg_blocking_pids(pid))`,
          [pid],
        );
        if ((waiting[0]?.n ?? 0) > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return false;
    },
    async release() {
      if (released) return;
      released = true;
      // After a database crash the connection is gone with the transaction: nothing to roll back.
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(broken);
    },
  };
}
