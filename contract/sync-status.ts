// The till's link to HQ as the cashier and the sync page see it. Its own file: contract/ipc.ts
// carries it, and contract/sync.ts (which imports the Receipt from ipc.ts) re-exports it.
import { z } from 'zod';
import { IsoTimestamp } from './common';

/** What the till shows about its link to HQ (status indicator, sync page). */
export const SyncStatus = z.object({
  /** `refused`: HQ answers but will not take the queue as it is (credential, a bad row): a person must look. */
  state: z.enum(['not-enrolled', 'online', 'offline', 'refused']),
  offlineSince: IsoTimestamp.nullable(),
  queueDepth: z.number().int().nonnegative(),
  lastSuccessAt: IsoTimestamp.nullable(),
  lastError: z.object({ at: IsoTimestamp, code: z.string(), message: z.string() }).nullable(),
  nextAttemptAt: IsoTimestamp.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
