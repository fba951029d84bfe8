// Returns against an earlier receipt: only what was sold, never twice, refunded to the tenders that
// paid. Card refunds go through the terminal first; the return is stored only once they succeed.
import { randomUUID } from 'node:crypto';
import { uuidV7 } from '../../contract/uuid-v7';
import { fail, ok } from '../../contract/common';
import type { ErrorCode, Result } from '../../contract/common';
import type { TillConfig } from '../../contract/config';
import type { Receipt, ReturnableSale, User } from '../../contract/ipc';
import type { ReturnCompleted } from '../../contract/sync';
import { formatReceiptNo } from '../domain/receipt';
import { planReturn } from '../domain/returns';
import type { ReturnPlan, SaleForReturn } from '../domain/returns';
import { lineTax } from '../domain/tax';
import type { PaymentTerminal } from '../../native-drivers/payment-terminal/types';
import type { Db } from '../store/db';
import { storageError } from '../store/errors';
import type { Outbox } from '../store/outbox';
import type { PrintQueue } from './printing/queue';
import type { ReturnRecord, Returns } from '../store/returns';
import type { SaleRecord, Sales } from '../store/sales';
import type { Sequences } from '../store/sequences';
import type { Users } from '../store/users';
import type { Logger } from '../log';
import { returnReceipt, tenderOf } from './receipt-view';

export interface ReturnsDeps {
  db: Db;
  config: TillConfig;
  sales: Sales;
  returns: Returns;
  users: Users;
  sequences: Sequences;
  outbox: Outbox;
  printQueue: PrintQueue;
  terminal: PaymentTerminal;
  currentUser: () => User | null;
  now: () => Date;
  log: Logger;
}

export class ReturnsService {
  /** One return at a time: a card refund is awaited between planning and storing. */
  private inFlight: { returnId: string; result: Promise<Result<Receipt>> } | null = null;

  constructor(private readonly deps: ReturnsDeps) {}

  lookup(receiptNo: string): Result<ReturnableSale> {
    const sale = this.deps.sales.saleByReceiptNo(receiptNo.trim());
    if (!sale) return fail('RECEIPT_NOT_FOUND', `No sale has the receipt number ${receiptNo}`, { receiptNo });
    const returned = this.deps.returns.returnedBySaleLine(sale.id);
    return ok({
      saleId: sale.id,
      receiptNo: sale.receiptNo,
      createdAt: sale.createdAt,
      status: sale.status,
      currency: sale.currency,
      totalMinor: sale.totalMinor,
      tenders: sale.payments.map(tenderOf),
      lines: sale.lines.map((line) => ({
        saleLineId: line.id,
        names: line.names,
        unit: line.unit,
        quantityMilli: line.quantityMilli,
        returnedMilli: returned.get(line.id)?.quantityMilli ?? 0,
        unitPriceMinor: line.unitPriceMinor,
        totalMinor: line.totalMinor,
      })),
    });
  }

  receipt(returnNo: string): Receipt | null {
    const id = this.deps.returns.returnIdByNo(returnNo);
    return id ? this.receiptOf(id) : null;
  }

  async complete(
    returnId: string,
    saleId: string,
    request: { saleLineId: string; quantityMilli: number }[],
  ): Promise<Result<Receipt>> {
    const done = this.receiptOf(returnId);
    if (done) return ok(done); // the same return submitted again: already refunded once
    const user = this.deps.currentUser();
    if (!user) return fail('NOT_LOGGED_IN', 'Log in to take a return');
    if (this.inFlight) {
      // A double submit of the return being refunded shares its outcome instead of refunding twice.
      if (this.inFlight.returnId === returnId) return this.inFlight.result;
      return fail('PAYMENT_IN_PROGRESS', 'Another return is being refunded');
    }
    const sale = this.deps.sales.saleById(saleId);
    if (!sale) return fail('RECEIPT_NOT_FOUND', `No sale ${saleId}`, { receiptNo: saleId });
    const plan = planReturn(this.saleForReturn(sale), request);
    if (!plan.ok) return plan;

    const result = this.refundAndStore(returnId, sale, plan.value, user);
    this.inFlight = { returnId, result };
    try {
      return await result;
    } finally {
      this.inFlight = null;
    }
  }

  private async refundAndStore(
    returnId: string,
    sale: SaleRecord,
    plan: ReturnPlan,
    user: User,
  ): Promise<Result<Receipt>> {
    const refunded = await this.refundCards(plan, sale);
    if (!refunded.ok) return refunded;
    const stored = this.store(returnId, sale, plan, refunded.value, user);
    // Money given back must be on record; if the record cannot be written, take the refund back.
    if (!stored.ok) await this.reverseAll(refunded.value.values());
    return stored;
  }

  private saleForReturn(sale: SaleRecord): SaleForReturn {
    const returned = this.deps.returns.returnedBySaleLine(sale.id);
    const refunded = this.deps.returns.refundedByPayment(sale.id);
    return {
      status: sale.status,
      lines: sale.lines.map((line) => ({
        id: line.id,
        quantityMilli: line.quantityMilli,
        totalMinor: line.totalMinor,
        taxRateBp: line.taxRateBp,
        unit: line.unit,
        returnedMilli: returned.get(line.id)?.quantityMilli ?? 0,
        refundedMinor: returned.get(line.id)?.refundMinor ?? 0,
      })),
      tenders: sale.payments.map((payment) => ({
        id: payment.id,
        kind: payment.kind,
        amountMinor: payment.amountMinor,
        refundedMinor: refunded.get(payment.id) ?? 0,
      })),
    };
  }

