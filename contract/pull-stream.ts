// The names of HQ's change feeds. Its own file: contract/sync-status.ts (which contract/ipc.ts
// carries) names them too, and cannot import contract/sync.ts without an import cycle.
import { z } from 'zod';

export const PullStream = z.enum([
  'catalogue',
  'prices',
  'customers',
  'coupons',
  'history',
  'settings',
  'reco',
]);
export type PullStream = z.infer<typeof PullStream>;
