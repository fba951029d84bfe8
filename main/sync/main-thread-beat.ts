// Lets the bootstrap's worker give way to the till's main thread. SQLite does not queue writers: a
// connection that finds the write lock taken sleeps and tries again (1, 2, 5 … 100 ms apart), and a
// worker committing one transaction right after the other would take the lock back every time —
// a sale on the main thread could wait seconds, then fail as STORE_BUSY. So the main thread ticks a
// shared counter while the worker runs; a main thread that stopped ticking is held up (most likely by
// the lock), and the worker waits before its next transaction until the main thread ticks again.
export interface MainThreadBeat {
  /** The counter, for the worker's `workerData`. */
  buffer: SharedArrayBuffer;
  stop(): void;
}

export function startMainThreadBeat(everyMs = 10): MainThreadBeat {
  const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const beat = new Int32Array(buffer);
  const tick = () => {
    Atomics.add(beat, 0, 1);
    Atomics.notify(beat, 0);
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return { buffer, stop: () => clearInterval(timer) };
}

export interface GiveWayOptions {
  /** No tick for this long: the main thread is held up. */
  staleMs?: number;
  /** The longest the worker waits for a tick: a main thread busy with its own work must not stop it. */
  maxWaitMs?: number;
  clock?: () => number;
}

/** Called before each of the worker's transactions; blocks (the worker only) while the main thread is held up. */
export function giveWayToMainThread(buffer: SharedArrayBuffer, options: GiveWayOptions = {}): () => void {
  const beat = new Int32Array(buffer);
  const staleMs = options.staleMs ?? 30;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const clock = options.clock ?? (() => performance.now());
  let seen = Atomics.load(beat, 0);
  let tickedAt = clock();
  return () => {
    const value = Atomics.load(beat, 0);
    if (value === seen && clock() - tickedAt >= staleMs) Atomics.wait(beat, 0, value, maxWaitMs);
    const now = Atomics.load(beat, 0);
    if (now !== seen) {
      seen = now;
      tickedAt = clock();
    }
  };
}
