// Repository of the print queue (migration 002). Jobs are printed in order of `seq`; a job stays
// queued until the printer has taken all of it, however many attempts that needs.
import { randomUUID } from 'node:crypto';
import { Receipt } from '../../contract/ipc';
import type { Db } from './db';

export type PrintJobKind = 'sale' | 'return' | 'reprint';
export type PrintJobStatus = 'queued' | 'printed' | 'cancelled';

export interface PrintJob {
  id: string;
  kind: PrintJobKind;
  receiptNo: string;
  receipt: Receipt;
  status: PrintJobStatus;
  attempts: number;
  lastProblem: string | null;
  createdAt: string;
  printedAt: string | null;
}

interface Row {
  id: string;
  kind: PrintJobKind;
  receipt_no: string;
  receipt: string;
  status: PrintJobStatus;
  attempts: number;
  last_problem: string | null;
  created_at: string;
  printed_at: string | null;
}

const COLUMNS = 'id, kind, receipt_no, receipt, status, attempts, last_problem, created_at, printed_at';

// The row was written by us from a validated Receipt; parsing again catches a hand-edited database.
const toJob = (row: Row): PrintJob => ({
  id: row.id,
  kind: row.kind,
  receiptNo: row.receipt_no,
  receipt: Receipt.parse(JSON.parse(row.receipt)),
  status: row.status,
  attempts: row.attempts,
  lastProblem: row.last_problem,
  createdAt: row.created_at,
  printedAt: row.printed_at,
});

export function createPrintJobs(db: Db) {
  const insert = db.prepare(
    `INSERT INTO print_jobs (id, kind, receipt_no, receipt, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
  );
  const next = db.prepare<[], Row>(
    `SELECT ${COLUMNS} FROM print_jobs WHERE status = 'queued' ORDER BY seq LIMIT 1`,
  );
  const byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`);
  const recent = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM print_jobs ORDER BY seq DESC LIMIT ?`);
  const lastOriginal = db.prepare<[], Row>(
    `SELECT ${COLUMNS} FROM print_jobs WHERE kind IN ('sale', 'return') ORDER BY seq DESC LIMIT 1`,
  );
  const queuedCount = db
    .prepare<[], number>(`SELECT count(*) FROM print_jobs WHERE status = 'queued'`)
    .pluck();
  const attempt = db.prepare(
    `UPDATE print_jobs SET attempts = attempts + 1, last_problem = ?, updated_at = ? WHERE id = ? AND status = 'queued'`,
  );
  const printed = db.prepare(
    `UPDATE print_jobs SET status = 'printed', attempts = attempts + 1, last_problem = NULL, updated_at = ?, printed_at = ?
     WHERE id = ? AND status = 'queued'`,
  );

  return {
    /** Queues a receipt; call it inside the transaction that stores the sale or return. */
    enqueue(kind: PrintJobKind, receipt: Receipt, at: string): string {
      const id = randomUUID();
      insert.run(id, kind, receipt.receiptNo, JSON.stringify(receipt), at, at);
      return id;
    },
    next: (): PrintJob | null => {
      const row = next.get();
      return row ? toJob(row) : null;
    },
    byId: (id: string): PrintJob | null => {
      const row = byId.get(id);
      return row ? toJob(row) : null;
    },
    recent: (limit: number): PrintJob[] => recent.all(limit).map(toJob),
    lastOriginal: (): PrintJob | null => {
      const row = lastOriginal.get();
      return row ? toJob(row) : null;
    },
    queuedCount: (): number => queuedCount.get() ?? 0,
    markAttemptFailed(id: string, problem: string, at: string): void {
      attempt.run(problem, at, id);
    },
    markPrinted(id: string, at: string): void {
      printed.run(at, at, id);
    },
  };
}
export type PrintJobs = ReturnType<typeof createPrintJobs>;
