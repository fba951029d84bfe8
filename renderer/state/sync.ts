// The till's link to HQ as the screen shows it: the status main announces, read again where it may
// have changed without an announcement, and what a person can do about it (retry now, enrol).
import type { PosError, Result } from '../../contract/common';
import type { CallInput, PosApi } from '../../contract/ipc';
import type { SyncStatus } from '../../contract/sync-status';
import type { RoleLight } from './devices';
import { createRefresher } from './refresher';
import type { PosState } from './types';

const lights: Record<SyncStatus['state'], RoleLight> = {
  online: 'ready',
  // Sales go on and wait on the till: attention, not alarm.
  offline: 'warning',
  // HQ answers but will not take the queue: it will not clear by itself.
  refused: 'problem',
  'not-enrolled': 'absent',
  // The till sells, but HQ's catalogue and customers are still arriving.
  preparing: 'warning',
};

/** A first download that stopped needs a person to press Retry: it does not clear by itself. */
export const bootstrapStopped = (status: SyncStatus): boolean =>
  status.state === 'preparing' && status.bootstrap?.phase === 'failed';

/**
 * The indicator's colour: green online, amber offline or preparing, red refused or preparation
 * stopped, grey not enrolled.
 */
export const syncLight = (status: SyncStatus): RoleLight =>
  bootstrapStopped(status) ? 'problem' : lights[status.state];

/** Only a manager enrols the till (main answers a cashier FORBIDDEN). */
export const canEnrol = (state: PosState): boolean => state.status?.user?.role === 'manager';

export interface SyncDeps {
  api: PosApi;
  getState(): PosState;
  set(patch: Partial<PosState>): void;
  notify(error: PosError): void;
}

export function createSyncActions({ api, getState, set, notify }: SyncDeps) {
  const signedIn = () => getState().status?.user != null;

  const loads = createRefresher(async () => {
    const result = await api.call('sync.status', {});
    if (!result.ok) notify(result.error);
    else if (signedIn()) set({ sync: result.value });
  });

  return {
    loadSync: (): Promise<void> => loads.run(),

    applySync(status: SyncStatus): void {
      if (!signedIn()) return;
      set({ sync: status });
      if (loads.running) void loads.run();
    },

    /** Pushes now, cutting a back-off short; main announces how it went. */
    async retrySync(): Promise<void> {
      const result = await api.call('sync.retryNow', {});
      if (!result.ok) {
        notify(result.error);
        return;
      }
      // The answer left main as the push began, and may reach the page after the push's own
      // announcement: what it says is read again rather than shown.
      await loads.run();
    },

    /** The enrolment form shows a refusal beside itself; only a lost session goes further. */
    async enrolTill(input: CallInput<'sync.enrol'>): Promise<Result<SyncStatus>> {
      const result = await api.call('sync.enrol', input);
      if (result.ok) await loads.run();
      else if (result.error.code === 'NOT_LOGGED_IN') notify(result.error);
      return result;
    },
  };
}
