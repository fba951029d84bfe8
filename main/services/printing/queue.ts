// Drains the persistent print queue to the receipt printer, one job at a time, in order. A sale
// never waits for this: the job was written with the sale, and printing starts after the commit.
// A job the printer cannot take stays queued with the reason; the queue stops there (receipts come
// out in order) and starts again when the printer reports ready.
import { fail, ok } from '../../../contract/common';
import type { Result } from '../../../contract/common';
import type { TillConfig } from '../../../contract/config';
import type { DeviceProblem, PrintJobView, PrintQueueView } from '../../../contract/devices';
import type { Receipt } from '../../../contract/ipc';
import type { ReceiptPrinterPort } from '../../../native-drivers/manager/types';
import { encodeReceipt } from '../../../native-drivers/printer/layout';
import type { Logger } from '../../log';
import type { PrintJob, PrintJobKind, PrintJobs } from '../../store/print-jobs';
import type { EventBus } from '../events';
import { receiptDocument } from './receipt-document';

export interface PrintQueueDeps {
  jobs: PrintJobs;
  config: TillConfig;
  printer: () => ReceiptPrinterPort | null;
  events: EventBus;
  log: Logger;
  now: () => Date;
}

const RECENT = 20;

export const jobView = (job: PrintJob): PrintJobView => ({
  id: job.id,
  kind: job.kind,
  receiptNo: job.receiptNo,
  status: job.status,
  attempts: job.attempts,
  lastProblem: job.lastProblem,
  createdAt: job.createdAt,
  printedAt: job.printedAt,
});

export class PrintQueue {
  private draining: Promise<void> | null = null;
  private again = false;
  /** The problem last told to the cashier, so a printer out of paper is announced once, not per retry. */
  private announced: DeviceProblem | null = null;

  constructor(private readonly deps: PrintQueueDeps) {}

  /** Queues a receipt. Call it inside the transaction that stores the sale or return, then `kick()`. */
  enqueue(kind: PrintJobKind, receipt: Receipt, at: string): string {
    return this.deps.jobs.enqueue(kind, receipt, at);
  }

  /** Starts printing what is queued, unless it is already under way; resolves when the queue rests. */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  reprintLast(): Result<PrintJobView> {
    const last = this.deps.jobs.lastOriginal();
    if (!last) return fail('NOTHING_TO_PRINT', 'No receipt has been printed on this till yet');
    const id = this.deps.jobs.enqueue('reprint', last.receipt, this.deps.now().toISOString());
    const job = this.deps.jobs.byId(id);
    if (!job) throw new Error(`print job ${id} vanished after insert`);
    this.deps.events.emit('print.changed', jobView(job));
    void this.kick();
    return ok(jobView(job));
  }

  view(): PrintQueueView {
    return { queued: this.deps.jobs.queuedCount(), recent: this.deps.jobs.recent(RECENT).map(jobView) };
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (let job = this.deps.jobs.next(); job; job = this.deps.jobs.next()) {
        const printed = await this.printOne(job);
        if (!printed) return;
      }
    } while (this.again);
  }

  private async printOne(job: PrintJob): Promise<boolean> {
    const { jobs, events, log, now } = this.deps;
    const printer = this.deps.printer();
    if (!printer) return false; // no printer yet: the device manager's next "ready" kicks the queue
    const settings = this.deps.config.devices.printer;
    const locale = settings.locale ?? this.deps.config.store.locale;
    const document = receiptDocument(job.receipt, {
      locale,
      eReceiptUrl: settings.eReceiptUrl === '' ? null : settings.eReceiptUrl,
      copy: job.kind === 'reprint',
    });
    const encoded = encodeReceipt(document, printer.profile);
    if (encoded.unprintable > 0)
      log.warn('print.unprintable_characters', { jobId: job.id, count: encoded.unprintable });
    const outcome = await printer.print(encoded.bytes);
    const at = now().toISOString();
    if (outcome.ok) {
      jobs.markPrinted(job.id, at);
      this.announced = null;
      log.info('print.done', { jobId: job.id, receiptNo: job.receiptNo, attempts: job.attempts + 1 });
    } else {
      jobs.markAttemptFailed(job.id, outcome.problem, at);
      log.warn('print.failed', { jobId: job.id, receiptNo: job.receiptNo, problem: outcome.problem });
      if (this.announced !== outcome.problem) {
        this.announced = outcome.problem;
        events.emit('notice', {
          code: 'PRINTER_PROBLEM',
          message: `The receipt printer reports ${outcome.problem}; ${job.receiptNo} prints when it is fixed`,
          params: { problem: outcome.problem, receiptNo: job.receiptNo },
        });
      }
    }
    const after = jobs.byId(job.id);
    if (after) events.emit('print.changed', jobView(after));
    return outcome.ok;
  }
}
