// Pulls HQ's change feeds into the till: every stream up to HQ's present, then again every `pollMs`,
// with exponential back-off and full jitter while HQ is away. It runs beside the pusher and never
// waits for it: HQ owns what is pulled, the till owns what is pushed (FIELD.md, PowerSync). A page is
// applied in one transaction with its cursor; one that does not match the contract changes nothing
// and shows as the last error. Prices that come into force as time passes are applied each cycle.
import type { RecoModel } from '../../contract/reco';
import type { PullStream, RecoArtefact, SettingItem } from '../../contract/sync';
import type { PullStatus } from '../../contract/sync-status';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { createHlcClock } from '../store/hlc';
import { createReplica } from '../store/replica/replica';
import { ensurePullSchema } from '../store/replica/schema';
import { readCredentials } from './credentials';
import type { TillCredentials } from './credentials';
import { createPullClient } from './pull-client';
import { pullStream } from './pull-stream';
import type { StreamOutcome } from './pull-stream';

/** Customers before what names them (coupons, history); the model last: it is the largest download. */
const PULL_ORDER: readonly PullStream[] = [
  'settings',
  'catalogue',
  'prices',
  'customers',
  'coupons',
  'history',
  'reco',
];

export interface PullerOptions {
  db: Db;
  dataDir: string;
  log: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Between cycles while all is well. */
  pollMs?: number;
  /** Items per page: a page is one transaction on the till's connection, so keep it short. */
  pageLimit?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** [0, 1): the jitter. */
  random?: () => number;
  requestTimeoutMs?: number;
  schedule?: (task: () => void, ms: number) => () => void;
  streams?: readonly PullStream[];
  /** HQ's model, checked (hash, then schema); also the kept one at start. Wire to recommendations.useModel. */
  onRecoModel?: (model: RecoModel, artefact: RecoArtefact) => void;
  /** A chain setting HQ changed (the member QR keyring, RFM boundaries); also the kept ones at start. */
  onSetting?: (setting: SettingItem) => void;
}

export interface PullCycle {
  /** Items applied, by stream. */
  applied: Partial<Record<PullStream, number>>;
  failed: { stream: PullStream; code: string }[];
}

export interface Puller {
  start(): void;
  stop(): void;
  /** Pulls every stream now (after a cycle already running) and answers what it applied. */
  pullNow(): Promise<PullCycle>;
  status(): PullStatus;
  onStatus(listener: (status: PullStatus) => void): () => void;
}

