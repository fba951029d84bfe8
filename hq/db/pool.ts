// The connection pool and the one way HQ writes: a function run inside BEGIN … COMMIT on one client.
import pg from 'pg';
import type { PoolClient } from 'pg';

export type Pool = pg.Pool;
export type Tx = PoolClient;

// bigint (int8) columns hold ids and minor units well inside 2^53 (MAX_MINOR_UNITS is 10^12):
// read them as numbers, as the contract types them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function createPool(connectionString: string, max: number): Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'omnitill-hq' });
  // An idle client losing its server (PostgreSQL restarted) must not crash HQ; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export async function inTransaction<T>(pool: Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection lost mid-transaction (PostgreSQL restarted, a failover) fails the statement in
  // flight, and pg also emits 'error' on the client: with no listener on a checked-out client that
  // is an uncaught exception, which would end the HQ process. The broken client is then discarded.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

/**
 * Inserts rows in one statement, one array parameter per column (`'name type'`, e.g. `'sold_at
 * timestamptz'`): PostgreSQL parses a few arrays faster than thousands of parameters, and there
 * is no limit on the number of rows.
 */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: unknown[][]) {
  if (rows.length === 0) return;
  const names = columns.map((column) => column.split(' ')[0]);
  const arrays = columns.map((column, index) => `$${index + 1}::${column.split(' ').slice(1).join(' ')}[]`);
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`,
    columns.map((_, index) => rows.map((row) => row[index] ?? null)),
  );
}
