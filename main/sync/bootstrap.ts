// A new till's first download: each stream as one gzip'd NDJSON snapshot (hq/pull/routes.ts), the
// items validated against the contract and applied in large transactions, each closed at one of HQ's
// checkpoints together with the cursor it names. A cut connection resumes from the last checkpoint
// the till committed; what came after it is read again. When a stream ends its cursor is where the
// puller goes on from, so nothing written at HQ meanwhile is missed.
//
// Speed (a million customers in well under a minute): the items of a checkpoint are one transaction
// of prepared statements; the caller opens the database for bulk work (bootstrap-cli.ts); validation
// and JSON parsing are per line, without intermediate copies.
import { compiledPerKey } from '../../contract/compiled-parse';
import { SnapshotControl, pullItems } from '../../contract/sync';
import type { PullStream } from '../../contract/sync';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { Db } from '../store/db';
import { storageError } from '../store/errors';
import { createReplica } from '../store/replica/replica';
import type { RowPage, RowStream } from '../store/replica/replica';
import { ensurePullSchema } from '../store/replica/schema';
import type { TillCredentials } from './credentials';
import { createPullClient } from './pull-client';
import type { PullFailure } from './pull-client';
import { pullStream } from './pull-stream';

export const BOOTSTRAP_STREAMS: readonly RowStream[] = [
  'settings',
  'catalogue',
  'prices',
  'customers',
  'coupons',
  'history',
];

/** A cut costs at most this many items read again; each commit is a few hundred milliseconds of work. */
const DEFAULT_CHECKPOINT_EVERY = 25_000;

export interface BootstrapProgress {
  stream: PullStream;
  /** Items of this stream the till holds (committed). */
  done: number;
  /** About how many it will hold at the end of the stream. */
  total: number;
  /** NDJSON bytes received so far, all streams (gzip carries about a fifth of them). */
  bytes: number;
}

/** A snapshot is read again from the last checkpoint the till committed, after `delayMs`. */
export interface BootstrapResume {
  stream: PullStream;
  attempt: number;
  code: string;
  message: string;
  delayMs: number;
}

export interface BootstrapOptions {
  db: Db;
  credentials: TillCredentials;
  fetch?: typeof fetch;
  log?: Logger;
  now?: () => Date;
  streams?: readonly RowStream[];
  onProgress?: (progress: BootstrapProgress) => void;
  onResume?: (resume: BootstrapResume) => void;
  /** A stream is complete: the next one begins, or the recommendation model follows the last. */
  onStreamDone?: (stream: RowStream, items: number) => void;
  /** Attempts per stream after a cut or an unreachable HQ, with exponential back-off. */
  retries?: number;
  retryDelayMs?: { baseMs: number; maxMs: number };
  /** A snapshot that sends nothing for this long is cut and resumed. */
  idleTimeoutMs?: number;
  /**
   * Items between checkpoints, each one transaction: larger ones write the indexes' pages fewer times
   * (about a tenth of a bulk load is commits at 10,000), smaller ones lose less to a cut. HQ allows
   * 100 to 50,000.
   */
  checkpointEvery?: number;
  /**
   * About how long one transaction may hold the database's write lock; a checkpoint is applied in
   * several when it would take longer. Unset: one per checkpoint (the CLI, with the till closed).
   */
  transactionMs?: number;
  /** Before each transaction, on the caller's thread: where a worker gives way to the till's main thread. */
  beforeTransaction?: () => void;
  signal?: AbortSignal;
  /** Also pull the recommendation model at the end (it is not snapshotted). */
  reco?: boolean;
}

export interface BootstrapSummary {
  items: Partial<Record<PullStream, number>>;
  /** Times a snapshot was resumed after a cut. */
  resumes: number;
  bytes: number;
  ms: number;
}

export class BootstrapError extends Error {
  override name = 'BootstrapError';
  constructor(
    readonly stream: PullStream,
    readonly failure: PullFailure,
  ) {
    super(`${stream}: ${failure.code}: ${failure.message}`);
  }
}

