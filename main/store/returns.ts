// Returns of earlier sales, and how much of each sale line and payment was already given back.
import type { Db } from './db';
import type { TenderKind } from '../../contract/ipc';

export interface ReturnRecord {
  id: string;
  returnNo: string;
  saleId: string;
  cashierId: number;
  totalMinor: number;
  createdAt: string;
  lines: { id: string; saleLineId: string; quantityMilli: number; refundMinor: number; taxMinor: number }[];
  refunds: {
    id: string;
    paymentId: string;
    kind: TenderKind;
    amountMinor: number;
    terminalRef: string | null;
  }[];
}

export function createReturns(db: Db) {
  const insertReturn = db.prepare(
    `INSERT INTO returns (id, return_no, sale_id, cashier_id, total_minor, created_at)
     VALUES (@id, @returnNo, @saleId, @cashierId, @totalMinor, @createdAt)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO return_lines (id, return_id, sale_line_id, quantity_milli, refund_minor, tax_minor)
     VALUES (@id, @returnId, @saleLineId, @quantityMilli, @refundMinor, @taxMinor)`,
  );
  const insertRefund = db.prepare(
    `INSERT INTO refunds (id, return_id, payment_id, kind, amount_minor, terminal_ref)
     VALUES (@id, @returnId, @paymentId, @kind, @amountMinor, @terminalRef)`,
  );
  const returnedPerLine = db.prepare<
    [string],
    { saleLineId: string; quantityMilli: number; refundMinor: number }
  >(
    `SELECT rl.sale_line_id AS saleLineId, sum(rl.quantity_milli) AS quantityMilli, sum(rl.refund_minor) AS refundMinor
     FROM return_lines rl JOIN returns r ON r.id = rl.return_id WHERE r.sale_id = ? GROUP BY rl.sale_line_id`,
  );
  const refundedPerPayment = db.prepare<[string], { paymentId: string; amountMinor: number }>(
    `SELECT f.payment_id AS paymentId, sum(f.amount_minor) AS amountMinor
     FROM refunds f JOIN returns r ON r.id = f.return_id WHERE r.sale_id = ? GROUP BY f.payment_id`,
  );
  const byId = db.prepare<[string], Omit<ReturnRecord, 'lines' | 'refunds'>>(
    `SELECT id, return_no AS returnNo, sale_id AS saleId, cashier_id AS cashierId, total_minor AS totalMinor,
       created_at AS createdAt FROM returns WHERE id = ?`,
  );
  const byNo = db.prepare<[string], string>('SELECT id FROM returns WHERE return_no = ?').pluck();
  const linesOf = db.prepare<[string], ReturnRecord['lines'][number]>(
    `SELECT id, sale_line_id AS saleLineId, quantity_milli AS quantityMilli, refund_minor AS refundMinor,
       tax_minor AS taxMinor FROM return_lines WHERE return_id = ? ORDER BY rowid`,
  );
  const refundsOf = db.prepare<[string], ReturnRecord['refunds'][number]>(
    `SELECT id, payment_id AS paymentId, kind, amount_minor AS amountMinor, terminal_ref AS terminalRef
     FROM refunds WHERE return_id = ? ORDER BY rowid`,
  );

  return {
    insertReturn(record: ReturnRecord): void {
      const { lines, refunds, ...row } = record;
      insertReturn.run(row);
      for (const line of lines) insertLine.run({ ...line, returnId: record.id });
      for (const refund of refunds) insertRefund.run({ ...refund, returnId: record.id });
    },
    returnedBySaleLine: (saleId: string) =>
      new Map(returnedPerLine.all(saleId).map((r) => [r.saleLineId, r])),
    refundedByPayment: (saleId: string) =>
      new Map(refundedPerPayment.all(saleId).map((r) => [r.paymentId, r.amountMinor])),
    returnById(id: string): ReturnRecord | null {
      const row = byId.get(id);
      return row ? { ...row, lines: linesOf.all(id), refunds: refundsOf.all(id) } : null;
    },
    returnIdByNo: (returnNo: string) => byNo.get(returnNo) ?? null,
  };
}
export type Returns = ReturnType<typeof createReturns>;
