import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { KindredError } from '../../../shared/errors.ts';
import { latestSchemaVersion, migrate, openDatabase } from './database.ts';
import { migrations, type Migration } from './migrations/index.ts';
import { tempDir } from '../testing/temp-dir.ts';

test('a new catalogue gets every table, WAL and foreign keys, at the latest version', () => {
  const file = join(tempDir(), 'c.sqlite');
  const db = openDatabase(file);
  assert.equal(db.pragma('user_version', { simple: true }), latestSchemaVersion());
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
  for (const t of ['assets', 'face_rejections', 'faces', 'folders', 'jobs', 'libraries', 'merges', 'people', 'settings']) {
    assert.ok(tables.includes(t), `missing table ${t}`);
  }
  db.close();
});

test('opening again applies nothing twice', () => {
  const file = join(tempDir(), 'c.sqlite');
  openDatabase(file).close();
  const db = openDatabase(file);
  assert.equal(db.pragma('user_version', { simple: true }), latestSchemaVersion());
  db.close();
});

test('a catalogue from a newer Kindred is refused with a clear error and left untouched', () => {
  const file = join(tempDir(), 'c.sqlite');
  const raw = new Database(file);
  raw.exec('CREATE TABLE future (x)');
  raw.pragma('user_version = 999');
  raw.close();
  assert.throws(
    () => openDatabase(file),
    (err: unknown) => err instanceof KindredError && err.code === 'schema_too_new' && /999/.test(err.message) && /update Kindred/i.test(err.message),
  );
  const after = new Database(file);
  assert.equal(after.pragma('user_version', { simple: true }), 999);
  assert.deepEqual(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all(), ['future']);
  after.close();
});

test('a failing migration rolls back completely and keeps the previous version', () => {
  const file = join(tempDir(), 'c.sqlite');
  const broken: Migration[] = [...migrations, { version: migrations.length + 1, name: 'broken', up: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }];
  assert.throws(() => openDatabase(file, broken), /no_such_table/);
  const db = new Database(file);
  assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
  assert.equal(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'`).pluck().get(), 0);
  db.close();
});

test('migrations must be numbered in order', () => {
  const db = new Database(':memory:');
  const shuffled: Migration[] = [{ version: 2, name: 'b', up: '' }, { version: 1, name: 'a', up: '' }];
  assert.throws(() => migrate(db, shuffled), /numbered 1\.\.n in order/);
  db.close();
});