/**
 * Items per transaction: a whole checkpoint without a target; with one, as many as took about
 * `targetMs` in the last transaction (the rate differs by stream and by how busy the machine is).
 */
function transactionSlices(targetMs: number | undefined) {
  const slice = {
    size: targetMs === undefined ? Number.POSITIVE_INFINITY : 500,
    took(items: number, ms: number) {
      if (targetMs === undefined || items === 0) return;
      const perItem = Math.max(ms, 0.1) / items;
      slice.size = Math.min(50_000, Math.max(100, Math.round(targetMs / perItem)));
    },
  };
  return slice;
}

/** Thrown inside a read to end it; the attempt loop decides what follows. */
class Cut extends Error {
  constructor(readonly failure: PullFailure) {
    super(failure.message);
  }
}

// Millions of items: the contract's schemas compiled to plain functions, with zod's verdicts and
// messages (contract/compiled-parse.ts), half of zod's time per customer.
const itemParser = compiledPerKey((stream: RowStream) => pullItems[stream]);

/** A line HQ sent that is not JSON is HQ's fault, not the network's: no retry fixes it. */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new Cut({ kind: 'invalid', code: 'SNAPSHOT_INVALID', message: 'a line is not JSON' });
  }
}

// The listener goes with the wait: a long bootstrap with many resumes must not pile them up on the signal.
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

