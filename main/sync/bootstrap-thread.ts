// Starts bootstrap-worker.ts in a worker thread wherever the till runs:
// - from the TypeScript sources (tsx for `npm run host`, vitest, Playwright): a worker thread does not
//   inherit the parent's loader hooks, so it registers tsx's before it imports the worker;
// - from the bundles (scripts/build-main.ts): the worker is bundled beside its host, as
//   dist/main/bootstrap-worker.cjs next to Electron's app.cjs and dist/host/bootstrap-worker.mjs
//   next to the loopback host's cli.mjs.
import { Worker } from 'node:worker_threads';
import { BootstrapWorkerMessage } from './bootstrap-messages';
import type { BootstrapJob, BootstrapWorkerInput, StopBootstrap } from './bootstrap-messages';
import { startMainThreadBeat } from './main-thread-beat';

/** The worker as the bootstrapper sees it; tests put a fake in its place. */
export interface BootstrapThread {
  /** Reports, parsed; a message that does not parse ends the thread as a failure. */
  onMessage(listener: (message: BootstrapWorkerMessage) => void): void;
  /** The thread ended: `error` when it crashed (or could not start). */
  onExit(listener: (error: Error | null) => void): void;
  /** Asks it to stop after the transaction it is in; ends it if it has not within `graceMs`. */
  stop(graceMs?: number): void;
}

export type StartBootstrapThread = (job: BootstrapJob) => BootstrapThread;

function spawnWorker(input: BootstrapWorkerInput): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./bootstrap-worker.ts', here).href;
    const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { eval: true, workerData: input });
  }
  const extension = here.endsWith('.mjs') ? 'mjs' : 'cjs';
  return new Worker(new URL(`./bootstrap-worker.${extension}`, here), { workerData: input });
}

export const startBootstrapThread: StartBootstrapThread = (job) => {
  const beat = startMainThreadBeat();
  let worker: Worker;
  try {
    worker = spawnWorker({ ...job, mainThreadBeat: beat.buffer });
  } catch (error) {
    beat.stop();
    throw error;
  }
  worker.once('exit', () => beat.stop());
  let crash: Error | null = null;
  const messageListeners: ((message: BootstrapWorkerMessage) => void)[] = [];
  worker.on('message', (raw: unknown) => {
    const parsed = BootstrapWorkerMessage.safeParse(raw);
    if (!parsed.success) {
      crash = new Error(
        `the bootstrap worker sent a malformed message: ${parsed.error.issues[0]?.message ?? ''}`,
      );
      void worker.terminate();
      return;
    }
    for (const listener of messageListeners) listener(parsed.data);
  });
  worker.on('error', (error) => {
    crash = error;
  });
  return {
    onMessage: (listener) => void messageListeners.push(listener),
    onExit: (listener) => void worker.on('exit', () => listener(crash)),
    stop(graceMs = 2000) {
      const stop: StopBootstrap = { type: 'stop' };
      worker.postMessage(stop);
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      timer.unref();
      worker.once('exit', () => clearTimeout(timer));
    },
  };
};
