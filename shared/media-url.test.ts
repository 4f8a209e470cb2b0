import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaUrl, parseMediaUrl } from './media-url.ts';

const ASSET = 'asset_0123456789abcdef';
const FACE = 'face_0123456789abcdef';

test('kind + catalogue id round-trips', () => {
  assert.deepEqual(parseMediaUrl(mediaUrl('thumbnail', ASSET)), { kind: 'thumbnail', id: ASSET });
  assert.deepEqual(parseMediaUrl(mediaUrl('photo', ASSET)), { kind: 'photo', id: ASSET });
  assert.deepEqual(parseMediaUrl(mediaUrl('face', FACE)), { kind: 'face', id: FACE });
  assert.equal(mediaUrl('face', FACE), `kindred-media://face/${FACE}`);
  assert.deepEqual(parseMediaUrl(mediaUrl('preview', ASSET)), { kind: 'preview', id: ASSET });
  // A version token makes a page fetch a changed image again; it changes nothing else.
  assert.deepEqual(parseMediaUrl(`${mediaUrl('face', FACE)}?v=20261201t0930`), { kind: 'face', id: FACE });
  for (const bad of [`?v=../x`, `?v=`, `?v=1&path=/etc`, `?v=1?v=2`]) assert.equal(parseMediaUrl(`${mediaUrl('face', FACE)}${bad}`), null, bad);
});

test('anything path-like or not exactly an id is refused', () => {
  for (const url of [
    `kindred-media://thumbnail/${FACE}`, // id of the wrong kind
    `kindred-media://face/${ASSET}`,
    'kindred-media://thumbnail/../../etc/passwd',
    'kindred-media://thumbnail/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'kindred-media://thumbnail/..%2F..%2Fcatalogue.sqlite',
    'kindred-media://thumbnail//etc/passwd',
    'kindred-media://file/etc/passwd',
    'kindred-media:///etc/passwd',
    'kindred-media://thumbnail/C:\\Windows\\win.ini',
    `kindred-media://thumbnail/${ASSET}/extra`,
    `kindred-media://thumbnail/${ASSET}?path=/etc/passwd`,
    `kindred-media://thumbnail/${ASSET}#x`,
    `kindred-media://thumbnail/${ASSET}%00`,
    `kindred-media://thumbnail/./${ASSET}`,
    `kindred-media://thumbnail/x/../${ASSET}`,
    `kindred-media://user@thumbnail/${ASSET}`,
    `kindred-media://thumbnail:1/${ASSET}`,
    `KINDRED-MEDIA://THUMBNAIL/${ASSET}`,
    `kindred-media://thumbnail/${ASSET.toUpperCase()}`,
    'kindred-media://thumbnail/asset_short',
    `kindred-media://__proto__/${ASSET}`,
    `kindred-media://constructor/${ASSET}`,
    `kindred://app/${ASSET}`,
    `file:///tmp/${ASSET}`,
    'kindred-media://thumbnail/' + 'a'.repeat(600),
    '',
    'garbage',
  ]) assert.equal(parseMediaUrl(url), null, url);
});

test('a video is streamed by asset id only', () => {
  assert.deepEqual(parseMediaUrl(`kindred-media://video/${ASSET}`), { kind: 'video', id: ASSET });
  for (const bad of [`kindred-media://video/${FACE}`, `kindred-media://video/${ASSET}/x`, 'kindred-media://video/..%2Fcatalogue.sqlite', 'kindred-media://video/', `kindred-media://VIDEO/${ASSET}`]) {
    assert.equal(parseMediaUrl(bad), null, bad);
  }
});
