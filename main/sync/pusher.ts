// Pushes the outbox to HQ: oldest first, in batches, at least once — HQ makes it exactly once by
// mutation id. A kick after a sale pushes at once; while HQ is unreachable attempts back off
// exponentially with full jitter, and a kick does not cut a back-off short (a busy store would
// hammer a struggling HQ) — `retryNow()` does, for a person pressing the button. Nothing here runs
// inside a sale: a kick is deferred to the next turn of the event loop, after the sale's
// transaction, and every network wait is asynchronous.
import type { PushStatus } from '../../contract/sync-status';
import { PushConflict, PushResponse } from '../../contract/sync';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { authorization, readCredentials, writeCredentials } from './credentials';
import type { TillCredentials } from './credentials';
import { createOutboxCursor } from './outbox-cursor';
import type { PendingMutation } from './outbox-cursor';

export interface PusherOptions {
  db: Db;
  dataDir: string;
  log: Logger;
  now?: () => Date;
  /** [0, 1): the jitter. */
  random?: () => number;
  fetch?: typeof fetch;
  batchSize?: number;
  maxBatchBytes?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** While idle, look for rows written without a kick this often. */
  pollMs?: number;
  requestTimeoutMs?: number;
  /** Runs `task` after `ms`; answers a cancel. Tests pass their own clock. */
  schedule?: (task: () => void, ms: number) => () => void;
}

export interface Pusher {
  start(): void;
  /** Stops pushing; an answer still on its way is dropped (and the batch sent again next time). */
  stop(): void;
  /** A mutation was committed: push it soon. Cheap, and safe to call inside a transaction. */
  kick(): void;
  /** Push now, cutting any back-off short. */
  retryNow(): void;
  status(): PushStatus;
  onStatus(listener: (status: PushStatus) => void): () => void;
}

