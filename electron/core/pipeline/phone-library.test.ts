import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { mixedLibrary } from '../testing/mixed-library.ts';
import { tempDir } from '../testing/temp-dir.ts';

const BIN = new URL('../../host/bin/kindred.js', import.meta.url).pathname;

test('an import of a phone library catalogues HEIC and RAW and accounts for every other file, counted per reason', async () => {
  const root = tempDir();
  const lib = await mixedLibrary(root);
  const { photos } = lib;
  const data = join(root, 'data');
  try {
    // The import as a user runs it; its summary is what they read.
    const cli = spawnSync(process.execPath, [BIN, 'import', photos, '--data', data], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(cli.status, 0, cli.stderr);
    if (process.env.KINDRED_PRINT_SUMMARY) process.stdout.write(cli.stdout);
    const line = (prefix: string) => cli.stdout.split('\n').find((l) => l.startsWith(prefix));
    assert.equal(
      line('not catalogued:'),
      'not catalogued: 12 files — 2 unsupported format, 1 not a photo or video, 1 sidecar file (read with its photo), 1 hidden file or folder, 1 name is not valid UTF-8, 1 path too long, 1 empty file, 1 too large to decode safely, 1 corrupt, 1 RAW without a usable preview, 1 duplicate of a photo already catalogued',
    );
    assert.match(line('skipped ')!, /^skipped /);
    assert.match(cli.stdout, /^duplicate .*jpeg\/a( copy)?\.jpg \(same as .*jpeg\/a( copy)?\.jpg\)$/m);
    assert.match(cli.stdout, /skipped .*other\/scan\.jp2: unsupported format: JPEG 2000/);
  } finally {
    lib.cleanup();
  }

  const core = new KindredCore({ dataDir: data, validateOutputs: true });
  try {
    const [job] = await core.invoke('jobs.list', {});
    assert.equal(job!.state, 'done');
    const report = await core.invoke('import.report', { job_id: job!.id });
    // A cut-off JPEG is catalogued with a note saying it is damaged (what it holds is still a photo).
    assert.equal(report.assets, lib.catalogued + 1, 'a JPEG, two HEICs, two DNGs and the cut-off JPEG');
    const why = new Map(report.skipped.map((s) => [s.path.slice(photos.length + 1), s]));
    assert.equal(why.get('raw/thumbnail-only.dng')?.reason, 'raw_no_preview');
    assert.match(why.get('raw/thumbnail-only.dng')!.error, /DNG without a usable preview/);
    assert.deepEqual([why.get('other/scan.jp2')?.reason, why.get('other/scan.jp2')?.error], ['unsupported_format', 'JPEG 2000']);
    assert.deepEqual([why.get('other/logo.svg')?.reason, why.get('other/logo.svg')?.error], ['unsupported_format', 'SVG']);
    assert.equal(why.get('other/notes.txt')?.reason, 'not_media');
    assert.equal(why.get('other/empty.jpg')?.reason, 'empty');
    assert.equal(why.get('other/.DS_Store')?.reason, 'hidden');
    assert.equal(why.get('jpeg/a.xmp')?.reason, 'sidecar');
    assert.equal(why.get('other/caf\ufffd.jpg')?.reason, 'name_not_utf8');
    assert.equal(why.get('other/cut-off.jpg'), undefined);
    assert.equal(why.get('other/garbage.jpg')?.reason, 'corrupt');
    assert.equal(why.get('other/bomb.png')?.reason, 'too_large');
    const long = report.skipped.filter((s) => s.reason === 'path_too_long');
    assert.equal(long.length, 1);
    assert.ok(long[0]!.path.startsWith(lib.deep), 'the folder that cannot be opened is named');
    assert.deepEqual(report.skipped_by_reason, {
      raw_no_preview: 1,
      unsupported_format: 2,
      not_media: 1,
      empty: 1,
      hidden: 1,
      sidecar: 1,
      name_not_utf8: 1,
      path_too_long: 1,
      corrupt: 1,
      too_large: 1,
    });
    assert.equal(report.skipped.length, 11, 'every file that is not catalogued is listed');
    assert.equal(report.duplicates.length, 1);
    assert.equal(job!.progress.files_skipped, 11);

    const assets = (await core.invoke('assets.list', { limit: 100 })).items;
    const byName = new Map(assets.map((a) => [a.file_name, a]));
    assert.deepEqual([byName.get('IMG_0001.HEIC')?.mime, byName.get('IMG_0001.HEIC')?.width], ['image/heic', 250]);
    assert.deepEqual([byName.get('camera.dng')?.width, byName.get('camera.dng')?.height], [1600, 1200]);
    assert.deepEqual([byName.get('portrait.dng')?.width, byName.get('portrait.dng')?.height, byName.get('portrait.dng')?.orientation], [1200, 1600, 8]);
    assert.match(byName.get('cut-off.jpg')?.note ?? '', /damaged/);
    for (const a of assets) if (a.file_name !== 'cut-off.jpg') assert.ok(a.face_count >= 1, `a face found in ${a.file_name}`);
    // The portrait DNG's sensor holds the photo on its side: its face is found only because Orientation 8 was applied.
    const [portrait] = (await core.invoke('faces.list', { asset_id: byName.get('portrait.dng')!.id })).items;
    assert.ok(portrait!.bounding_box.w > 300 && portrait!.bounding_box.y + portrait!.bounding_box.h <= 1601);

    const page = await core.invoke('import.skipped', { limit: 100 });
    assert.equal(page.total, 11);
    assert.ok(page.items.every((s) => !s.relative_path.startsWith('/')), 'the UI sees relative paths only');
    assert.deepEqual(page.by_reason, report.skipped_by_reason, 'the app counts per reason as the summary does');
  } finally {
    await core.close();
  }
});