const defaultSchedule = (task: () => void, ms: number) => {
  const timer = setTimeout(task, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export function createPuller(options: PullerOptions): Puller {
  const { db, dataDir, log } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 60_000;
  const pageLimit = options.pageLimit ?? 500;
  const { baseMs, maxMs } = options.backoff ?? { baseMs: 2000, maxMs: 300_000 };
  const schedule = options.schedule ?? defaultSchedule;
  const streams = options.streams ?? PULL_ORDER;
  ensurePullSchema(db);
  const replica = createReplica(db);
  const clock = createHlcClock(db);

  let running = false;
  let failures = 0;
  let cancelTimer: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let shutdown = new AbortController();
  const listeners = new Set<(status: PullStatus) => void>();
  let state: Omit<PullStatus, 'streams'> = {
    state: 'not-enrolled',
    lastPullAt: null,
    lastError: null,
    nextAttemptAt: null,
  };
  const status = (): PullStatus => ({
    ...state,
    streams: db.open
      ? replica.cursors.all().map(({ stream, items, appliedAt }) => ({ stream, items, appliedAt }))
      : [],
  });

  const changed = (next: Partial<Omit<PullStatus, 'streams'>>) => {
    state = { ...state, ...next };
    if (listeners.size === 0) return;
    const current = status();
    for (const listener of listeners) listener(current);
  };

  function wait(ms: number, backingOff: boolean) {
    cancelTimer?.();
    changed({ nextAttemptAt: backingOff ? new Date(now().getTime() + ms).toISOString() : null });
    cancelTimer = schedule(() => {
      cancelTimer = null;
      void enqueue();
    }, ms);
  }

  /** What this till already holds from HQ, handed over at start as if it had just arrived. */
  function handOverKept() {
    const kept = replica.reco.stored();
    if (kept) options.onRecoModel?.(kept.model, kept.artefact);
    for (const key of ['member-qr.keyring', 'rfm.boundaries'] as const) {
      const setting = replica.settings.get(key);
      if (setting) options.onSetting?.(setting);
    }
  }

  async function cycle(): Promise<PullCycle> {
    const result: PullCycle = { applied: {}, failed: [] };
    if (!running) return result;
    cancelTimer?.();
    cancelTimer = null;
    let credentials: TillCredentials | null;
    try {
      credentials = await readCredentials(dataDir);
    } catch (error) {
      changed({
        state: 'refused',
        lastError: {
          at: now().toISOString(),
          stream: streams[0] ?? 'catalogue',
          code: 'CREDENTIALS_DAMAGED',
          message: (error as Error).message,
        },
      });
      wait(maxMs, true);
      return result;
    }
    if (!credentials) {
      changed({ state: 'not-enrolled' });
      wait(pollMs, false);
      return result;
    }
    // From now on this till's edits are stamped with its terminal id (contract/hlc.ts).
    clock.adoptNode(credentials.terminalId);
    changed({ state: 'pulling' });
    const client = createPullClient({
      credentials,
      fetch: options.fetch,
      timeoutMs: options.requestTimeoutMs,
      signal: shutdown.signal,
    });
    const context = {
      replica,
      client,
      pageLimit,
      now,
      onRecoModel: options.onRecoModel,
      onSetting: options.onSetting,
    };
    let retryAfterMs = 0;
    let offline = false;
    let refused = false;
    for (const stream of streams) {
      let outcome: StreamOutcome;
      try {
        outcome = await pullStream(context, stream);
      } catch (error) {
        // A bug or the disk: visible on the sync page, retried with back-off.
        outcome = {
          ok: false,
          failure: { kind: 'invalid', code: 'INTERNAL', message: (error as Error).message },
        };
      }
      if (!running) return result;
      if (outcome.ok) {
        if (outcome.items > 0) {
          result.applied[stream] = outcome.items;
          log.info('sync.pulled', { stream, items: outcome.items, pages: outcome.pages });
        }
        continue;
      }
      const { failure } = outcome;
      result.failed.push({ stream, code: failure.code });
      changed({
        lastError: { at: now().toISOString(), stream, code: failure.code, message: failure.message },
      });
      log.warn('sync.pull_failed', {
        stream,
        kind: failure.kind,
        code: failure.code,
        message: failure.message,
      });
      if (failure.kind === 'offline') {
        offline = true;
        retryAfterMs = failure.retryAfterMs ?? 0;
        break;
      }
      if (failure.kind === 'refused') {
        refused = true;
        break;
      }
      // A bad page of one stream does not hold back the others.
    }
    const due = replica.prices.applyDue(now().toISOString());
    if (due > 0) log.info('sync.prices_due', { products: due });
    if (result.failed.length === 0) {
      failures = 0;
      changed({ state: 'idle', lastPullAt: now().toISOString() });
      wait(pollMs, false);
    } else {
      failures += 1;
      changed({ state: offline ? 'offline' : refused ? 'refused' : 'idle' });
      const ceiling = Math.min(maxMs, baseMs * 2 ** (failures - 1));
      wait(Math.max(retryAfterMs, Math.round(random() * ceiling)), true);
    }
    return result;
  }

  /** A cycle that threw (the disk, a bug) is logged and retried later; callers never see a rejection. */
  async function guardedCycle(): Promise<PullCycle> {
    try {
      return await cycle();
    } catch (error) {
      log.error('sync.pull_cycle_failed', { message: (error as Error).message });
      failures += 1;
      if (running) wait(Math.min(maxMs, baseMs * 2 ** (failures - 1)), true);
      return { applied: {}, failed: [{ stream: streams[0] ?? 'settings', code: 'INTERNAL' }] };
    }
  }

  /** Cycles run one after another, never two at once. */
  function enqueue(): Promise<PullCycle> {
    const next = queue.then(guardedCycle);
    queue = next;
    return next;
  }

  return {
    start() {
      if (running) return;
      running = true;
      shutdown = new AbortController();
      try {
        handOverKept();
      } catch (error) {
        log.error('sync.pull_handover_failed', { message: (error as Error).message });
      }
      wait(0, false);
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      shutdown.abort();
    },
    pullNow() {
      failures = 0;
      return enqueue();
    },
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
