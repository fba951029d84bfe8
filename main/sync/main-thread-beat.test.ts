import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { giveWayToMainThread, startMainThreadBeat } from './main-thread-beat';

afterEach(() => vi.restoreAllMocks());

describe('the worker giving way to the till’s main thread', () => {
  it('goes straight on while the main thread ticks', () => {
    const wait = vi.spyOn(Atomics, 'wait');
    const buffer = new SharedArrayBuffer(4);
    const beat = new Int32Array(buffer);
    let now = 0;
    const giveWay = giveWayToMainThread(buffer, { staleMs: 30, maxWaitMs: 200, clock: () => now });
    for (let step = 0; step < 5; step += 1) {
      now += 20;
      Atomics.add(beat, 0, 1);
      giveWay();
    }
    expect(wait).not.toHaveBeenCalled();
  });

  it('waits for the next tick once the main thread has not ticked for a while, and no longer than it may', () => {
    const wait = vi.spyOn(Atomics, 'wait').mockReturnValue('timed-out');
    const buffer = new SharedArrayBuffer(4);
    let now = 0;
    const giveWay = giveWayToMainThread(buffer, { staleMs: 30, maxWaitMs: 50, clock: () => now });
    now = 20;
    giveWay();
    expect(wait).not.toHaveBeenCalled();
    now = 40;
    giveWay();
    expect(wait).toHaveBeenCalledWith(new Int32Array(buffer), 0, 0, 50);
  });

  it('wakes a waiting worker with the main thread’s next tick', async () => {
    const beat = startMainThreadBeat(5);
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const beat = new Int32Array(workerData);
       parentPort.postMessage(Atomics.wait(beat, 0, Atomics.load(beat, 0), 5000));`,
      { eval: true, workerData: beat.buffer },
    );
    const answer = await new Promise((resolve) => worker.once('message', resolve));
    beat.stop();
    await worker.terminate();
    // Woken ('ok'), not left to time out.
    expect(answer).toBe('ok');
  });
});
