// Test doubles at the transport boundary: a scheduler whose clock only moves when told, and a
// transport whose opens succeed or fail as scripted.
import { Listeners } from '../listeners';
import type { Scheduler } from '../scheduler';
import { TransportError } from '../types';
import type { Transport, TransportEvents } from '../types';

/** Lets promise callbacks and I/O callbacks queued so far run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ManualScheduler implements Scheduler {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, callback: () => void): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /** The delays of the timers waiting now, from the current time. */
  get waiting(): number[] {
    return this.timers.map((timer) => timer.at - this.time);
  }

  /** Moves the clock on, firing due timers in order and letting what they start finish. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = until;
  }
}

/** A transport whose next opens fail with the queued errors, then succeed. */
export class ScriptedTransport implements Transport {
  readonly address = 'test://scripted';
  readonly written: Uint8Array[] = [];
  opens = 0;
  isOpen = false;
  private readonly failures: TransportError[] = [];
  private readonly listeners = new Listeners<TransportEvents>();

  failNextOpens(count: number, kind: TransportError['kind'] = 'not-found'): void {
    for (let i = 0; i < count; i++)
      this.failures.push(new TransportError(kind, `${this.address}: scripted ${kind}`));
  }

  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    this.opens += 1;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.isOpen = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new TransportError('disconnected', `${this.address} is not open`);
    this.written.push(bytes);
  }

  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.listeners.emit('close');
  }

  /** The device goes away on its own. */
  drop(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.listeners.emit('error', new TransportError('disconnected', `${this.address} unplugged`));
    this.listeners.emit('close');
  }

  emitData(bytes: Uint8Array): void {
    this.listeners.emit('data', bytes);
  }
}