  /** Refunds every card share at the terminal; if one fails, the ones already done are reversed. */
  private async refundCards(plan: ReturnPlan, sale: SaleRecord): Promise<Result<Map<string, string>>> {
    const { terminal, config, log } = this.deps;
    const refs = new Map<string, string>();
    for (const refund of plan.refunds) {
      if (refund.kind !== 'card' || refund.amountMinor === 0) continue;
      const original = sale.payments.find((payment) => payment.id === refund.tenderId);
      const signal = AbortSignal.timeout(config.paymentTerminal.timeoutMs);
      const answer = await terminal
        .refund(
          {
            reference: randomUUID(),
            amountMinor: refund.amountMinor,
            currency: sale.currency,
            originalTerminalRef: original?.terminalRef ?? '',
          },
          signal,
        )
        .catch((error: unknown) => ({ status: 'declined' as const, reason: String(error) }));
      if (answer.status !== 'approved') {
        await this.reverseAll(refs.values());
        log.warn('return.card_refund_failed', { saleId: sale.id });
        return fail('CARD_DECLINED', `The card refund failed: ${answer.reason}`, { reason: answer.reason });
      }
      refs.set(refund.tenderId, answer.terminalRef);
    }
    return ok(refs);
  }

  private async reverseAll(terminalRefs: Iterable<string>): Promise<void> {
    const { terminal, config, log } = this.deps;
    for (const ref of terminalRefs) {
      const answer = await terminal
        .reverse(ref, AbortSignal.timeout(config.paymentTerminal.timeoutMs))
        .catch(() => null);
      if (answer?.status !== 'approved') log.error('return.card_reverse_failed', { terminalRef: ref });
    }
  }

  private store(
    returnId: string,
    sale: SaleRecord,
    plan: ReturnPlan,
    cardRefs: Map<string, string>,
    user: User,
  ): Result<Receipt> {
    const { db, config, sequences, returns, outbox, printQueue, now, log } = this.deps;
    try {
      const receipt = db
        .transaction(() => {
          // Checked again inside the write lock: the plan was made before the terminal was awaited.
          const again = planReturn(this.saleForReturn(sale), plan.lines);
          if (!again.ok) throw new ReplanFailed(again.error.code);
          const record: ReturnRecord = {
            id: returnId,
            returnNo: formatReceiptNo(
              config.store.code,
              config.terminal.code,
              sequences.nextValue('return'),
              'return',
            ),
            saleId: sale.id,
            cashierId: user.id,
            totalMinor: plan.totalMinor,
            createdAt: now().toISOString(),
            lines: plan.lines.map((line) => ({
              id: uuidV7(),
              saleLineId: line.saleLineId,
              quantityMilli: line.quantityMilli,
              refundMinor: line.refundMinor,
              taxMinor: lineTax(line.refundMinor, line.taxRateBp),
            })),
            refunds: plan.refunds
              .filter((refund) => refund.amountMinor > 0)
              .map((refund) => ({
                id: uuidV7(),
                paymentId: refund.tenderId,
                kind: refund.kind,
                amountMinor: refund.amountMinor,
                terminalRef: cardRefs.get(refund.tenderId) ?? null,
              })),
          };
          returns.insertReturn(record);
          const document = returnReceipt(record, sale, config.store, user.name);
          const payload: ReturnCompleted = {
            returnId: record.id,
            saleId: sale.id,
            cashierId: user.id,
            lines: record.lines.map(({ saleLineId, quantityMilli, refundMinor }) => ({
              saleLineId,
              quantityMilli,
              refundMinor,
            })),
            refunds: record.refunds.map(({ paymentId, kind, amountMinor }) => ({
              paymentId,
              kind,
              amountMinor,
            })),
            receipt: document,
          };
          outbox.append('return.completed', payload, record.createdAt);
          printQueue.enqueue('return', document, record.createdAt);
          return document;
        })
        .immediate();
      log.info('return.completed', {
        returnNo: receipt.receiptNo,
        saleId: sale.id,
        totalMinor: receipt.totalMinor,
      });
      void printQueue.kick();
      return ok(receipt);
    } catch (error) {
      if (error instanceof ReplanFailed)
        return fail(error.code, 'The sale changed while refunding; try again');
      const stored = storageError(error);
      if (!stored) throw error;
      log.error('return.commit_failed', { saleId: sale.id, code: stored.error.code });
      return stored;
    }
  }

  private receiptOf(returnId: string): Receipt | null {
    const record = this.deps.returns.returnById(returnId);
    if (!record) return null;
    const sale = this.deps.sales.saleById(record.saleId);
    if (!sale) return null;
    const cashier = this.deps.users.userById(record.cashierId);
    return returnReceipt(record, sale, this.deps.config.store, cashier?.name ?? '');
  }
}

class ReplanFailed extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}
