import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { importIntoFreshCatalogue } from '../../../e2e/support/import-folder.ts';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { IMAGE_KIND_NAMES } from '../../../shared/media.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { cachePaths, type CachePaths } from './cache-paths.ts';
import { MediaSource, type MediaResult } from './media-source.ts';

// A real catalogue: four faces-dev photos, plus one stored sideways with EXIF orientation 6 and
// cropped to landscape, so "display orientation" and "display size" mean something.
const root = tempDir();
let core: KindredCore;
let media: MediaSource;
let paths: CachePaths;
let plain: Asset;
let sideways: Asset;
let sidewaysFace: Face;

async function jpegOf(r: MediaResult): Promise<{ width: number; height: number }> {
  assert.ok(r.found, `expected media, got ${JSON.stringify(r)}`);
  assert.equal(r.mime, 'image/jpeg');
  const m = await sharp(r.body).metadata();
  assert.equal(m.format, 'jpeg');
  return { width: m.width, height: m.height };
}

before(async () => {
  const photos = join(root, 'photos');
  const [id] = identitiesWith(5, 1);
  copyInto(photos, id!.files.slice(0, 4));
  // Upright it is 250×180 (landscape); stored rotated 90° anticlockwise, tagged "rotate 90° clockwise".
  const upright = await sharp(id!.files[4]!).extract({ left: 0, top: 30, width: 250, height: 180 }).toBuffer();
  writeFileSync(join(photos, 'sideways.jpg'), await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer());
  ({ core } = await importIntoFreshCatalogue([photos], { dataDir: join(root, 'data'), quiet: true }));
  media = new MediaSource(core.catalogue, core.layout.cacheDir);
  paths = cachePaths(core.layout.cacheDir);
  const assets = (await core.invoke('assets.list', {})).items;
  sideways = assets.find((a) => a.file_name === 'sideways.jpg')!;
  plain = assets.find((a) => a.file_name !== 'sideways.jpg')!;
  sidewaysFace = (await core.invoke('faces.list', { asset_id: sideways.id })).items[0]!;
});
after(() => core?.close());

test('catalogued thumbnails, face crops and display photos are JPEG; the photo is upright at the asset’s display size', async () => {
  assert.deepEqual([sideways.width, sideways.height, sideways.orientation], [250, 180, 6]);
  assert.ok(sidewaysFace, 'the sideways photo has a face');
  assert.deepEqual(await jpegOf(await media.display(sideways.id)), { width: 250, height: 180 });
  assert.deepEqual(await jpegOf(await media.display(plain.id)), { width: plain.width, height: plain.height });
  const thumb = await jpegOf(await media.thumbnail(sideways.id));
  assert.ok(thumb.width > thumb.height, 'the thumbnail is upright too');
  assert.deepEqual(await jpegOf(await media.faceCrop(sidewaysFace.id)), { width: 160, height: 160 });
  assert.ok(existsSync(paths.full(sideways.id)), 'the display photo is cached by asset id');
  // The viewer's first image was written by the import itself, upright.
  assert.ok(existsSync(paths.preview(sideways.id)), 'the import wrote the preview');
  assert.deepEqual(await jpegOf(await media.preview(sideways.id)), { width: 250, height: 180 });
  // get(kind, id) is the same thing by kind name, and the etag follows the bytes.
  const a = await media.get('photo', sideways.id);
  const b = await media.display(sideways.id);
  assert.ok(a.found && b.found && a.etag === b.etag && a.etag.startsWith('"'));
});

test('a capped display photo keeps the asset’s aspect ratio', async () => {
  const small = new MediaSource(core.catalogue, join(root, 'other-cache'), { displayMaxSide: 100 });
  const { width, height } = await jpegOf(await small.display(sideways.id));
  assert.equal(width, 100);
  assert.ok(Math.abs(width / height - sideways.width! / sideways.height!) < 0.01);
});

