import type { Db } from './db';

/** Gap-free document numbers per terminal; call inside the transaction that uses the number. */
export function createSequences(db: Db) {
  const next = db.prepare<[string], { value: number }>(
    `INSERT INTO sequences (name, value) VALUES (?, 1)
     ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  );
  return {
    nextValue(name: 'sale' | 'return'): number {
      const row = next.get(name);
      if (!row) throw new Error(`sequence ${name} did not advance`);
      return row.value;
    },
  };
}
export type Sequences = ReturnType<typeof createSequences>;
