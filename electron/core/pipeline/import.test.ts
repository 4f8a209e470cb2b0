import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { cachePaths } from '../media/cache-paths.ts';
import { FACES_DEV, copyInto, identitiesWith, pngBomb, truncated, write } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

test('an import catalogues good photos, records bad ones with reasons, skips duplicates, and groups people', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  const ids = identitiesWith(4, 3);
  const originals = ids.flatMap((id, i) => copyInto(join(photos, i === 2 ? 'nested/deeper' : '', id.name), id.files.slice(0, 4)));
  const sample = originals[0]!;
  const before = readFileSync(sample);
  const mtimeBefore = statSync(sample).mtimeMs;
  // Photos detected by content, not name.
  copyFileSync(ids[0]!.files[4] ?? ids[0]!.files[0]!, join(photos, 'no-extension'));
  // A byte-identical copy under another name.
  copyFileSync(sample, join(photos, 'copy-of-first.jpg'));
  // Bad files of every kind.
  mkdirSync(join(photos, 'bad'));
  write(join(photos, 'bad', 'empty.jpg'), Buffer.alloc(0));
  write(join(photos, 'bad', 'half.jpg'), truncated(join(FACES_DEV, 'Abba_Eban', 'Abba_Eban_0001.jpg'), 0.4));
  write(join(photos, 'bad', 'notes.jpg'), 'this is a text file with a photo name\n'.repeat(10));
  write(join(photos, 'bad', 'bomb.png'), pngBomb(30000, 30000));
  // Not photos and not named like photos: not catalogued, and reported with why.
  write(join(photos, 'README.txt'), 'holiday 2019');
  write(join(photos, '.hidden.jpg'), 'hidden');

  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const progress: number[] = [];
    core.on('job.progress', (j) => progress.push(j.progress.files_done));
    const job = await core.invoke('import.start', { paths: [photos], library_name: 'Family' });
    const done = await core.invoke('jobs.wait', { job_id: job.id });
    assert.equal(done.state, 'done');
    assert.equal(done.progress.phase, 'finished');
    const good = originals.length + 1; // + the extension-less photo
    const damaged = 1; // half.jpg: kept with a note
    assert.equal(done.progress.files_found, good + damaged + 1 + 3 + 2);
    assert.equal(done.progress.files_done, done.progress.files_found);
    assert.equal(done.progress.duplicates, 1);
    assert.equal(done.progress.files_skipped, 3 + 2);
    assert.ok(progress.length >= 2, 'progress was reported');

    const report = await core.invoke('import.report', { job_id: job.id });
    assert.equal(report.assets, good + damaged);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path.slice(s.path.lastIndexOf('/') + 1), s.error]));
    assert.match(reasons['empty.jpg']!, /empty file/);
    assert.match(reasons['notes.jpg']!, /not an image/);
    assert.match(reasons['bomb.png']!, /safety limit/);
    assert.match(reasons['README.txt']!, /text\/plain|matches no photo/);
    assert.equal(reasons['.hidden.jpg'], 'hidden file');
    assert.equal(Object.keys(reasons).length, 5);
    assert.deepEqual(report.skipped_by_reason, { empty: 1, not_media: 2, too_large: 1, hidden: 1 });
    assert.equal(report.duplicates.length, 1);
    assert.deepEqual([report.duplicates[0]!.path, report.duplicates[0]!.duplicate_of].sort(), [join(photos, 'copy-of-first.jpg'), sample].sort());

    const skipped = await core.invoke('import.skipped', { library_id: report.library_id });
    assert.equal(skipped.total, 5);
    assert.ok(skipped.items.every((s) => !s.relative_path.startsWith('/')), 'the UI sees relative paths only');

    // Every catalogued LFW photo has its central face, with a box inside the photo and an embedding.
    const faces = await core.invoke('faces.list', { library_id: report.library_id, limit: 1000 });
    const assets = await core.invoke('assets.list', { library_id: report.library_id, limit: 100 });
    assert.equal(assets.total, good + damaged);
    for (const a of assets.items) {
      assert.equal(a.width, 250);
      assert.equal(a.height, 250);
      if (a.file_name === 'half.jpg') {
        assert.equal(a.note, 'damaged file: this JPEG ends before all of its image data; what is missing shows as grey');
        continue;
      }
      assert.equal(a.note, null);
      const own = faces.items.filter((f) => f.asset_id === a.id);
      assert.ok(own.length >= 1, `a face in ${a.file_name}`);
      assert.equal(a.face_count, own.length);
      assert.ok(existsSync(cachePaths(core.layout.cacheDir).thumbnail(a.id)), 'thumbnail written');
    }
    const half = assets.items.find((a) => a.file_name === 'half.jpg')!.id;
    for (const f of faces.items.filter((x) => x.asset_id !== half)) {
      const b = f.bounding_box;
      assert.ok(b.x >= -1 && b.y >= -1 && b.x + b.w <= 251 && b.y + b.h <= 251, `box inside: ${JSON.stringify(b)}`);
      assert.equal(f.source, 'automatic');
      assert.ok(f.has_embedding);
      assert.ok(f.confidence! > 0.5 && f.confidence! <= 1);
      assert.equal(f.landmarks?.length, 5);
      assert.ok(existsSync(cachePaths(core.layout.cacheDir).faceCrop(f.id)), 'face crop written');
    }

    // The three identities come out as three people.
    const people = await core.invoke('people.list', { library_id: report.library_id });
    assert.equal(people.total, 3);
    assert.ok(people.items.every((p) => p.asset_count >= 4 && p.name === null && p.source === 'auto' && p.thumbnail_face_id));

    // Originals are untouched.
    assert.deepEqual(readFileSync(sample), before);
    assert.equal(statSync(sample).mtimeMs, mtimeBefore);

    // Importing the same folder again adds nothing.
    const again = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos], library_name: 'Family' })).id });
    assert.equal(again.state, 'done');
    const report2 = await core.invoke('import.report', { job_id: again.id });
    assert.deepEqual([report2.assets, report2.faces, report2.people], [report.assets, report.faces, report.people]);
  } finally {
    await core.close();
  }
});

test('an import of a folder that does not exist fails clearly', async () => {
  const core = new KindredCore({ dataDir: join(tempDir(), 'data') });
  try {
    await assert.rejects(core.invoke('import.start', { paths: ['/no/such/folder'] }), { code: 'not_found', message: 'Folder not found: /no/such/folder' });
    await assert.rejects(core.invoke('import.start', { paths: ['relative/path'] }), { code: 'invalid_input' });
    await assert.rejects(core.invoke('import.start', { paths: [] }), { code: 'invalid_input' });
  } finally {
    await core.close();
  }
});
