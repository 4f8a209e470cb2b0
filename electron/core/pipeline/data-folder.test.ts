// The data folder misbehaving under a running import: read-only, the catalogue file deleted, the whole
// folder deleted. Each time: one clear sentence, the import waits instead of failing, nothing is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KindredCore } from '../app.ts';
import { Catalogue } from '../catalogue/catalogue.ts';
import { cacheProblems } from '../testing/cache-check.ts';
import { importCounts, photoSet, reportCounts, untilJob, type Counts } from '../testing/import-reference.ts';
import { lockFolders } from '../testing/locked-folder.ts';
import { tempDir } from '../testing/temp-dir.ts';

const BIN = new URL('../../host/bin/kindred.js', import.meta.url).pathname;
const photos = photoSet();
let counted: Promise<Counts> | undefined;
/** What an uninterrupted import makes of the photos (made once, when a test first asks). */
const reference = (): Promise<Counts> => (counted ??= importCounts(photos));

const readOnly = (dir: string, then: string) => `The folder holding the catalogue is read-only (${dir}): make it writable and ${then}`;

test('a read-only data folder: the CLI exits 1 with one line, and imports once it is writable', { timeout: 120_000 }, async (t) => {
  const dataDir = join(tempDir(), 'data');
  Catalogue.open(join(dataDir, 'catalogue.sqlite')).close();
  const lock = lockFolders([dataDir]);
  if (!lock.locked) return t.skip('this machine cannot make a folder read-only for this user');
  const first = spawnSync(process.execPath, [BIN, 'import', photos, '--data', dataDir, '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(first.status, 1, first.stderr);
  assert.equal(first.stderr.trim(), `kindred: error: ${readOnly(dataDir, 'import resumes')}`);
  lock.unlock();
  const second = spawnSync(process.execPath, [BIN, 'import', photos, '--data', dataDir, '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(second.status, 0, second.stderr);
  const out = JSON.parse(second.stdout) as { assets: number; faces: number; people: number };
  assert.deepEqual({ assets: out.assets, faces: out.faces, people: out.people }, await reference());
});

test('a cache that turns read-only holds the import as waiting; writable again, it resumes to the same catalogue', { timeout: 120_000 }, async (t) => {
  const dataDir = join(tempDir(), 'data');
  const core = new KindredCore({ dataDir, workers: 2, storageRetryMs: 150, validateOutputs: true });
  try {
    const dirs = ['cache', 'cache/thumbs', 'cache/faces'].map((d) => join(dataDir, d));
    for (const d of dirs) mkdirSync(d, { recursive: true });
    const lock = lockFolders(dirs);
    if (!lock.locked) return t.skip('this machine cannot make a folder read-only for this user');
    const waiting = untilJob(core, (j) => j.state === 'waiting');
    const job = await core.invoke('import.start', { paths: [photos] });
    const held = await waiting;
    assert.equal(held.error, readOnly(dataDir, 'import resumes'));
    assert.equal((await core.invoke('jobs.get', { job_id: job.id })).state, 'waiting');
    const finished = untilJob(core, (j) => j.state === 'done');
    lock.unlock();
    assert.deepEqual(await reportCounts(core, await finished), await reference());
    assert.deepEqual(cacheProblems(core.catalogue, core.layout.cacheDir), { orphans: [], missing: [], partial: [] });
  } finally {
    await core.close();
  }
});

for (const what of ['the catalogue file', 'the whole data folder'] as const) {
  test(`${what} deleted during an import is written back from the open catalogue: nothing is lost`, { timeout: 120_000 }, async () => {
    const dataDir = join(tempDir(), 'data');
    const file = join(dataDir, 'catalogue.sqlite');
    const core = new KindredCore({ dataDir, workers: 2, storageRetryMs: 150 });
    try {
      const named = await core.invoke('libraries.create', { name: 'Kept' });
      const deleted = untilJob(core, (j) => j.progress.files_done >= 3);
      const job = await core.invoke('import.start', { paths: [photos], library_name: 'Family' });
      await deleted;
      if (what === 'the catalogue file') for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      else {
        // As a file manager does it: moved to the bin, then emptied.
        renameSync(dataDir, `${dataDir}.binned`);
        rmSync(`${dataDir}.binned`, { recursive: true, force: true });
      }
      const done = await untilJob(core, (j) => j.state === 'done' || j.state === 'failed');
      assert.equal(done.state, 'done', done.error ?? '');
      assert.ok(existsSync(file), 'the catalogue is back where it was');
      assert.deepEqual(await reportCounts(core, done), await reference());
      assert.equal(job.id, done.id);
      assert.ok((await core.invoke('libraries.list', {})).some((l) => l.id === named.id), 'what was there before the deletion is there');
    } finally {
      await core.close();
    }
    // What is on disk after the app closes is the whole catalogue.
    const reopened = Catalogue.open(file);
    try {
      assert.equal(reopened.db.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(reopened.db.prepare('SELECT COUNT(*) FROM assets WHERE status = ?').pluck().get('done'), (await reference()).assets);
      assert.equal(reopened.db.prepare('SELECT COUNT(*) FROM libraries').pluck().get(), 2);
    } finally {
      reopened.close();
    }
  });
}

test('a catalogue deleted where it cannot be written back: the import waits with one line and finishes once it can', { timeout: 120_000 }, async (t) => {
  const parent = join(tempDir(), 'parent');
  const dataDir = join(parent, 'data');
  const file = join(dataDir, 'catalogue.sqlite');
  const core = new KindredCore({ dataDir, workers: 2, storageRetryMs: 150 });
  try {
    const started = untilJob(core, (j) => j.progress.files_done >= 3);
    const job = await core.invoke('import.start', { paths: [photos] });
    await started;
    // Paused, so no photo in flight recreates the folder between its deletion and the lock.
    await core.invoke('jobs.pause', { job_id: job.id });
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(dataDir, { recursive: true, force: true });
    const lock = lockFolders([parent]);
    if (!lock.locked) return t.skip('this machine cannot make a folder read-only for this user');
    const waiting = untilJob(core, (j) => j.state === 'waiting');
    core.imports.resume(job.id); // behind the operation map: operations are refused while the catalogue is gone
    const held = await waiting;
    assert.match(held.error!, /^The catalogue file was deleted while Kindred was running \(.+catalogue\.sqlite\): Kindred keeps its open copy and writes it back as soon as it can; import resumes$/);
    await assert.rejects(core.invoke('libraries.list', {}), { code: 'io_error', message: /^The catalogue file was deleted while Kindred was running .*; try again$/ });
    const finished = untilJob(core, (j) => j.state === 'done');
    lock.unlock();
    const done = await finished;
    assert.equal(done.id, job.id);
    assert.ok(existsSync(file));
    assert.deepEqual(await reportCounts(core, done), await reference());
  } finally {
    await core.close();
  }
  assert.ok(existsSync(dirname(file)));
});

test('no native abort and no stack when the data folder is a file', () => {
  const notAFolder = join(tempDir(), 'file');
  spawnSync('touch', [notAFolder]);
  const r = spawnSync(process.execPath, [BIN, 'people', '--data', notAFolder], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^kindred: error: .+\n$/);
});
