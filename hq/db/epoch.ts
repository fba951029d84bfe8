// The HQ epoch (see 001-initial.ts): read on every push, replaced only by an admin after a restore.
import { randomUUID } from 'node:crypto';
import type { Pool, Tx } from './pool';

export async function readEpoch(db: Pool | Tx): Promise<string> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM hq_meta WHERE key = 'epoch'");
  const epoch = rows[0]?.value;
  if (!epoch) throw new Error('hq_meta has no epoch: the database was not migrated');
  return epoch;
}

/** Gives the database a new epoch; every till then re-sends what this database may have lost. */
export async function renewEpoch(db: Pool | Tx): Promise<string> {
  const epoch = randomUUID();
  await db.query("UPDATE hq_meta SET value = $1 WHERE key = 'epoch'", [epoch]);
  return epoch;
}
