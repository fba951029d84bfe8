import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedPostgres } from './embedded';
import type { EmbeddedDatabase } from './embedded';
import { TableWrites, createPool, inTransaction } from './pool';
import type { Pool } from './pool';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let dataDir: string;
let postgres: EmbeddedDatabase;
let pool: Pool;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omnitill-pool-'));
  postgres = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  pool = createPool(postgres.url, 2);
  await pool.query(`
    CREATE TABLE notes (id integer PRIMARY KEY, body text, doc jsonb, kept boolean, amount bigint);
    CREATE TABLE tags (note_id integer, tag text);
    CREATE TABLE counters (id integer PRIMARY KEY, value integer NOT NULL);
    INSERT INTO counters VALUES (1, 0);
  `);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const NOTE = ['id integer', 'body text', 'doc jsonb', 'kept boolean', 'amount bigint'];

describe('TableWrites', () => {
  it('stores every string as written, whatever quotes, backslashes, braces or commas it holds', async () => {
    const bodies = [
      'Молоко 3,2 % 1 л',
      'say "hi"',
      'C:\\till\\',
      '{a,b}',
      'NULL',
      'null',
      'tab\there',
      '4607001000014',
      'Хлеб',
      '',
      ' padded ',
      '«Война и мир»',
    ];
    await inTransaction(pool, (tx) =>
      new TableWrites()
        .insert(
          'notes',
          NOTE,
          bodies.map((body, index) => [index + 1, body, JSON.stringify({ body }), index % 2 === 0, 10 ** 12]),
        )
        .run(tx),
    );
    const { rows } = await pool.query<{ body: string; doc: { body: string }; kept: boolean; amount: number }>(
      'SELECT body, doc, kept, amount FROM notes ORDER BY id',
    );
    expect(rows.map((row) => row.body)).toEqual(bodies);
    expect(rows.map((row) => row.doc.body)).toEqual(bodies);
    expect(rows.map((row) => row.kept)).toEqual(bodies.map((_, index) => index % 2 === 0));
    expect(rows.every((row) => row.amount === 10 ** 12)).toBe(true);
  });

  it('writes several tables and a last statement in one go, nulls as nulls', async () => {
    await inTransaction(
      pool,
      async (tx) => {
        const writes = new TableWrites()
          .insert('notes', NOTE, [[100, null, null, null, undefined]])
          .insert(
            'tags',
            ['note_id integer', 'tag text'],
            [
              [100, 'vip'],
              [100, null],
            ],
          )
          .insert('tags', ['note_id integer', 'tag text'], []);
        await writes.run(tx, `UPDATE counters SET value = value + ${writes.param(2)} WHERE id = 1`);
      },
      { genericPlans: true },
    );
    const note = await pool.query('SELECT body, doc, kept, amount FROM notes WHERE id = 100');
    expect(note.rows).toEqual([{ body: null, doc: null, kept: null, amount: null }]);
    const tags = await pool.query('SELECT tag FROM tags WHERE note_id = 100 ORDER BY tag');
    expect(tags.rows).toEqual([{ tag: 'vip' }, { tag: null }]);
    expect((await pool.query('SELECT value FROM counters')).rows).toEqual([{ value: 2 }]);
  });

  it('prepares a statement once on a connection and runs it again with other rows', async () => {
    const client = await pool.connect();
    try {
      for (const id of [200, 201, 202]) {
        await new TableWrites().insert('notes', NOTE, [[id, `n${id}`, '{}', true, id]]).run(client);
      }
      const { rows } = await client.query<{ statements: number }>(
        `SELECT count(*)::int AS statements FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO notes%'`,
      );
      expect(rows[0]?.statements).toBe(1);
    } finally {
      client.release();
    }
    const { rows } = await pool.query('SELECT body FROM notes WHERE id >= 200 ORDER BY id');
    expect(rows).toEqual([{ body: 'n200' }, { body: 'n201' }, { body: 'n202' }]);
  });
});
