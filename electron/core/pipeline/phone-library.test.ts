import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { FACES_DEV } from '../testing/fixtures.ts';
import { dngFrom, heifEnc, jpeg2000 } from '../testing/real-formats.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { MAX_PATH_BYTES } from './scan.ts';

const segment = 'd'.repeat(200);

/** rm -r cannot name what is too deep, so climb down by relative names and remove on the way back. */
function removeDeep(root: string, name: string): void {
  const start = process.cwd();
  try {
    process.chdir(root);
    let depth = 0;
    while (existsSync(name)) {
      process.chdir(name);
      depth++;
    }
    for (; depth > 0; depth--) {
      for (const f of readdirSync('.')) if (f !== name) rmSync(f, { force: true });
      process.chdir('..');
      rmSync(name, { recursive: true, force: true });
    }
  } finally {
    process.chdir(start);
  }
}

const photo = (name: string, n = 1) => join(FACES_DEV, name, `${name}_${String(n).padStart(4, '0')}.jpg`);

/** A folder deeper than the OS opens by absolute path, made by walking down with relative names. */
function tooDeep(root: string): string {
  const start = process.cwd();
  let depth = 0;
  try {
    process.chdir(root);
    while (Buffer.byteLength(root) + depth * (segment.length + 1) <= MAX_PATH_BYTES + 300) {
      mkdirSync(segment);
      process.chdir(segment);
      depth++;
    }
    copyFileSync(photo('Abba_Eban'), 'deep.jpg');
  } finally {
    process.chdir(start);
  }
  return join(root, segment);
}

test('an import of a phone library catalogues HEIC and RAW and accounts for every other file, counted per reason', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  for (const d of ['jpeg', 'iphone', 'raw', 'other']) mkdirSync(join(photos, d), { recursive: true });
  copyFileSync(photo('Abba_Eban'), join(photos, 'jpeg', 'a.jpg'));
  writeFileSync(join(photos, 'jpeg', 'a.xmp'), '<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>\n');
  heifEnc([photo('Abdullah_Gul')], join(photos, 'iphone', 'IMG_0001.HEIC'));
  heifEnc([photo('Aiysha_Smith'), photo('Abba_Eban')], join(photos, 'iphone', 'IMG_0002.HEIC'));
  await dngFrom(photo('Abdullah_Gul'), join(photos, 'raw', 'camera.dng'));
  await dngFrom(photo('Abdullah_Gul'), join(photos, 'raw', 'portrait.dng'), { orientation: 8 });
  await dngFrom(photo('Abdullah_Gul'), join(photos, 'raw', 'thumbnail-only.dng'), { preview: 'none' });
  await jpeg2000(photo('Aiysha_Smith'), join(photos, 'other', 'scan.jp2'));
  writeFileSync(join(photos, 'other', 'logo.svg'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n');
  writeFileSync(join(photos, 'other', 'notes.txt'), 'holiday 2019\n');
  writeFileSync(join(photos, 'other', 'empty.jpg'), '');
  writeFileSync(join(photos, 'other', '.DS_Store'), 'x');
  // Latin-1 "café.jpg": the byte 0xE9 alone is not UTF-8.
  writeFileSync(Buffer.concat([Buffer.from(join(photos, 'other', 'caf')), Buffer.from([0xe9]), Buffer.from('.jpg')]), readFileSync(photo('Abdullah_Gul', 4)));
  const deep = tooDeep(join(photos, 'other'));

  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
    assert.equal(job.state, 'done');
    const report = await core.invoke('import.report', { job_id: job.id });
    assert.equal(report.assets, 5, 'a JPEG, two HEICs, two DNGs');
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
    const long = report.skipped.filter((s) => s.reason === 'path_too_long');
    assert.equal(long.length, 1);
    assert.ok(long[0]!.path.startsWith(deep), 'the folder that cannot be opened is named');
    assert.deepEqual(report.skipped_by_reason, {
      raw_no_preview: 1,
      unsupported_format: 2,
      not_media: 1,
      empty: 1,
      hidden: 1,
      sidecar: 1,
      name_not_utf8: 1,
      path_too_long: 1,
    });
    assert.equal(report.skipped.length, 9, 'every file that is not catalogued is listed');
    assert.equal(job.progress.files_skipped, 9);

    const assets = (await core.invoke('assets.list', { limit: 100 })).items;
    const byName = new Map(assets.map((a) => [a.file_name, a]));
    assert.deepEqual([byName.get('IMG_0001.HEIC')?.mime, byName.get('IMG_0001.HEIC')?.width], ['image/heic', 250]);
    assert.deepEqual([byName.get('camera.dng')?.width, byName.get('camera.dng')?.height], [1600, 1200]);
    assert.deepEqual([byName.get('portrait.dng')?.width, byName.get('portrait.dng')?.height, byName.get('portrait.dng')?.orientation], [1200, 1600, 8]);
    for (const a of assets) assert.ok(a.face_count >= 1, `a face found in ${a.file_name}`);
    // The portrait DNG's sensor holds the photo on its side: its face is found only because Orientation 8 was applied.
    const [portrait] = (await core.invoke('faces.list', { asset_id: byName.get('portrait.dng')!.id })).items;
    assert.ok(portrait!.bounding_box.w > 300 && portrait!.bounding_box.y + portrait!.bounding_box.h <= 1601);

    const page = await core.invoke('import.skipped', { limit: 100 });
    assert.equal(page.total, 9);
    assert.ok(page.items.every((s) => !s.relative_path.startsWith('/')), 'the UI sees relative paths only');
  } finally {
    await core.close();
    removeDeep(join(photos, 'other'), segment);
  }
});
