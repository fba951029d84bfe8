// The till's hybrid logical clock (contract/hlc.ts), one row in SQLite: every read-modify-write runs
// in the caller's transaction, so a stamp and the edit it stamps commit together, and after a restart
// (or a crash) the clock goes on from the last stamp it gave, never below it.
import { formatHlc, HlcNode, receiveHlc, tickHlc } from '../../contract/hlc';
import type { Hlc, HlcState } from '../../contract/hlc';
import type { Db } from './db';

export function createHlcClock(db: Db) {
  const read = db.prepare<[], HlcState & { node: string }>(
    'SELECT node, ms, counter FROM hlc_clock WHERE slot = 1',
  );
  const write = db.prepare<[number, number]>('UPDATE hlc_clock SET ms = ?, counter = ? WHERE slot = 1');
  const rename = db.prepare<[{ node: string }]>(
    'UPDATE hlc_clock SET node = :node WHERE slot = 1 AND node <> :node',
  );

  function state(): HlcState & { node: string } {
    const row = read.get();
    if (!row) throw new Error('hlc_clock has no row: migration 008 did not run');
    return row;
  }

  return {
    /** The stamp of a local edit at wall time `nowMs`; call inside the edit's transaction. */
    tick(nowMs: number): Hlc {
      if (!db.inTransaction) throw new Error('a stamp is taken in the transaction of the edit it stamps');
      const last = state();
      const next = tickHlc(last, nowMs);
      write.run(next.ms, next.counter);
      return formatHlc(next, last.node);
    },
    /**
     * Moves the clock past a stamp seen elsewhere, so the next local edit sorts after it. A stamp more
     * than a day ahead of `nowMs` is a broken clock: it is not followed (answers false).
     */
    receive(stamp: Hlc, nowMs: number): boolean {
      const received = receiveHlc(state(), stamp, nowMs);
      if (!received.ok) return false;
      write.run(received.state.ms, received.state.counter);
      return true;
    },
    /** Names this till's stamps after its terminal id once it has one (a per-install id before). */
    adoptNode(node: string): void {
      const name = node.toLowerCase();
      if (HlcNode.safeParse(name).success) rename.run({ node: name });
    },
    node: (): string => state().node,
  };
}
export type HlcClock = ReturnType<typeof createHlcClock>;
