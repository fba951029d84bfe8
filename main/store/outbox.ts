import { uuidV7 } from '../../contract/uuid-v7';
import type { Db } from './db';
import type { OutboxKind } from '../../contract/sync';

/** Appends a mutation for HQ. Must run inside the transaction that makes the change. */
export function createOutbox(db: Db) {
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)',
  );
  return {
    append(kind: OutboxKind, payload: unknown, at: string): string {
      if (!db.inTransaction) throw new Error('outbox rows are written in the transaction of their change');
      const id = uuidV7();
      insert.run(id, kind, JSON.stringify(payload), at);
      return id;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
