// The till's link to HQ as the cashier and the sync page see it. Its own file: contract/ipc.ts
// carries it, and contract/sync.ts (which imports the Receipt from ipc.ts) re-exports it.
import { z } from 'zod';
import { IsoTimestamp } from './common';
import { PullStream } from './pull-stream';

const Problem = z.object({ at: IsoTimestamp, code: z.string(), message: z.string() });
const Count = z.number().int().nonnegative();

/** What the pusher knows: the outbox on its way up (main/sync/pusher.ts). */
export const PushStatus = z.object({
  /** `refused`: HQ answers but will not take the queue as it is (credential, a bad row): a person must look. */
  state: z.enum(['not-enrolled', 'online', 'offline', 'refused']),
  offlineSince: IsoTimestamp.nullable(),
  queueDepth: Count,
  lastSuccessAt: IsoTimestamp.nullable(),
  lastError: Problem.nullable(),
  nextAttemptAt: IsoTimestamp.nullable(),
});
export type PushStatus = z.infer<typeof PushStatus>;

/** What the puller knows: HQ's change feeds on their way down (main/sync/puller.ts). */
export const PullStatus = z.object({
  state: z.enum(['not-enrolled', 'idle', 'pulling', 'offline', 'refused']),
  lastPullAt: IsoTimestamp.nullable(),
  lastError: Problem.extend({ stream: PullStream }).nullable(),
  nextAttemptAt: IsoTimestamp.nullable(),
  /** Per stream: items applied since the till began pulling it (its bootstrap included), and when the last were. */
  streams: z.array(z.object({ stream: PullStream, items: Count, appliedAt: IsoTimestamp })),
});
export type PullStatus = z.infer<typeof PullStatus>;

/**
 * Where a new till's first download stands. `resuming`: the connection was cut (or HQ was away) and
 * the download goes on from the last checkpoint the till committed; `finishing`: the streams are in,
 * the recommendation model follows.
 */
export const BootstrapPhase = z.enum(['starting', 'downloading', 'resuming', 'finishing', 'done', 'failed']);
export type BootstrapPhase = z.infer<typeof BootstrapPhase>;

export const BootstrapStreamProgress = z.object({
  stream: PullStream,
  state: z.enum(['waiting', 'downloading', 'done']),
  /** Items the till holds from this stream's snapshot (committed). */
  done: Count,
  /** About how many it will hold at the end: HQ says so as the stream's snapshot begins. */
  expected: Count.nullable(),
});
export type BootstrapStreamProgress = z.infer<typeof BootstrapStreamProgress>;

export const BootstrapStatus = z.object({
  phase: BootstrapPhase,
  streams: z.array(BootstrapStreamProgress),
  /** Uncompressed snapshot bytes received, all streams. */
  bytes: Count,
  /** Times a snapshot went on from its last checkpoint after a cut. */
  resumes: Count,
  startedAt: IsoTimestamp,
  finishedAt: IsoTimestamp.nullable(),
  /** Why it stopped (`failed`), or why it is resuming. */
  error: Problem.extend({ stream: PullStream.nullable() }).nullable(),
});
export type BootstrapStatus = z.infer<typeof BootstrapStatus>;

/**
 * What the till shows about its link to HQ (status indicator, sync page). The push side is at the
 * top, as the indicator reads it; `state` is `preparing` while the till's first download from HQ is
 * under way or stopped, as an empty till is not "online, all done" whatever the pushes do.
 */
export const SyncStatus = PushStatus.extend({
  state: z.enum(['not-enrolled', 'preparing', 'online', 'offline', 'refused']),
  /** The HQ this till is enrolled with (never its credential). */
  hqUrl: z.string().nullable(),
  pull: PullStatus,
  /** The first download, from enrolment until the till restarts; null when none ran since. */
  bootstrap: BootstrapStatus.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