export async function bootstrapTill(options: BootstrapOptions): Promise<BootstrapSummary> {
  const { db } = options;
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const retries = options.retries ?? 20;
  const { baseMs, maxMs } = options.retryDelayMs ?? { baseMs: 500, maxMs: 30_000 };
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  ensurePullSchema(db);
  const replica = createReplica(db);
  const client = createPullClient({
    credentials: options.credentials,
    fetch: options.fetch,
    signal: options.signal,
  });
  const started = performance.now();
  const summary: BootstrapSummary = { items: {}, resumes: 0, bytes: 0, ms: 0 };
  const slice = transactionSlices(options.transactionMs);

  /** Reads one snapshot response to its end line, committing at every checkpoint. */
  async function readSnapshot(
    stream: RowStream,
    body: AsyncIterable<Buffer>,
    abort: AbortController,
    progress: { done: number; total: number },
  ): Promise<void> {
    const parseItem = itemParser(stream);
    const decoder = new TextDecoder();
    let items: unknown[] = [];
    let rest = '';
    let idle = setTimeout(() => abort.abort(), idleTimeoutMs);
    const commit = (cursor: string | null) => {
      const at = now().toISOString();
      // With `transactionMs`, a checkpoint's items go in slices, each its own transaction, and only
      // the last moves the cursor (and counts them all): a write on another connection — a sale —
      // waits for one slice, not a whole checkpoint. After a cut the slices committed before the
      // cursor are read and applied again, which changes nothing (applying is idempotent).
      const before = replica.cursors.cursor(stream);
      let start = 0;
      do {
        const end = Math.min(items.length, start + slice.size);
        const last = end === items.length;
        options.beforeTransaction?.();
        const began = performance.now();
        replica.applyPage(
          { stream, items: items.slice(start, end) } as RowPage,
          last ? cursor : before,
          at,
          last ? items.length : 0,
        );
        slice.took(end - start, performance.now() - began);
        start = end;
      } while (start < items.length);
      progress.done += items.length;
      items = [];
      options.onProgress?.({ stream, done: progress.done, total: progress.total, bytes: summary.bytes });
    };
    try {
      for await (const chunk of body) {
        clearTimeout(idle);
        idle = setTimeout(() => abort.abort(), idleTimeoutMs);
        summary.bytes += chunk.byteLength;
        const text = rest + decoder.decode(chunk, { stream: true });
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
          const line = text.slice(start, end);
          start = end + 1;
          if (line.startsWith('{"@')) {
            const control = SnapshotControl.safeParse(parseLine(line));
            if (!control.success) {
              throw new Cut({
                kind: 'invalid',
                code: 'SNAPSHOT_INVALID',
                message: 'a control line is malformed',
              });
            }
            if ('@checkpoint' in control.data) {
              commit(control.data['@checkpoint']);
              continue;
            }
            commit(control.data['@end']);
            return;
          }
          const item = parseItem(parseLine(line));
          if (!item.success) {
            const issue = item.error.issues[0];
            throw new Cut({
              kind: 'invalid',
              code: 'SNAPSHOT_INVALID',
              message: `item ${progress.done + items.length + 1}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
            });
          }
          items.push(item.data);
        }
        rest = text.slice(start);
      }
    } catch (error) {
      if (error instanceof Cut) throw error;
      // The till's own database: busy is worth another attempt; a full disk or a bug is not the network's.
      const local = storageError(error);
      if (local?.error.code === 'STORE_BUSY') {
        throw new Cut({ kind: 'offline', code: 'STORE_BUSY', message: (error as Error).message });
      }
      if (local) throw error;
      // A reset connection, a truncated gzip stream, the idle timer: resume from the last checkpoint.
      throw new Cut({ kind: 'offline', code: 'HQ_UNREACHABLE', message: (error as Error).message });
    } finally {
      clearTimeout(idle);
    }
    throw new Cut({
      kind: 'offline',
      code: 'HQ_UNREACHABLE',
      message: 'the snapshot ended before its end line',
    });
  }

  async function bootstrapStream(stream: RowStream): Promise<number> {
    const progress = { done: 0, total: 0 };
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted)
        throw new BootstrapError(stream, { kind: 'offline', code: 'ABORTED', message: 'aborted' });
      const abort = new AbortController();
      const stop = () => abort.abort();
      options.signal?.addEventListener('abort', stop);
      let failure: PullFailure;
      try {
        const answer = await client.snapshot(
          stream,
          replica.cursors.cursor(stream),
          options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
          abort.signal,
        );
        if (answer.ok) {
          progress.total = progress.done + answer.value.items;
          options.onProgress?.({ stream, done: progress.done, total: progress.total, bytes: summary.bytes });
          await readSnapshot(stream, answer.value.body, abort, progress);
          return progress.done;
        }
        failure = answer.failure;
      } catch (error) {
        if (!(error instanceof Cut)) throw error;
        failure = error.failure;
      } finally {
        options.signal?.removeEventListener('abort', stop);
        abort.abort();
      }
      if (failure.kind === 'stale') {
        replica.cursors.restart(stream);
      } else if (failure.kind !== 'offline' || attempt >= retries) {
        throw new BootstrapError(stream, failure);
      }
      summary.resumes += 1;
      const delay = Math.min(maxMs, baseMs * 2 ** attempt);
      log.warn('sync.bootstrap_resumed', {
        stream,
        attempt: attempt + 1,
        code: failure.code,
        message: failure.message,
        delayMs: delay,
      });
      options.onResume?.({
        stream,
        attempt: attempt + 1,
        code: failure.code,
        message: failure.message,
        delayMs: delay,
      });
      await sleep(delay, options.signal);
    }
  }

  for (const stream of options.streams ?? BOOTSTRAP_STREAMS) {
    const streamStarted = performance.now();
    const items = await bootstrapStream(stream);
    summary.items[stream] = items;
    options.onStreamDone?.(stream, items);
    log.info('sync.bootstrapped', {
      stream,
      items: summary.items[stream],
      ms: Math.round(performance.now() - streamStarted),
    });
  }
  if (options.reco ?? true) {
    const outcome = await pullStream({ replica, client, pageLimit: 1, now }, 'reco');
    if (outcome.ok) summary.items.reco = outcome.items;
    else
      log.warn('sync.bootstrap_reco_failed', {
        code: outcome.failure.code,
        message: outcome.failure.message,
      });
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
