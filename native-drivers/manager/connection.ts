// Opens one device the UnifiedPOS way: claimed for the till, kept open by a reconnecting transport,
// and its connection state told to its record. Retries after the first failure keep the device in
// 'error' with the latest reason instead of flickering through 'connecting' on every attempt.
import type { Claim, ClaimRegistry } from '../transports/claim';
import { ReconnectingTransport } from '../transports/reconnecting';
import type { BackoffPolicy } from '../transports/reconnecting';
import type { Scheduler } from '../transports/scheduler';
import type { Transport } from '../transports/types';
import type { DeviceRecord } from './device-record';
import { problemOf, problemOfKind } from './problems';
import type { DeviceLog } from './types';

export interface ConnectionContext {
  claims: ClaimRegistry;
  scheduler: Scheduler;
  backoff: Partial<BackoffPolicy> | undefined;
  log: DeviceLog;
}

interface ConnectionHooks {
  /** The transport is open; a returned promise delays `firstTry` (the printer reads its status). */
  opened(): void | Promise<void>;
  /** The transport went away or failed to open. */
  lost?(): void;
}

export interface DeviceConnection {
  /** Null when the device could not be claimed. */
  readonly transport: ReconnectingTransport | null;
  /** Resolves once the first try to open has succeeded (and `opened` finished) or failed. */
  readonly firstTry: Promise<void>;
  readonly isOpen: boolean;
  /** Tries again now, e.g. when hot-plug sees the device back; does nothing unless a retry waits. */
  retryNow(): void;
  close(): Promise<void>;
}

export function connectDevice(
  record: DeviceRecord,
  inner: Transport,
  context: ConnectionContext,
  hooks: ConnectionHooks,
): DeviceConnection {
  const { log } = context;
  let claim: Claim;
  try {
    // What is claimed is the device on the line (its address), by this device of the till: a port
    // named twice in the settings is refused the second time.
    claim = context.claims.claim(inner.address, record.id);
  } catch (error) {
    record.set({ state: 'error', problem: problemOf(error) });
    log.warn('device.claim_refused', { deviceId: record.id, reason: messageOf(error) });
    return {
      transport: null,
      firstTry: Promise.resolve(),
      isOpen: false,
      retryNow: () => undefined,
      close: async () => undefined,
    };
  }

  const transport = new ReconnectingTransport(inner, {
    backoff: context.backoff,
    scheduler: context.scheduler,
  });
  let firstTried: () => void = () => undefined;
  const firstTry = new Promise<void>((resolve) => {
    firstTried = resolve;
  });
  let isOpen = false;
  transport.on('state', (state) => {
    switch (state.kind) {
      case 'connecting':
        if (record.state === 'closed') record.set({ state: 'connecting' });
        return;
      case 'open':
        isOpen = true;
        log.info('device.open', { deviceId: record.id, address: transport.address });
        void Promise.resolve(hooks.opened()).finally(firstTried);
        return;
      case 'waiting-retry': {
        isOpen = false;
        hooks.lost?.();
        const problem = problemOfKind(state.error.kind);
        if (record.problem !== problem || record.state !== 'error') {
          // Logged when the reason changes, not on every retry of a device that stays away.
          log.warn('device.unavailable', {
            deviceId: record.id,
            problem,
            reason: state.error.message,
            retryInMs: state.ms,
          });
        }
        record.set({ state: 'error', problem });
        firstTried();
        return;
      }
      case 'closed':
        isOpen = false;
        record.set({ state: 'closed' });
        firstTried();
        return;
    }
  });
  transport.start();
  return {
    transport,
    firstTry,
    get isOpen() {
      return isOpen;
    },
    retryNow: () => transport.retryNow(),
    close: async () => {
      await transport.close();
      claim.release();
    },
  };
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
