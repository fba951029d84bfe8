// An ESC/POS receipt printer over any transport. One job or status query at a time, because the
// printer answers on one byte stream and answers are matched in order. Each job is checked before
// (DLE EOT: nothing goes to a printer without paper) and confirmed after (GS r 1 is answered only
// once everything before it has printed; DLE EOT meanwhile notices paper running out mid-job).
//
// A job that stops mid-way leaves its tail in the printer's buffer, and a printer prints that tail
// by itself as soon as a new roll is in. So the buffer is cleared at once, while the printer still
// waits for paper (DLE DC4 8 is a real-time command, executed in that state); the next job first
// cuts off the half receipt that made it onto the paper, so the reprint comes out whole, on its own.
import type { DeviceProblem } from '../../contract/devices';
import { printerProblem, problemOf } from '../manager/problems';
import type { PrintOutcome, ReceiptPrinterPort, StatusOutcome } from '../manager/types';
import { Listeners } from '../transports/listeners';
import { systemScheduler } from '../transports/scheduler';
import type { Scheduler } from '../transports/scheduler';
import type { Transport } from '../transports/types';
import { EscPosEncoder } from './encoder';
import type { PrinterProfile } from './profiles';
import { fullStatusRequest, parsePrinterStatus } from './status';
import type { PrinterStatus, StatusOptions } from './status';

const DLE = 0x10;
const DC4 = 0x14;
const GS = 0x1d;

/** DLE DC4 8 1 3 20 1 6 2 8: Epson's real-time "clear buffers", which drops what waits to print. */
const clearBuffersCommand = Uint8Array.of(DLE, DC4, 8, 1, 3, 20, 1, 6, 2, 8);

/** GS r 1: the paper sensor status, sent back only after the data before it has printed. */
const endOfJobCheck = Uint8Array.of(GS, 0x72, 1);

// Both answers come back on the same stream, and their fixed bits tell them apart: a DLE EOT answer
// always has bit 4 set and bits 0 and 7 clear, a GS r 1 answer has bits 4 and 7 clear. Anything else
// (XON 0x11 / XOFF 0x13 from a serial printer's flow control) is neither and is ignored.
const isStatusAnswer = (byte: number): boolean => (byte & 0b1001_0011) === 0b0001_0010;
const isEndOfJobAnswer = (byte: number): boolean => (byte & 0b1001_0000) === 0;

export interface EscPosPrinterOptions {
  deviceId: string;
  profile: PrinterProfile;
  /** How long the printer has to answer DLE EOT. Default 1000 ms. */
  statusTimeoutMs?: number;
  /** While a job prints, how often the real-time status is read to notice paper running out. Default 250 ms. */
  jobCheckMs?: number;
  /** The longest a job may take to print before it fails with 'timeout'. Default 30 000 ms. */
  jobTimeoutMs?: number;
  scheduler?: Scheduler;
  status?: StatusOptions;
}

export interface EscPosPrinterEvents {
  /** Every status the printer answered, also those read before and during jobs. */
  status: (status: PrinterStatus) => void;
}

type Answer<T> = { ok: true; value: T } | { ok: false; problem: DeviceProblem };

/** One awaited answer: settled by the data, by a loss of the link, or by its timeout, whichever is first. */
class Awaited<T> {
  readonly promise: Promise<Answer<T>>;
  private resolve: (answer: Answer<T>) => void = () => undefined;
  private cancelTimer: () => void = () => undefined;
  private done = false;

  constructor(scheduler: Scheduler, timeoutMs: number) {
    this.promise = new Promise((resolve) => {
      this.resolve = resolve;
    });
    this.cancelTimer = scheduler.after(timeoutMs, () => this.settle({ ok: false, problem: 'timeout' }));
  }

  get settled(): boolean {
    return this.done;
  }

  settle(answer: Answer<T>): void {
    if (this.done) return;
    this.done = true;
    this.cancelTimer();
    this.resolve(answer);
  }
}

export class EscPosPrinter implements ReceiptPrinterPort {
  readonly deviceId: string;
  readonly profile: PrinterProfile;
  private readonly listeners = new Listeners<EscPosPrinterEvents>();
  private readonly scheduler: Scheduler;
  private readonly statusTimeoutMs: number;
  private readonly jobCheckMs: number;
  private readonly jobTimeoutMs: number;
  private readonly detachers: (() => void)[];
  private turn: Promise<unknown> = Promise.resolve();
  private statusAnswer: { bytes: number[]; awaited: Awaited<Uint8Array> } | null = null;
  private endOfJob: Awaited<number> | null = null;
  /** The last job stopped part-way: the next one first cuts off what of it was printed. */
  private interrupted = false;
  /** The clear-buffers command could not be sent when the job stopped: send it before the next. */
  private clearPending = false;

