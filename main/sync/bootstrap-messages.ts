// What crosses the thread boundary between the till's main thread and the bootstrap's worker
// (bootstrap-worker.ts): what it is asked to do, and what it reports. Both sides parse what they
// receive: a worker that crashed half-way through a message, or one built from other sources, shows
// as a failed bootstrap rather than as a wrong progress bar.
import { z } from 'zod';
import { PullStream } from '../../contract/pull-stream';

const Count = z.number().int().nonnegative();
const RowStream = PullStream.exclude(['reco']);

export const BootstrapSettings = z.object({
  /** Items per checkpoint: what a cut costs to read again. */
  checkpointEvery: z.number().int().min(100).max(50_000),
  /** About how long one of its transactions may keep a sale on the till's connection waiting. */
  transactionMs: z.number().int().positive(),
  /** Attempts per stream after a cut or an unreachable HQ, before the bootstrap stops with the reason. */
  retries: Count,
  retryDelayMs: z.object({ baseMs: z.number().int().positive(), maxMs: z.number().int().positive() }),
  /** A snapshot that sends nothing for this long is cut and resumed. */
  idleTimeoutMs: z.number().int().positive(),
  /** The worker connection's page cache, in MiB: what it adds to the till's memory while it runs. */
  cacheMib: z.number().int().positive(),
  streams: z.array(RowStream).min(1).optional(),
});
export type BootstrapSettings = z.infer<typeof BootstrapSettings>;

/** What a run is: the settings and the till's files. */
export const BootstrapJob = BootstrapSettings.extend({
  dataDir: z.string().min(1),
  dbFile: z.string().min(1),
});
export type BootstrapJob = z.infer<typeof BootstrapJob>;

export const BootstrapWorkerInput = BootstrapJob.extend({
  /** The main thread's beat (main-thread-beat.ts). */
  mainThreadBeat: z.instanceof(SharedArrayBuffer),
});
export type BootstrapWorkerInput = z.infer<typeof BootstrapWorkerInput>;

export const StopBootstrap = z.object({ type: z.literal('stop') });
export type StopBootstrap = z.infer<typeof StopBootstrap>;

const LogValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const BootstrapWorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), stream: PullStream, done: Count, total: Count, bytes: Count }),
  z.object({
    type: z.literal('resuming'),
    stream: PullStream,
    attempt: z.number().int().positive(),
    code: z.string(),
    message: z.string(),
    delayMs: Count,
  }),
  z.object({ type: z.literal('stream-done'), stream: PullStream, items: Count }),
  z.object({
    type: z.literal('done'),
    items: z.partialRecord(PullStream, Count),
    resumes: Count,
    bytes: Count,
    ms: Count,
  }),
  z.object({
    type: z.literal('failed'),
    stream: PullStream.nullable(),
    code: z.string(),
    message: z.string(),
  }),
  /** A line for the till's log, which the main thread owns. */
  z.object({
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    event: z.string(),
    fields: z.record(z.string(), LogValue.optional()),
  }),
]);
export type BootstrapWorkerMessage = z.infer<typeof BootstrapWorkerMessage>;
