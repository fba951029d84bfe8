// The till's first download from HQ, in a worker thread (started by bootstrap-thread.ts). Parsing a
// million JSON lines and writing them takes the better part of a minute of CPU: on the main thread
// that would be a minute without scans. Here it has its own connection to the till's SQLite file
// (WAL: the till reads on while it writes); its transactions are short (`transactionMs`) and it gives
// way to the main thread between them (main-thread-beat.ts), so a sale's commit waits for one at most.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Logger, LogFields } from '../log';
import type { PullStream } from '../../contract/pull-stream';
import { openDatabase } from '../store/db';
import type { Db } from '../store/db';
import { createSyncCursors } from '../store/replica/cursors';
import { ensurePullSchema } from '../store/replica/schema';
import { BootstrapError, bootstrapTill } from './bootstrap';
import { BootstrapWorkerInput, StopBootstrap } from './bootstrap-messages';
import type { BootstrapWorkerMessage } from './bootstrap-messages';
import { readCredentials } from './credentials';
import { giveWayToMainThread } from './main-thread-beat';

function workerLog(send: (message: BootstrapWorkerMessage) => void): Logger {
  const line =
    (level: 'info' | 'warn' | 'error') =>
    (event: string, fields: LogFields = {}) =>
      send({ type: 'log', level, event, fields });
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

async function run(port: MessagePort): Promise<void> {
  const send = (message: BootstrapWorkerMessage) => port.postMessage(message);
  const abort = new AbortController();
  const onMessage = (message: unknown) => {
    if (StopBootstrap.safeParse(message).success) abort.abort();
  };
  port.on('message', onMessage);
  let db: Db | null = null;
  try {
    const input = BootstrapWorkerInput.parse(workerData);
    const credentials = await readCredentials(input.dataDir);
    if (!credentials) {
      send({ type: 'failed', stream: null, code: 'NOT_ENROLLED', message: 'this till is not enrolled' });
      return;
    }
    // A bulk load: commits are not flushed one by one (WAL with NORMAL never corrupts; a power cut
    // loses at most the last checkpoints, which the bootstrap downloads again when the till restarts).
    db = openDatabase(input.dbFile, { synchronous: 'NORMAL', busyTimeoutMs: 10_000 });
    db.pragma(`cache_size = -${input.cacheMib * 1024}`);
    ensurePullSchema(db);
    // Counts as the till holds them: after a restart or a retry, what earlier runs committed too.
    const held = new Map(
      createSyncCursors(db)
        .all()
        .map(({ stream, items }) => [stream, items]),
    );
    const before = (stream: PullStream) => held.get(stream) ?? 0;
    const summary = await bootstrapTill({
      db,
      credentials,
      log: workerLog(send),
      signal: abort.signal,
      checkpointEvery: input.checkpointEvery,
      transactionMs: input.transactionMs,
      beforeTransaction: giveWayToMainThread(input.mainThreadBeat),
      retries: input.retries,
      retryDelayMs: input.retryDelayMs,
      idleTimeoutMs: input.idleTimeoutMs,
      ...(input.streams && { streams: input.streams }),
      onProgress: (progress) =>
        send({
          type: 'progress',
          ...progress,
          done: before(progress.stream) + progress.done,
          total: before(progress.stream) + progress.total,
        }),
      onResume: (resume) => send({ type: 'resuming', ...resume }),
      onStreamDone: (stream, items) => send({ type: 'stream-done', stream, items: before(stream) + items }),
    });
    // What is left in the WAL goes into the file here rather than in a sale's commit; PASSIVE, as the
    // other modes hold the till's writers off while they copy.
    db.pragma('wal_checkpoint(PASSIVE)');
    send({
      type: 'done',
      items: summary.items,
      resumes: summary.resumes,
      bytes: summary.bytes,
      ms: summary.ms,
    });
  } catch (error) {
    if (error instanceof BootstrapError) {
      send({
        type: 'failed',
        stream: error.stream,
        code: error.failure.code,
        message: error.failure.message,
      });
    } else {
      send({ type: 'failed', stream: null, code: 'INTERNAL', message: (error as Error).message });
    }
  } finally {
    db?.close();
    // The thread ends once its last messages are out.
    port.off('message', onMessage);
    port.unref();
  }
}

if (parentPort) void run(parentPort);