  constructor(
    private readonly transport: Transport,
    private readonly options: EscPosPrinterOptions,
  ) {
    this.deviceId = options.deviceId;
    this.profile = options.profile;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.jobCheckMs = options.jobCheckMs ?? 250;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.detachers = [
      transport.on('data', (chunk) => this.received(chunk)),
      transport.on('error', (error) => this.lost(problemOf(error))),
      transport.on('close', () => this.lost('disconnected')),
    ];
  }

  on<E extends keyof EscPosPrinterEvents>(event: E, listener: EscPosPrinterEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  status(): Promise<StatusOutcome> {
    return this.exclusive(() => this.readStatus());
  }

  print(bytes: Uint8Array): Promise<PrintOutcome> {
    return this.exclusive(() => this.printJob(bytes));
  }

  /** Stops listening to the transport; the owner closes the transport. */
  detach(): void {
    for (const detach of this.detachers.splice(0)) detach();
    this.lost('disconnected');
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.turn.then(task);
    // The caller gets the outcome; the chain only needs to know the turn is over.
    this.turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async printJob(bytes: Uint8Array): Promise<PrintOutcome> {
    const before = await this.readStatus();
    if (!before.ok) return before;
    const problem = printerProblem(before.value);
    if (problem) return { ok: false, problem };

    const end = new Awaited<number>(this.scheduler, this.jobTimeoutMs);
    this.endOfJob = end;
    try {
      await this.transport.write(concat([this.recovery(), bytes, endOfJobCheck]));
    } catch (error) {
      end.settle({ ok: false, problem: problemOf(error) });
      this.endOfJob = null;
      // Part of it may have gone out before the link failed.
      this.interrupted = true;
      this.clearPending = true;
      return { ok: false, problem: problemOf(error) };
    }
    this.interrupted = false;
    this.clearPending = false;
    const outcome = await this.confirm(end);
    this.endOfJob = null;
    if (!outcome.ok) {
      this.interrupted = true;
      await this.clearBuffers();
    }
    return outcome;
  }

  /** Waits for GS r's answer, reading the real-time status meanwhile so paper out is not a long timeout. */
  private async confirm(end: Awaited<number>): Promise<PrintOutcome> {
    for (;;) {
      const answer = await this.within(end, this.jobCheckMs);
      if (answer) return answer.ok ? { ok: true } : answer;
      const status = await this.readStatus();
      // The job may have finished while the status was read; its answer counts.
      if (end.settled) continue;
      if (!status.ok) return status;
      const problem = printerProblem(status.value);
      if (problem) return { ok: false, problem };
    }
  }

  private within<T>(awaited: Awaited<T>, ms: number): Promise<Answer<T> | null> {
    return new Promise((resolve) => {
      const cancel = this.scheduler.after(ms, () => resolve(null));
      void awaited.promise.then((answer) => {
        cancel();
        resolve(answer);
      });
    });
  }

  private recovery(): Uint8Array {
    if (!this.interrupted) return new Uint8Array(0);
    const cutOff = new EscPosEncoder(this.profile).initialize().cut('partial', 0).encode().bytes;
    return this.clearPending ? concat([clearBuffersCommand, cutOff]) : cutOff;
  }

  private async clearBuffers(): Promise<void> {
    try {
      await this.transport.write(clearBuffersCommand);
      this.clearPending = false;
    } catch {
      // The link is down: the next job sends it first (and a printer that lost power lost its buffer).
      this.clearPending = true;
      return;
    }
    // Real-time commands are executed in the order they arrive, so once this status is answered the
    // buffer is empty: a roll loaded from now on cannot print the tail.
    await this.readStatus();
  }

  private async readStatus(): Promise<StatusOutcome> {
    const awaited = new Awaited<Uint8Array>(this.scheduler, this.statusTimeoutMs);
    const pending = { bytes: [] as number[], awaited };
    this.statusAnswer = pending;
    try {
      await this.transport.write(fullStatusRequest());
    } catch (error) {
      awaited.settle({ ok: false, problem: problemOf(error) });
    }
    const answer = await awaited.promise;
    if (this.statusAnswer === pending) this.statusAnswer = null;
    if (!answer.ok) return answer;
    const parsed = parsePrinterStatus(answer.value, this.options.status);
    if (!parsed.ok) return { ok: false, problem: 'io' };
    this.listeners.emit('status', parsed.value);
    return parsed;
  }

  private received(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (isStatusAnswer(byte)) {
        const pending = this.statusAnswer;
        if (!pending) continue;
        pending.bytes.push(byte);
        if (pending.bytes.length === 4)
          pending.awaited.settle({ ok: true, value: Uint8Array.from(pending.bytes) });
      } else if (isEndOfJobAnswer(byte)) {
        this.endOfJob?.settle({ ok: true, value: byte });
      }
    }
  }

  private lost(problem: DeviceProblem): void {
    this.statusAnswer?.awaited.settle({ ok: false, problem });
    this.endOfJob?.settle({ ok: false, problem });
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
