import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';

const BIN = new URL('../bin/kindred.js', import.meta.url).pathname;

function kindred(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function photoFolder(identities: number, perIdentity: number): string {
  const dir = join(tempDir(), 'photos');
  for (const id of identitiesWith(perIdentity, identities)) copyInto(join(dir, id.name), id.files.slice(0, perIdentity));
  return dir;
}

test('import, faces and people print the documented JSON shapes', () => {
  const photos = photoFolder(3, 3);
  const data = join(tempDir(), 'data');
  const imported = kindred(['import', photos, '--data', data, '--json']);
  assert.equal(imported.code, 0, imported.stderr);
  const summary = JSON.parse(imported.stdout);
  assert.deepEqual(Object.keys(summary).slice(0, 4), ['assets', 'faces', 'people', 'skipped']);
  assert.equal(summary.assets, 9);
  assert.ok(summary.faces >= 9);
  assert.equal(summary.people, 3);
  assert.deepEqual(summary.skipped, []);
  assert.match(imported.stderr, /finished/, 'progress went to stderr');

  const faces = kindred(['faces', '--data', data, '--json']);
  assert.equal(faces.code, 0, faces.stderr);
  const list = JSON.parse(faces.stdout) as Array<Record<string, unknown>>;
  assert.equal(list.length, summary.faces);
  for (const f of list) {
    assert.deepEqual(Object.keys(f), ['id', 'asset_id', 'path', 'bounding_box', 'source', 'confidence', 'person_id']);
    assert.deepEqual(Object.keys(f.bounding_box as object), ['x', 'y', 'w', 'h']);
    assert.ok(String(f.path).startsWith(photos) && existsSync(String(f.path)));
    assert.match(String(f.id), /^face_/);
    assert.match(String(f.asset_id), /^asset_/);
  }

  const people = kindred(['people', '--data', data, '--json']);
  assert.equal(people.code, 0, people.stderr);
  const rows = JSON.parse(people.stdout) as Array<Record<string, unknown>>;
  assert.equal(rows.length, 3);
  for (const p of rows) {
    assert.deepEqual(Object.keys(p), ['id', 'name', 'face_count', 'asset_count', 'is_hidden', 'is_favorite']);
    assert.equal(p.asset_count, 3);
  }
});

test('errors are one clear line on stderr with a non-zero exit', () => {
  const data = join(tempDir(), 'data');
  const missing = kindred(['import', '/no/such/folder', '--data', data]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim(), 'kindred: error: Folder not found: /no/such/folder');
  const unknown = kindred(['frobnicate', '--data', data]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const badFlag = kindred(['people', '--colour']);
  assert.equal(badFlag.code, 2);
  const noLibrary = kindred(['people', '--data', data, '--library', 'Nope']);
  assert.equal(noLibrary.code, 1);
  assert.equal(noLibrary.stderr.trim(), 'kindred: error: No library named "Nope".');
});

interface CatalogueState {
  assets: Array<[string, string, number]>;
  faces: number;
  facesPerAsset: number;
}

function readState(data: string): CatalogueState {
  const db = new Database(join(data, 'catalogue.sqlite'), { readonly: true });
  try {
    return {
      assets: db.prepare('SELECT rel_path, status, face_count FROM assets ORDER BY rel_path').raw().all() as Array<[string, string, number]>,
      faces: db.prepare('SELECT COUNT(*) FROM faces').pluck().get() as number,
      facesPerAsset: db.prepare('SELECT COUNT(*) FROM faces f JOIN assets a ON a.id = f.asset_id').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

function countDone(data: string): { done: number; pending: number } {
  const file = join(data, 'catalogue.sqlite');
  if (!existsSync(file)) return { done: 0, pending: 0 };
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT SUM(status = 'done') AS done, SUM(status = 'pending') AS pending FROM assets`).get() as { done: number | null; pending: number | null };
      return { done: row.done ?? 0, pending: row.pending ?? 0 };
    } finally {
      db.close();
    }
  } catch {
    return { done: 0, pending: 0 }; // the schema may not exist yet
  }
}

test('a SIGKILL mid-import, then the same command again, gives the same catalogue as an uninterrupted import', async () => {
  const photos = photoFolder(12, 10);
  const killed = join(tempDir(), 'killed');
  const child = spawn(process.execPath, [BIN, 'import', photos, '--data', killed, '--json'], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let seen = { done: 0, pending: 0 };
  const deadline = Date.now() + 120_000;
  while (seen.done < 10 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    seen = countDone(killed);
  }
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', 'the import was killed, not finished');
  const atKill = countDone(killed);
  assert.ok(atKill.done >= 10 && atKill.pending > 0, `killed mid-import (done ${atKill.done}, pending ${atKill.pending})`);

  const resumed = kindred(['import', photos, '--data', killed, '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);

  const clean = join(tempDir(), 'clean');
  assert.equal(kindred(['import', photos, '--data', clean, '--json']).code, 0);

  const a = readState(killed);
  const b = readState(clean);
  assert.equal(a.assets.length, 120);
  assert.deepEqual(a.assets, b.assets, 'same assets, statuses and faces per photo');
  assert.equal(a.faces, b.faces, 'same number of faces: none duplicated, none lost');
  assert.equal(a.faces, a.facesPerAsset);
});
