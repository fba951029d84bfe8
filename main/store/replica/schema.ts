// The pull tables (migration 007) on a database opened before that migration was registered in
// migrations/index.ts: applied here, idempotently, so pull and bootstrap never meet a missing table.
// Once migration 007 runs with the others this only checks that its table is there.
import type { Db } from '../db';
import * as m007 from '../migrations/007-pull';

export function ensurePullSchema(db: Db): void {
  const present =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_cursors'").pluck().get() ===
      1 &&
    db.prepare("SELECT 1 FROM pragma_table_info('products') WHERE name = 'priced'").pluck().get() === 1;
  if (present) return;
  db.transaction(() => {
    db.exec(m007.up);
    m007.backfill(db);
  })();
}
