import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from './db';
import { migrations } from './migrations';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'omnitill-db-')), 'till.sqlite');

describe('openDatabase', () => {
  it('creates the schema once and records its version', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['products', 'barcodes', 'sales', 'outbox', 'returns']));
    db.close();
  });

  it('runs in WAL mode with full sync and foreign keys', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer Omnitill', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Omnitill/);
  });

  it('gives customers written before migration 3 their cards, keys and name index', () => {
    const file = tempFile();
    const db = new Database(file);
    db.exec(migrations[0]?.up ?? '');
    db.exec(migrations[1]?.up ?? '');
    db.pragma('user_version = 2');
    const insert = db.prepare(
      "INSERT INTO customers (id, card_no, name, phone, email, created_at) VALUES (?, ?, ?, ?, ?, '2025-01-01T00:00:00.000Z')",
    );
    insert.run(1, '2700000000013', 'Мария Иванова', '+79161112233', 'Maria.Ivanova@GMail.com');
    insert.run(2, null, 'Li Wei', '8 916 111-22-44', null);
    migrate(db);
    expect(
      db.prepare('SELECT id, phone_e164, phone_last4, email_norm FROM customers ORDER BY id').all(),
    ).toEqual([
      { id: 1, phone_e164: '+79161112233', phone_last4: '2233', email_norm: 'mariaivanova@gmail.com' },
      { id: 2, phone_e164: null, phone_last4: null, email_norm: null },
    ]);
    expect(db.prepare('SELECT card_no, customer_id FROM customer_cards').all()).toEqual([
      { card_no: '2700000000013', customer_id: 1 },
    ]);
    const match = db
      .prepare('SELECT rowid FROM customer_names WHERE customer_names MATCH ? ORDER BY rowid')
      .pluck();
    expect(match.all('"ivanova"*')).toEqual([1]);
    expect(match.all('"wei"*')).toEqual([2]);
    db.close();
  });
});
