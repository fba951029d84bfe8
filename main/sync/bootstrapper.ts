// Runs a new till's first download from HQ in its worker thread and keeps what it reports as the
// status the sync page shows. One run at a time: starting again (a retry, enrolling again) stops
// the run before; what that run committed stays, and the next goes on from its checkpoints.
import type { BootstrapStatus } from '../../contract/sync-status';
import { databaseFile } from '../config/paths';
import type { Logger } from '../log';
import { BOOTSTRAP_STREAMS } from './bootstrap';
import type { BootstrapSettings } from './bootstrap-messages';
import { bootstrapStarted, foldBootstrap } from './bootstrap-status';
import type { BootstrapReport } from './bootstrap-status';
import { startBootstrapThread } from './bootstrap-thread';
import type { BootstrapThread, StartBootstrapThread } from './bootstrap-thread';

export interface BootstrapperOptions {
  dataDir: string;
  log: Logger;
  now?: () => Date;
  settings?: Partial<BootstrapSettings>;
  startThread?: StartBootstrapThread;
}

export interface Bootstrapper {
  /** Starts a run; one under way is stopped first. */
  start(): void;
  stop(): void;
  status(): BootstrapStatus | null;
  /** Every change of the status; `done` or `failed` ends a run. */
  onChange(listener: (status: BootstrapStatus) => void): () => void;
}

/**
 * A sale's commit waits for at most one of the worker's transactions: about 50 ms, whatever a
 * checkpoint holds. Checkpoints stay large (HQ reads them in one go; a cut reads one again).
 */
export const defaultBootstrapSettings: BootstrapSettings = {
  checkpointEvery: 25_000,
  transactionMs: 50,
  retries: 20,
  retryDelayMs: { baseMs: 500, maxMs: 30_000 },
  idleTimeoutMs: 60_000,
  cacheMib: 64,
};

export function createBootstrapper(options: BootstrapperOptions): Bootstrapper {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const startThread = options.startThread ?? startBootstrapThread;
  const settings = { ...defaultBootstrapSettings, ...options.settings };
  const listeners = new Set<(status: BootstrapStatus) => void>();
  let current: BootstrapStatus | null = null;
  let thread: BootstrapThread | null = null;

  const publish = (next: BootstrapStatus) => {
    current = next;
    for (const listener of listeners) listener(next);
  };

  function stop() {
    thread?.stop();
    thread = null;
  }

  function start() {
    stop();
    const at = now().toISOString();
    publish(bootstrapStarted(settings.streams ?? BOOTSTRAP_STREAMS, at));
    log.info('sync.bootstrap_started', { checkpointEvery: settings.checkpointEvery });
    let run: BootstrapThread;
    try {
      run = startThread({ ...settings, dataDir: options.dataDir, dbFile: databaseFile(options.dataDir) });
    } catch (error) {
      report({ type: 'failed', stream: null, code: 'INTERNAL', message: (error as Error).message });
      return;
    }
    thread = run;
    // A run that was stopped (or replaced) has nothing more to say.
    const isCurrent = () => thread === run;
    run.onMessage((message) => {
      if (!isCurrent()) return;
      if (message.type === 'log') log[message.level](message.event, message.fields);
      else report(message);
    });
    run.onExit((crash) => {
      if (!isCurrent()) return;
      thread = null;
      if (current?.phase === 'done' || current?.phase === 'failed') return;
      report({
        type: 'failed',
        stream: null,
        code: 'INTERNAL',
        message: crash?.message ?? 'the bootstrap stopped before it finished',
      });
    });
  }

  function report(message: BootstrapReport) {
    if (!current) return;
    const next = foldBootstrap(current, message, now().toISOString());
    if (message.type === 'done') {
      log.info('sync.bootstrap_done', { ms: message.ms, bytes: message.bytes, resumes: message.resumes });
    } else if (message.type === 'failed') {
      log.warn('sync.bootstrap_failed', {
        stream: message.stream,
        code: message.code,
        message: message.message,
      });
    }
    publish(next);
  }

  return {
    start,
    stop,
    status: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
