// Where this till is in each HQ change feed. A cursor is written in the transaction that applied the
// items before it, so after a crash the till asks again exactly where its data stops.
import type { PullStream } from '../../../contract/sync';
import type { Db } from '../db';

export interface StreamPosition {
  stream: PullStream;
  cursor: string | null;
  /** Items applied from this stream since the till began pulling it. */
  items: number;
  appliedAt: string;
}

export function createSyncCursors(db: Db) {
  const get = db.prepare<[string], string | null>('SELECT cursor FROM sync_cursors WHERE stream = ?').pluck();
  const set = db.prepare<[string, string | null, number, string]>(
    `INSERT INTO sync_cursors (stream, cursor, items, applied_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, items = sync_cursors.items + excluded.items,
       applied_at = excluded.applied_at`,
  );
  const reset = db.prepare<[string]>('UPDATE sync_cursors SET cursor = NULL WHERE stream = ?');
  const all = db.prepare<[], StreamPosition>(
    'SELECT stream, cursor, items, applied_at AS appliedAt FROM sync_cursors ORDER BY stream',
  );
  return {
    cursor: (stream: PullStream): string | null => get.get(stream) ?? null,
    /** Call inside the transaction that applied the `items` items before `cursor`. */
    advance: (stream: PullStream, cursor: string | null, items: number, at: string) =>
      void set.run(stream, cursor, items, at),
    /** HQ was restored from a backup: pull the stream again from its start (applying is idempotent). */
    restart: (stream: PullStream) => void reset.run(stream),
    /** Every stream the till has pulled, for the sync page. */
    all: (): StreamPosition[] => all.all(),
  };
}
