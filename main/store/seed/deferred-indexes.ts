// Bulk loads write faster into tables without their secondary indexes: SQLite then builds each index
// once, by sorting, instead of inserting millions of keys at random places of a B-tree. The indexes are
// dropped and created again from their own SQL, read back from the schema, inside the seed's
// transaction — a seed that fails rolls the drop back with everything else. Unique indexes stay, as
// they enforce what the seed must not break.
import type { Db } from '../db';

/** Drops the named tables' plain secondary indexes; the returned function creates them again. */
export function deferIndexes(db: Db, tables: readonly string[]): () => void {
  const indexes = db
    .prepare<string[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
         AND tbl_name IN (${tables.map(() => '?').join(', ')})
       ORDER BY name`,
    )
    .all(...tables);
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  return () => {
    for (const { sql } of indexes) db.exec(sql);
  };
}
