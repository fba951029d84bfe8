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
    CREATE TABLE events (id uuid, at timestamptz, amount bigint, at_text text, id_text text);
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

  it('writes UUIDs, instants and whole numbers exactly as PostgreSQL reads their text', async () => {
    const events: [string, string, number][] = [
      ['0190f3e2-7b1c-7d2e-8f00-0123456789ab', '2026-11-23T10:15:30.123Z', 0],
      ['FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '2026-11-23T10:15:30Z', -1],
      ['00000000-0000-0000-0000-000000000000', '1999-12-31T23:59:59.999999Z', 2 ** 53 - 1],
      ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', '2000-01-01T00:00:00.000001Z', -(2 ** 53) + 1],
      ['6ba7b811-9dad-11d1-80b4-00c04fd430c8', '1969-07-20T20:17:40.5Z', 4_294_967_296],
      ['6ba7b812-9dad-11d1-80b4-00c04fd430c8', '2026-03-29T01:00:00.1234567Z', -4_294_967_297],
    ];
    await inTransaction(pool, (tx) =>
      new TableWrites()
        .insert(
          'events',
          ['id uuid', 'at timestamptz', 'amount bigint', 'at_text text', 'id_text text'],
          events.map(([id, at, amount]) => [id, at, amount, at, id]),
        )
        .run(tx),
    );
    const { rows } = await pool.query<{ same: boolean; amount: number }>(
      `SELECT id = id_text::uuid AND at = at_text::timestamptz AS same, amount FROM events ORDER BY amount`,
    );
    expect(rows.every((row) => row.same)).toBe(true);
    expect(rows.map((row) => row.amount)).toEqual(events.map(([, , amount]) => amount).sort((a, b) => a - b));
  });

  it('refuses a value its column type cannot hold before anything is sent', async () => {
    const attempts: [string, unknown][] = [
      ['id uuid', 'not-a-uuid-at-all-but-36-chars-long!'],
      ['id uuid', '0190f3e2-7b1c-7d2e-8f00-0123456789a'],
      ['at timestamptz', 'yesterday'],
      ['id uuid', '0190f3e2x7b1c-7d2e-8f00-0123456789ab'],
      ['at timestamptz', '2026-11-23T10:15:30'],
      ['at timestamptz', 'March 7'],
      ['amount bigint', 1.5],
      ['amount bigint', 2 ** 53],
      ['amount bigint', ''],
      ['amount bigint', '12'],
      ['kept boolean', 'false'],
    ];
    for (const [column, value] of attempts) {
      expect(() => new TableWrites().insert('events', [column], [[value as string]])).toThrow(TypeError);
    }
    expect(() => new TableWrites().insert('events', ['at date'], [['2026-11-23']])).toThrow(
      'no binary encoding for column at date',
    );
  });
});
