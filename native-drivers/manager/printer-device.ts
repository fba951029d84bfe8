// The receipt printer as the manager holds it: an ESC/POS driver over a claimed, reconnecting
// transport, whose snapshot follows the link (connecting, error with the transport's reason) and the
// printer's own status (paper, cover). While the printer reports a problem its status is read every
// `statusPollMs`, so a new roll turns it idle again and the print queue, hearing that, retries.
import type { DeviceProblem } from '../../contract/devices';
import { EscPosPrinter } from '../printer/driver';
import type { PrinterProfile } from '../printer/profiles';
import type { PrinterStatus } from '../printer/status';
import type { Transport } from '../transports/types';
import type { ConnectionContext, DeviceConnection } from './connection';
import { connectDevice } from './connection';
import type { DeviceRecord } from './device-record';
import type { AttachedDevice } from './input-devices';
import { isPrinterSideProblem, printerProblem, printerWarning } from './problems';
import type { PrintOutcome, ReceiptPrinterPort, StatusOutcome } from './types';

export interface PrinterContext extends ConnectionContext {
  /** How often the status is read while the printer reports a problem. */
  statusPollMs: number;
  /** How often it is read while all is well, to notice a cover opened or paper near its end; 0: never. */
  idleStatusPollMs: number;
  statusTimeoutMs: number;
}

export class PrinterDevice implements ReceiptPrinterPort, AttachedDevice {
  readonly deviceId: string;
  readonly connection: DeviceConnection;
  private readonly driver: EscPosPrinter | null;
  private cancelPoll: (() => void) | null = null;
  private printing = 0;
  private closed = false;

  constructor(
    readonly record: DeviceRecord,
    inner: Transport,
    readonly profile: PrinterProfile,
    private readonly context: PrinterContext,
  ) {
    this.deviceId = record.id;
    this.connection = connectDevice(record, inner, context, {
      opened: () => this.refresh(),
      lost: () => this.stopPolling(),
    });
    const transport = this.connection.transport;
    this.driver = transport
      ? new EscPosPrinter(transport, {
          deviceId: record.id,
          profile,
          scheduler: context.scheduler,
          statusTimeoutMs: context.statusTimeoutMs,
        })
      : null;
    this.driver?.on('status', (status) => this.noteStatus(status));
  }

  async status(): Promise<StatusOutcome> {
    if (!this.driver || !this.connection.isOpen) return { ok: false, problem: this.unavailable() };
    const outcome = await this.driver.status();
    if (!outcome.ok && this.connection.isOpen) this.failed(outcome.problem);
    return outcome;
  }

  async print(bytes: Uint8Array): Promise<PrintOutcome> {
    if (this.closed || !this.driver || !this.connection.isOpen)
      return { ok: false, problem: this.unavailable() };
    this.printing += 1;
    if (this.record.state === 'idle') this.record.set({ state: 'busy' });
    const outcome = await this.driver.print(bytes);
    this.printing -= 1;
    if (this.closed) return outcome;
    if (!outcome.ok) {
      // A lost link is reported by the connection itself, with the transport's reason.
      if (this.connection.isOpen) this.failed(outcome.problem);
    } else if (this.printing === 0) {
      this.record.set({ state: 'idle' });
      this.pollIn(this.context.idleStatusPollMs);
    }
    return outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    this.driver?.detach();
    await this.connection.close();
  }

  private unavailable(): DeviceProblem {
    return this.record.problem ?? 'disconnected';
  }

  private async refresh(): Promise<void> {
    await this.status();
  }

  private noteStatus(status: PrinterStatus): void {
    if (this.closed || !this.connection.isOpen) return;
    const problem = printerProblem(status);
    const warning = printerWarning(status);
    if (this.printing > 0) {
      // The job's outcome decides the state; the warning (paper near its end) shows at once.
      this.record.set({ state: this.record.state, warning });
      return;
    }
    if (problem) {
      this.failed(problem, warning);
    } else {
      this.record.set({ state: 'idle', warning });
      this.pollIn(this.context.idleStatusPollMs);
    }
  }

  private failed(problem: DeviceProblem, warning?: DeviceProblem | null): void {
    if (this.closed) return;
    this.record.set(
      warning === undefined ? { state: 'error', problem } : { state: 'error', problem, warning },
    );
    if (isPrinterSideProblem(problem)) this.pollIn(this.context.statusPollMs);
  }

  private pollIn(ms: number): void {
    this.stopPolling();
    if (ms <= 0 || this.closed || !this.connection.isOpen) return;
    this.cancelPoll = this.context.scheduler.after(ms, () => {
      this.cancelPoll = null;
      void this.refresh();
    });
  }

  private stopPolling(): void {
    this.cancelPoll?.();
    this.cancelPoll = null;
  }
}
