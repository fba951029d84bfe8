// Time as a dependency: the reconnecting wrapper and claim timeouts take a scheduler so tests can
// run back-off sequences without waiting for them.

export interface Scheduler {
  now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  after: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
