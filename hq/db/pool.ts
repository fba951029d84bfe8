// The connection pool and the one way HQ writes: a function run inside BEGIN … COMMIT on one client.
import pg from 'pg';
import type { PoolClient } from 'pg';
import { binaryArray, isElementType } from './binary-array';
import type { ElementValue } from './binary-array';

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

const statementNames = new Map<string, string>();

/**
 * A statement PostgreSQL parses and plans once per connection rather than on every call: for a push
 * of one sale, parsing and planning were half of PostgreSQL's time (partitioned tables make plans
 * dear). The name comes from the text, so a text is prepared once on each connection and two texts
 * never share a name: for the constant texts HQ runs on every push, never for text built with values.
 */
export function prepared(text: string, values: readonly unknown[]): pg.QueryConfig<unknown[]> {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `hq${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values: [...values] };
}

export interface TransactionOptions {
  /**
   * Plan every parameterised statement once per connection, whatever its parameters (PostgreSQL
   * otherwise keeps planning a statement anew while those plans look cheaper): for a push, whose
   * statements take whole columns as array parameters, planning anew copied every array into the
   * plan. Set for the transaction only, with BEGIN (no extra round trip).
   */
  genericPlans?: boolean;
}

export async function inTransaction<T>(
  pool: Pool,
  work: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
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
    await client.query(
      options.genericPlans ? 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan' : 'BEGIN',
    );
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

/** A column value as HQ writes it: JSON documents arrive already stringified. */
export type CellValue = ElementValue;

/**
 * Rows for several tables, written by `run` in one statement (`WITH … AS (INSERT …)`): a push pays
 * one round trip for all it writes instead of one per table. Each table's rows go as one binary
 * array parameter per column (`'name type'`, e.g. `'sold_at timestamptz'`, hq/db/binary-array.ts):
 * PostgreSQL reads a few arrays faster than thousands of parameters, and there is no limit on the
 * number of rows. Every part of the statement sees the database as it was before it (one
 * snapshot): rows added here are not read back by it.
 */
export class TableWrites {
  private readonly inserts: string[] = [];
  private readonly params: unknown[] = [];

  /** A placeholder for `value` in a statement given to `run`. */
  readonly param = (value: unknown): string => {
    this.params.push(value);
    return `$${this.params.length}`;
  };

  insert(table: string, columns: readonly string[], rows: readonly CellValue[][]): this {
    if (rows.length === 0) return this;
    const names = columns.map((column) => column.split(' ')[0]);
    const arrays = columns.map((column, index) => {
      const type = column.split(' ').slice(1).join(' ');
      if (!isElementType(type)) throw new TypeError(`no binary encoding for column ${column}`);
      return `unnest(${this.param(binaryArray(type, rows.length, (row) => rows[row]?.[index]))}::${type}[])`;
    });
    // unnest in the select list streams rows, all arrays in step; in FROM it would first copy every
    // row into a tuplestore (a tenth of PostgreSQL's time for a push of 200 sales).
    this.inserts.push(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${arrays.join(', ')}`);
    return this;
  }

  /** Runs the inserts, and `last` (a statement built with `param`) after them in the same statement. */
  async run(tx: Tx, last?: string): Promise<void> {
    const statements = last === undefined ? [...this.inserts] : [...this.inserts, last];
    const final = statements.pop();
    if (final === undefined) return;
    const prefix = statements.length
      ? `WITH ${statements.map((statement, index) => `w${index} AS (${statement})`).join(', ')} `
      : '';
    await tx.query(prepared(prefix + final, this.params));
  }
}

export async function insertRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly CellValue[][],
): Promise<void> {
  await new TableWrites().insert(table, columns, rows).run(tx);
}