const defaultSchedule = (task: () => void, ms: number) => {
  const timer = setTimeout(task, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

type Outcome =
  { next: 'continue' } | { next: 'idle' } | { next: 'back-off'; atLeastMs?: number } | { next: 'again' };

/** Conflicts answered in a row (rewinds, a new epoch) before the pusher stops and backs off. */
const MAX_CORRECTIONS = 3;

export function createPusher(options: PusherOptions): Pusher {
  const { db, dataDir, log } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const send = options.fetch ?? fetch;
  const batchSize = options.batchSize ?? 200;
  const maxBatchBytes = options.maxBatchBytes ?? 1024 * 1024;
  const { baseMs, maxMs } = options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  const pollMs = options.pollMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const schedule = options.schedule ?? defaultSchedule;
  const cursor = createOutboxCursor(db);

  let running = false;
  let credentials: TillCredentials | null | undefined;
  let inFlight = false;
  let kicked = false;
  let kickQueued = false;
  let failures = 0;
  let corrections = 0;
  let cancelTimer: (() => void) | null = null;
  let nextAttemptAt: Date | null = null;
  let shutdown = new AbortController();
  const listeners = new Set<(status: PushStatus) => void>();
  let state: Omit<PushStatus, 'queueDepth' | 'nextAttemptAt'> = {
    state: 'not-enrolled',
    offlineSince: null,
    lastSuccessAt: null,
    lastError: null,
  };

  const status = (): PushStatus => ({
    ...state,
    queueDepth: db.open ? cursor.depth() : 0,
    nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
  });
  const changed = () => {
    if (listeners.size === 0) return;
    const current = status();
    for (const listener of listeners) listener(current);
  };

  /** Runs a cycle after `ms`; a back-off shows on the sync page as the next attempt, a poll does not. */
  function wait(ms: number, backingOff: boolean) {
    cancelTimer?.();
    nextAttemptAt = backingOff ? new Date(now().getTime() + ms) : null;
    cancelTimer = schedule(() => {
      cancelTimer = null;
      nextAttemptAt = null;
      void cycle();
    }, ms);
  }

  function succeeded() {
    failures = 0;
    state = { ...state, state: 'online', offlineSince: null, lastSuccessAt: now().toISOString() };
  }

  function failed(kind: 'offline' | 'refused', code: string, message: string) {
    const at = now().toISOString();
    state = {
      ...state,
      state: kind,
      offlineSince: state.offlineSince ?? at,
      lastError: { at, code, message },
    };
    log.warn('sync.push_failed', { code, message, kind });
  }

  async function credentialsNow(): Promise<TillCredentials | null> {
    if (credentials === undefined) {
      try {
        credentials = await readCredentials(dataDir);
      } catch (error) {
        credentials = null;
        failed('refused', 'CREDENTIALS_DAMAGED', (error as Error).message);
      }
    }
    return credentials;
  }

  function body(enrolled: TillCredentials, rows: PendingMutation[]): string {
    // The payloads are JSON already (SQLite checked them): spliced in as they are.
    const mutations = rows.map(
      (row) =>
        `{"id":${JSON.stringify(row.id)},"seq":${row.seq},"kind":${JSON.stringify(row.kind)},` +
        `"createdAt":${JSON.stringify(row.createdAt)},"payload":${row.payload}}`,
    );
    return `{"terminalId":${JSON.stringify(enrolled.terminalId)},"hqEpoch":${JSON.stringify(enrolled.hqEpoch)},"mutations":[${mutations.join(',')}]}`;
  }

  /** HQ lost what it had from `expectedSeq` on: send it again, if this till still has it. */
  function rewind(expectedSeq: number, firstPending: number, why: string): Outcome {
    if (expectedSeq >= firstPending) return { next: 'again' };
    if (!cursor.rewindTo(expectedSeq)) {
      failed('refused', 'SEQ_GAP', `HQ expects seq ${expectedSeq}, which this till no longer holds`);
      return { next: 'back-off' };
    }
    log.warn('sync.rewound', { expectedSeq, firstPending, why });
    return { next: 'again' };
  }

  async function pushOnce(): Promise<Outcome> {
    const enrolled = await credentialsNow();
    if (!enrolled) {
      // Enrolment (npm run enrol, the first-run screen) writes the file: look again next time.
      credentials = undefined;
      if (state.state !== 'refused') state = { ...state, state: 'not-enrolled' };
      return { next: 'idle' };
    }
    if (!running) return { next: 'idle' };
    const rows = cursor.next(batchSize, maxBatchBytes);
    if (rows.length === 0) {
      // Enrolled, nothing waiting, no failure since the last exchange: the till is in sync.
      if (state.state === 'not-enrolled') state = { ...state, state: 'online' };
      return { next: 'idle' };
    }
    const first = rows[0]?.seq ?? 0;

    let response: Response;
    let answer: unknown;
    try {
      response = await send(`${enrolled.hqUrl}/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: authorization(enrolled) },
        body: body(enrolled, rows),
        signal: AbortSignal.any([shutdown.signal, AbortSignal.timeout(requestTimeoutMs)]),
      });
      answer = await response.json();
    } catch (error) {
      if (!running) return { next: 'idle' };
      // HQ may have applied the batch before the answer got lost: the same batch goes again and
      // HQ answers it from what it stored.
      failed('offline', 'HQ_UNREACHABLE', (error as Error).message);
      return { next: 'back-off' };
    }
    if (!running) return { next: 'idle' };

    if (response.status === 200) {
      const parsed = PushResponse.safeParse(answer);
      if (!parsed.success) {
        failed('offline', 'BAD_ANSWER', 'HQ answered a push with an unexpected body');
        return { next: 'back-off' };
      }
      const sent = new Map(rows.map((row) => [row.id, row.seq]));
      const acks = parsed.data.acks.filter((ack) => sent.get(ack.id) === ack.seq);
      cursor.acknowledge(acks, now().toISOString());
      corrections = 0;
      succeeded();
      const replayed = acks.filter((ack) => ack.replayed).length;
      log.info('sync.pushed', {
        first,
        last: rows.at(-1)?.seq ?? first,
        applied: acks.length - replayed,
        replayed,
        flagged: acks.filter((ack) => ack.result.flags.length > 0).length,
      });
      return { next: 'continue' };
    }
    if (response.status === 409) {
      const conflict = PushConflict.safeParse(answer);
      if (!conflict.success) {
        failed('refused', 'CONFLICT', 'HQ refused the push with a conflict this till does not know');
        return { next: 'back-off' };
      }
      corrections += 1;
      if (corrections > MAX_CORRECTIONS) {
        failed('refused', conflict.data.error, `HQ keeps refusing the push: ${conflict.data.message}`);
        return { next: 'back-off' };
      }
      if (conflict.data.error === 'SEQ_GAP') return rewind(conflict.data.expectedSeq, first, 'seq-gap');
      const outcome = rewind(conflict.data.expectedSeq, first, 'new-hq-epoch');
      if (outcome.next === 'again') {
        // Rewound first: a crash before the new epoch is written only repeats this conversation.
        credentials = { ...enrolled, hqEpoch: conflict.data.hqEpoch };
        await writeCredentials(dataDir, credentials);
        log.warn('sync.hq_epoch_changed', {
          hqEpoch: conflict.data.hqEpoch,
          expectedSeq: conflict.data.expectedSeq,
        });
      }
      return outcome;
    }
    const refusal = answer as { error?: string; message?: string } | null;
    const code = refusal?.error ?? `HTTP_${response.status}`;
    const message = refusal?.message ?? `HQ answered ${response.status}`;
    if (response.status === 401) {
      // Perhaps re-enrolled meanwhile (npm run enrol): read the file again next time.
      credentials = undefined;
      failed('refused', code, message);
      return { next: 'back-off' };
    }
    if (response.status === 429) {
      failed('offline', code, message);
      return { next: 'back-off', atLeastMs: Number(response.headers.get('retry-after') ?? 1) * 1000 };
    }
    failed(response.status >= 500 ? 'offline' : 'refused', code, message);
    return { next: 'back-off' };
  }

  async function cycle(): Promise<void> {
    if (!running) return;
    if (inFlight) {
      kicked = true;
      return;
    }
    cancelTimer?.();
    cancelTimer = null;
    nextAttemptAt = null;
    inFlight = true;
    try {
      for (;;) {
        kicked = false;
        let outcome: Outcome;
        try {
          outcome = await pushOnce();
        } catch (error) {
          // A bug or a local failure (disk): visible on the sync page, retried with back-off.
          failed('offline', 'INTERNAL', (error as Error).message);
          outcome = { next: 'back-off' };
        }
        if (!running) return;
        if (outcome.next === 'continue' || outcome.next === 'again' || (outcome.next === 'idle' && kicked)) {
          changed();
          continue;
        }
        if (outcome.next === 'idle') {
          wait(pollMs, false);
        } else {
          failures += 1;
          const ceiling = Math.min(maxMs, baseMs * 2 ** (failures - 1));
          wait(Math.max(outcome.atLeastMs ?? 0, Math.round(random() * ceiling)), true);
        }
        changed();
        return;
      }
    } finally {
      inFlight = false;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      shutdown = new AbortController();
      void cycle();
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      nextAttemptAt = null;
      shutdown.abort();
    },
    kick() {
      if (!running) return;
      if (inFlight) {
        kicked = true;
        return;
      }
      if (failures > 0 || kickQueued) return;
      kickQueued = true;
      setImmediate(() => {
        kickQueued = false;
        void cycle();
      });
    },
    retryNow() {
      if (!running) return;
      failures = 0;
      corrections = 0;
      if (state.state === 'refused') credentials = undefined;
      void cycle();
    },
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
