import type { Db } from './db';

export function createMeta(db: Db) {
  const get = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare<[string, string]>(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get: (key: string): string | null => get.get(key) ?? null,
    set: (key: string, value: string) => void set.run(key, value),
  };
}
export type Meta = ReturnType<typeof createMeta>;
