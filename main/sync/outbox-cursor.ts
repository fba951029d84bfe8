// The sync client's view of the outbox: what is still to push, in seq order, and marking what HQ
// acknowledged. Rows stay after they are pushed, so a restored HQ can be sent them again.
import type { Db } from '../store/db';

export interface PendingMutation {
  seq: number;
  id: string;
  kind: string;
  /** The JSON text as stored: sent as it is, never parsed and re-serialised. */
  payload: string;
  createdAt: string;
}

export function createOutboxCursor(db: Db) {
  // Served by the partial index outbox_unpushed (migration 006): cost follows the queue, not history.
  const pending = db.prepare<[], PendingMutation>(
    `SELECT seq, id, kind, payload, created_at AS createdAt
     FROM outbox WHERE pushed_at IS NULL ORDER BY seq`,
  );
  const depth = db.prepare<[], number>('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck();
  const markPushed = db.prepare<[string, number, string]>(
    'UPDATE outbox SET pushed_at = ? WHERE seq = ? AND id = ? AND pushed_at IS NULL',
  );
  const holds = db.prepare<[number], number>('SELECT 1 FROM outbox WHERE seq = ?').pluck();
  const rewind = db.prepare<[number]>(
    'UPDATE outbox SET pushed_at = NULL WHERE seq >= ? AND pushed_at IS NOT NULL',
  );

  return {
    /** The oldest unpushed rows, at most `limit` of them and about `maxBytes` of payload (at least one). */
    next(limit: number, maxBytes: number): PendingMutation[] {
      const batch: PendingMutation[] = [];
      let bytes = 0;
      for (const row of pending.iterate()) {
        if (batch.length > 0 && (batch.length >= limit || bytes + row.payload.length > maxBytes)) break;
        batch.push(row);
        bytes += row.payload.length;
      }
      return batch;
    },
    depth: (): number => depth.get() ?? 0,
    /** Marks what HQ acknowledged, all in one transaction; answers how many rows it marked. */
    acknowledge: db.transaction((acks: readonly { id: string; seq: number }[], at: string): number => {
      let marked = 0;
      for (const ack of acks) marked += markPushed.run(at, ack.seq, ack.id).changes;
      return marked;
    }),
    /** HQ lost what it had from `seq` on (restored): push it all again. False when the till no longer has it. */
    rewindTo(seq: number): boolean {
      if (holds.get(seq) === undefined) return false;
      rewind.run(seq);
      return true;
    },
  };
}
export type OutboxCursor = ReturnType<typeof createOutboxCursor>;