test('a missing thumbnail or face crop is made again from the original, the same as the import made it', async () => {
  const cropFile = paths.faceCrop(sidewaysFace.id);
  const imported = await sharp(readFileSync(cropFile)).raw().toBuffer();
  rmSync(cropFile);
  rmSync(paths.thumbnail(plain.id));
  await jpegOf(await media.thumbnail(plain.id));
  assert.ok(existsSync(paths.thumbnail(plain.id)), 'stored again');
  await jpegOf(await media.faceCrop(sidewaysFace.id));
  const remade = await sharp(readFileSync(cropFile)).raw().toBuffer();
  assert.equal(remade.length, imported.length);
  let diff = 0;
  for (let i = 0; i < remade.length; i += 1) diff += Math.abs(remade[i]! - imported[i]!);
  assert.ok(diff / remade.length < 12, `the remade crop shows the same face, upright (mean difference ${diff / remade.length})`);
  assert.deepEqual(readdirSync(dirname(cropFile)).filter((f) => f.endsWith('.tmp')), [], 'no temp files left');
});

test('concurrent requests for a missing photo share one render', async () => {
  rmSync(paths.full(plain.id), { force: true });
  const results = await Promise.all(Array.from({ length: 6 }, () => media.display(plain.id)));
  const etags = new Set(results.map((r) => (r.found ? r.etag : 'missing')));
  assert.equal(etags.size, 1);
  assert.ok(!etags.has('missing'));
});

test('ids are validated by kind before any lookup; unknown ids are not catalogued; paths are never ids', async () => {
  assert.deepEqual(await media.thumbnail('asset_00000000000000000000000000'), { found: false, reason: 'not_catalogued' });
  assert.deepEqual(await media.faceCrop('face_00000000000000000000000000'), { found: false, reason: 'not_catalogued' });
  assert.deepEqual(await media.faceCrop(plain.id), { found: false, reason: 'invalid_id' }, 'an asset id is not a face id');
  assert.deepEqual(await media.display(sidewaysFace.id), { found: false, reason: 'invalid_id' });
  const bad = [
    '../../catalogue.sqlite',
    '%2e%2e%2fcatalogue.sqlite',
    '/etc/passwd',
    'asset_../../etc/passwd',
    `${plain.id}/../../../etc/passwd`,
    `${plain.id}\0.jpg`,
    `${plain.id} `,
    plain.id.toUpperCase(),
    paths.thumbnail(plain.id),
    'C:\\Windows\\win.ini',
    '',
  ];
  for (const id of bad) {
    for (const kind of IMAGE_KIND_NAMES) assert.deepEqual(await media.get(kind, id), { found: false, reason: 'invalid_id' }, `${kind} ${JSON.stringify(id)}`);
  }
  assert.deepEqual(await media.get('original' as never, plain.id), { found: false, reason: 'invalid_id' });
});

test('a cache file or folder that leads outside the cache is never read or written through', async () => {
  const outside = join(root, 'outside');
  mkdirSync(outside);
  const secret = join(outside, 'secret.txt');
  writeFileSync(secret, 'not an image');
  // A planted symlink in place of a thumbnail: not read; replaced by a real thumbnail.
  const thumbFile = paths.thumbnail(plain.id);
  rmSync(thumbFile);
  symlinkSync(secret, thumbFile);
  const got = await media.thumbnail(plain.id);
  await jpegOf(got);
  assert.notEqual(got.found && got.body.toString(), 'not an image');
  assert.equal(readFileSync(secret, 'utf8'), 'not an image', 'the symlink target is untouched');
  // A shard folder that is a symlink to elsewhere: served from the original, nothing written outside.
  const shard = dirname(paths.full(sideways.id));
  renameSync(shard, `${shard}.moved`);
  symlinkSync(outside, shard);
  await jpegOf(await media.display(sideways.id));
  assert.deepEqual(readdirSync(outside), ['secret.txt']);
  rmSync(shard);
  renameSync(`${shard}.moved`, shard);
});

test('a catalogued asset whose original and derivatives are gone is unavailable, not an error', async () => {
  const original = core.catalogue.assets.path(plain.id)!;
  renameSync(original, `${original}.away`);
  try {
    rmSync(paths.full(plain.id), { force: true });
    assert.deepEqual(await media.display(plain.id), { found: false, reason: 'unavailable' });
    assert.ok((await media.thumbnail(plain.id)).found, 'a cached thumbnail is still served');
  } finally {
    renameSync(`${original}.away`, original);
  }
});
