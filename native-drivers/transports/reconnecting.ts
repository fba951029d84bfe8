// Keeps a transport open: when it fails to open or drops, it is opened again after an exponential
// back-off with jitter, so thirty tills do not hammer a printer that just came back all at once.
// Writes while the device is away fail at once: the print queue decides what to resend, never this.
import { Listeners } from './listeners';
import { systemScheduler } from './scheduler';
import type { Scheduler } from './scheduler';
import { TransportError, isTransportError } from './types';
import type { Transport, TransportEvents } from './types';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'waiting-retry'; ms: number; attempt: number; error: TransportError }
  | { kind: 'closed' };

export interface BackoffPolicy {
  /** The first wait after a failure. Default 250 ms. */
  initialMs: number;
  /** The longest wait. Default 30 000 ms. */
  maxMs: number;
  /** Each failed attempt multiplies the wait by this. Default 2. */
  factor: number;
  /** Up to this fraction of a wait is taken off at random (0 to 1). Default 0.2. */
  jitter: number;
  /**
   * A connection that stays open this long resets the back-off; one that drops sooner keeps
   * climbing, so a device that accepts and at once hangs up is not reopened in a tight loop.
   * Default 5000 ms.
   */
  stableMs: number;
}

export const defaultBackoff: BackoffPolicy = {
  initialMs: 250,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.2,
  stableMs: 5_000,
};

/** The wait before attempt `attempt + 1` after `attempt` failures (attempt ≥ 1); `random` is in [0, 1). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const exponential = policy.initialMs * policy.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random));
}

/**
 * `error` reports each loss of the open device, as the inner transport words it; failed attempts to
 * reopen show only in `state`. `close` fires once, after `close()`, never between attempts.
 */
export interface ReconnectingEvents extends TransportEvents {
  state: (state: ConnectionState) => void;
}

export interface ReconnectingOptions {
  backoff?: Partial<BackoffPolicy>;
  scheduler?: Scheduler;
  random?: () => number;
}

export class ReconnectingTransport implements Transport {
  readonly address: string;
  private readonly listeners = new Listeners<ReconnectingEvents>();
  private readonly policy: BackoffPolicy;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private current: ConnectionState = { kind: 'closed' };
  private running = false;
  private failures = 0;
  private openedAt = 0;
  private cancelRetry: (() => void) | null = null;
  private lastError: TransportError | null = null;
  /** Bumped by start() and close(), so an attempt from an earlier run cannot touch this one. */
  private generation = 0;
  private closedWhileOpening = false;
  private waiters: { resolve: () => void; reject: (error: TransportError) => void }[] = [];

  constructor(
    private readonly inner: Transport,
    options: ReconnectingOptions = {},
  ) {
    this.address = inner.address;
    this.policy = { ...defaultBackoff, ...options.backoff };
    this.scheduler = options.scheduler ?? systemScheduler;
    this.random = options.random ?? Math.random;
    inner.on('data', (chunk) => this.listeners.emit('data', chunk));
    inner.on('error', (error) => {
      this.lastError = error;
      if (this.running) this.listeners.emit('error', error);
    });
    inner.on('close', () => this.innerClosed());
  }

  get state(): ConnectionState {
    return this.current;
  }

  on<E extends keyof ReconnectingEvents>(event: E, listener: ReconnectingEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  /** Starts keeping the device open without waiting for it; state events tell how it goes. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.generation += 1;
    void this.attempt(this.generation);
  }

  /** Starts, then resolves once the device is open; rejects if `close()` comes first. */
  open(): Promise<void> {
    this.start();
    if (this.current.kind === 'open') return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Tries at once instead of waiting out the back-off, e.g. when the device manager sees the device
   * plugged back in. Does nothing unless a retry is waiting.
   */
  retryNow(): void {
    if (this.current.kind !== 'waiting-retry' || !this.cancelRetry) return;
    this.cancelRetry();
    void this.attempt(this.generation);
  }

  write(bytes: Uint8Array): Promise<void> {
    const state = this.current;
    if (state.kind !== 'open') {
      const why = state.kind === 'waiting-retry' ? `; next try in ${state.ms} ms` : '';
      return Promise.reject(new TransportError('disconnected', `${this.address} is not connected${why}`));
    }
    return this.inner.write(bytes);
  }

  /** Stops reconnecting and closes the device. */
  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation += 1;
    this.cancelRetry?.();
    this.cancelRetry = null;
    await this.inner.close();
    this.setState({ kind: 'closed' });
    const waiters = this.waiters.splice(0);
    for (const waiter of waiters) {
      waiter.reject(new TransportError('disconnected', `${this.address} was closed before it opened`));
    }
    this.listeners.emit('close');
  }

  private async attempt(generation: number): Promise<void> {
    this.cancelRetry = null;
    this.setState({ kind: 'connecting', attempt: this.failures + 1 });
    this.closedWhileOpening = false;
    try {
      await this.inner.open();
    } catch (error) {
      if (generation !== this.generation) return;
      this.failures += 1;
      this.scheduleRetry(asTransportError(error, this.address));
      return;
    }
    if (generation !== this.generation) {
      if (!this.running) await this.inner.close();
      return;
    }
    if (this.closedWhileOpening) {
      // It opened and dropped at once (a printer that accepts and hangs up): count it as a failure.
      this.failures += 1;
      this.scheduleRetry(
        this.lastError ?? new TransportError('disconnected', `${this.address} hung up at once`),
      );
      return;
    }
    this.lastError = null;
    this.openedAt = this.scheduler.now();
    this.setState({ kind: 'open' });
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private innerClosed(): void {
    if (!this.running) return;
    if (this.current.kind !== 'open') {
      this.closedWhileOpening = true;
      return;
    }
    const stable = this.scheduler.now() - this.openedAt >= this.policy.stableMs;
    this.failures = stable ? 1 : this.failures + 1;
    this.scheduleRetry(this.lastError ?? new TransportError('disconnected', `${this.address} went away`));
  }

  private scheduleRetry(error: TransportError): void {
    const ms = backoffDelay(this.policy, this.failures, this.random());
    this.setState({ kind: 'waiting-retry', ms, attempt: this.failures, error });
    const generation = this.generation;
    this.cancelRetry = this.scheduler.after(ms, () => void this.attempt(generation));
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.listeners.emit('state', state);
  }
}

function asTransportError(error: unknown, address: string): TransportError {
  if (isTransportError(error)) return error;
  return new TransportError('io', `${address}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
