// Applies the pending migrations in one transaction, under an advisory lock so that several HQ
// nodes starting together migrate once. PostgreSQL DDL is transactional: a failing migration leaves
// the schema as it was.
import { inTransaction } from './pool';
import type { Pool, Tx } from './pool';
import { latestVersion, migrations } from './migrations';

const MIGRATION_LOCK = 0x0_4d_49_47; // any constant shared by every HQ node

export async function migrate(pool: Pool): Promise<number[]> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const current = await appliedVersion(tx);
    if (current > latestVersion) {
      throw new Error(`HQ database schema ${current} is newer than this HQ (${latestVersion}); update HQ`);
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await tx.query(migration.up);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

export async function appliedVersion(db: Pool | Tx): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

/** Monthly partitions from last month to three months ahead; see hq_ensure_sales_partitions. */
export async function ensureSalesPartitions(pool: Pool, now: Date): Promise<number> {
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const { rows } = await pool.query<{ created: number }>(
    'SELECT hq_ensure_sales_partitions($1::date, 5) AS created',
    [lastMonth.toISOString().slice(0, 10)],
  );
  return rows[0]?.created ?? 0;
}
