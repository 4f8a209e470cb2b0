import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { importIntoFreshCatalogue } from '../../../e2e/support/import-folder.ts';
import type { KindredCore } from '../../core/app.ts';
import { cachePaths } from '../../core/media/cache-paths.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { operations } from '../../../shared/contract.ts';
import { IMAGE_KIND_NAMES, MEDIA_KINDS, mediaPath } from '../../../shared/media.ts';
import { raw, startTestServer, type TestServer } from './testing.ts';

// /media over a real catalogue of three faces-dev photos.
const root = tempDir();
let core: KindredCore;
let t: TestServer;
let assetId: string;
let faceId: string;

before(async () => {
  const [id] = identitiesWith(3, 1);
  copyInto(join(root, 'photos'), id!.files.slice(0, 3));
  ({ core } = await importIntoFreshCatalogue([join(root, 'photos')], { dataDir: join(root, 'data'), quiet: true }));
  t = await startTestServer(core);
  const face = (await core.invoke('faces.list', {})).items[0]!;
  faceId = face.id;
  assetId = face.asset_id;
});
after(async () => {
  await t?.close();
  await core?.close();
});

async function image(path: string): Promise<{ width: number; height: number; etag: string }> {
  const res = await t.get(path);
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  assert.equal(meta.format, 'jpeg');
  return { width: meta.width, height: meta.height, etag: res.headers.get('etag')! };
}

test('every image kind of shared/media.ts is served over HTTP and by media.get, and nothing else', async () => {
  assert.deepEqual(operations['media.get'].input.shape.kind.options, IMAGE_KIND_NAMES);
  // Originals (a video) are streamed over HTTP only (electron/host/api/video-identity.test.ts, e2e/ui/video.e2e.test.ts).
  assert.equal((await t.get(mediaPath('video', assetId))).status, 404, 'a photo is no video');
  for (const kind of IMAGE_KIND_NAMES) {
    const id = MEDIA_KINDS[kind].idPrefix === 'face' ? faceId : assetId;
    const res = await t.get(mediaPath(kind, id));
    assert.equal(res.status, 200, kind);
    assert.equal(res.headers.get('content-type'), MEDIA_KINDS[kind].contentType);
    const viaOp = await core.invoke('media.get', { kind, id });
    assert.equal(viaOp.mime, MEDIA_KINDS[kind].contentType);
  }
});

test('catalogued thumbnails, face crops and upright photos at the asset’s display size', async () => {
  const asset = await core.invoke('assets.get', { asset_id: assetId as never });
  const thumb = await image(`/media/thumbnail/${assetId}`);
  assert.ok(Math.max(thumb.width, thumb.height) <= 480);
  assert.deepEqual(await image(`/media/face/${faceId}`), { width: 160, height: 160, etag: (await image(`/media/face/${faceId}`)).etag });
  const photo = await image(`/media/photo/${assetId}`);
  assert.deepEqual([photo.width, photo.height], [asset.width, asset.height]);
  const again = await t.get(`/media/photo/${assetId}`, { 'x-kindred-token': t.token, 'if-none-match': photo.etag });
  assert.equal(again.status, 304);
});

test('ids that are not catalogued are 404; ids of the wrong kind or unknown kinds are refused', async () => {
  assert.equal((await t.get('/media/thumbnail/asset_00000000000000000000000000')).status, 404);
  assert.equal((await t.get('/media/face/face_00000000000000000000000000')).status, 404);
  assert.equal((await t.get(`/media/face/${assetId}`)).status, 400, 'an asset id is not a face id');
  assert.equal((await t.get(`/media/photo/${faceId}`)).status, 400);
  assert.equal((await t.get(`/media/original/${assetId}`)).status, 404);
  assert.equal((await t.get(`/media/thumb/${assetId}`)).status, 404, 'kinds are the names of shared/media.ts');
});

test('path-like ids are refused (400, 404, 414 for an over-long one), never an image, never a file outside the cache', async () => {
  const paths = [
    '/media/photo/..%2F..%2Fcatalogue.sqlite',
    '/media/photo/%2e%2e%2f%2e%2e%2fcatalogue.sqlite',
    '/media/photo/%2e%2e',
    '/media/photo/..',
    '/media/photo/%2Fetc%2Fpasswd',
    '/media/thumbnail/asset_..%2F..%2Fetc%2Fpasswd',
    '/media/thumbnail/asset_../../etc/passwd',
    `/media/thumbnail/${assetId}%00.jpg`,
    `/media/thumbnail/${assetId}%2F..%2F..%2Fcatalogue.sqlite`,
    '/media/thumbnail/C:%5CWindows%5Cwin.ini',
    '/media/../../etc/passwd',
    '/media/thumbnail/../../../etc/passwd',
    `/media/thumbnail/asset_${'a'.repeat(300)}`,
  ];
  for (const path of paths) {
    const res = await raw(t.port, 'GET', path, { 'x-kindred-token': t.token });
    assert.ok([400, 404, 414].includes(res.status), `${path} → ${res.status}`);
    assert.doesNotMatch(String(res.headers['content-type']), /image/, path);
    assert.doesNotMatch(res.body, /root:|SQLite format/, path);
  }
});

test('a cache file that is a symlink out of the cache is not followed: the thumbnail is made again', async () => {
  const secret = join(root, 'secret.txt');
  writeFileSync(secret, 'root:x:0:0:secret');
  const file = cachePaths(core.layout.cacheDir).thumbnail(assetId as never);
  rmSync(file);
  symlinkSync(secret, file);
  const res = await t.get(`/media/thumbnail/${assetId}`);
  assert.equal(res.status, 200);
  const body = Buffer.from(await res.arrayBuffer());
  assert.ok(!body.toString('latin1').includes('secret'));
  assert.equal((await sharp(body).metadata()).format, 'jpeg');
});
