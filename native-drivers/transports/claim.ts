// UnifiedPOS claim/release: an opened device is used by one claimant at a time (the checkout, the
// devices page's test print, a diagnostic). A second claimant is refused with 'claimed' until the
// first releases, or may wait for the release up to a timeout, first come first served.
import { systemScheduler } from './scheduler';
import type { Scheduler } from './scheduler';
import { TransportError } from './types';

export interface Claim {
  readonly deviceId: string;
  readonly claimant: string;
  /** False once released; a released claim cannot be used again. */
  readonly held: boolean;
  /** Gives the device up; the next waiting claimant gets it. Releasing twice does nothing. */
  release(): void;
}

interface Waiter {
  claimant: string;
  resolve: (claim: Claim) => void;
  reject: (error: TransportError) => void;
  cancelTimeout: () => void;
}

export class ClaimRegistry {
  private readonly holders = new Map<string, ClaimHandle>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly scheduler: Scheduler = systemScheduler) {}

  /** Claims the device now, or throws TransportError 'claimed' naming the holder. Re-claiming by the holder returns its claim. */
  claim(deviceId: string, claimant: string): Claim {
    const holder = this.holders.get(deviceId);
    if (holder?.claimant === claimant) return holder;
    if (holder) throw claimedError(deviceId, holder.claimant);
    return this.grant(deviceId, claimant);
  }

  /** Like `claim`, but waits up to `timeoutMs` for the holder to release (UnifiedPOS claim(timeout)). */
  claimWithin(deviceId: string, claimant: string, timeoutMs: number): Promise<Claim> {
    const holder = this.holders.get(deviceId);
    if (!holder || holder.claimant === claimant) return Promise.resolve(this.claim(deviceId, claimant));
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(deviceId) ?? [];
      this.queues.set(deviceId, queue);
      const waiter: Waiter = {
        claimant,
        resolve,
        reject,
        cancelTimeout: this.scheduler.after(timeoutMs, () => {
          queue.splice(queue.indexOf(waiter), 1);
          if (queue.length === 0) this.queues.delete(deviceId);
          reject(claimedError(deviceId, this.holders.get(deviceId)?.claimant ?? 'another claimant'));
        }),
      };
      queue.push(waiter);
    });
  }

  /** Who holds the device, if anyone. */
  holder(deviceId: string): string | null {
    return this.holders.get(deviceId)?.claimant ?? null;
  }

  private grant(deviceId: string, claimant: string): ClaimHandle {
    const handle = new ClaimHandle(deviceId, claimant, () => this.released(handle));
    this.holders.set(deviceId, handle);
    return handle;
  }

  private released(handle: ClaimHandle): void {
    if (this.holders.get(handle.deviceId) !== handle) return;
    this.holders.delete(handle.deviceId);
    const queue = this.queues.get(handle.deviceId);
    const next = queue?.shift();
    if (queue?.length === 0) this.queues.delete(handle.deviceId);
    if (!next) return;
    next.cancelTimeout();
    next.resolve(this.grant(handle.deviceId, next.claimant));
  }
}

class ClaimHandle implements Claim {
  private isHeld = true;

  constructor(
    readonly deviceId: string,
    readonly claimant: string,
    private readonly onRelease: () => void,
  ) {}

  get held(): boolean {
    return this.isHeld;
  }

  release(): void {
    if (!this.isHeld) return;
    this.isHeld = false;
    this.onRelease();
  }
}

function claimedError(deviceId: string, holder: string): TransportError {
  return new TransportError('claimed', `${deviceId} is in use by ${holder}`);
}
