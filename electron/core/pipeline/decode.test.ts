import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import { FACES_DEV } from '../testing/fixtures.ts';
import { colourPath } from './colour-profile.ts';
import { decodeUpright, workingSide } from './decode.ts';

const OPTS = { maxSide: 2048, maxPixels: 200_000_000, mime: 'image/jpeg' };
const photo = join(FACES_DEV, 'Colin_Powell', readdirSync(join(FACES_DEV, 'Colin_Powell')).sort()[0]!);
/** A 3000x2400 photo, saturated enough for a gamut conversion to show. */
let scene: Buffer;
before(async () => {
  scene = await sharp(photo).resize(3000, 2400).modulate({ saturation: 1.8 }).raw().toBuffer();
});
const encode = (s: Sharp) => s.jpeg({ quality: 92 }).toBuffer();
const raw = () => sharp(scene, { raw: { width: 3000, height: 2400, channels: 3 } });

/** What the decoder did before: the embedded profile applied to the full image, then the resize. */
async function colourManagedFirst(buf: Buffer) {
  const { data, info } = await sharp(buf).rotate().resize({ width: 2048, height: 2048, fit: 'inside', withoutEnlargement: true }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  assert.equal(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

test('the colour path follows the embedded profile', async () => {
  const path = async (buf: Buffer) => colourPath(buf, await sharp(buf).metadata());
  assert.equal(await path(await encode(raw())), 'as-is', 'no profile');
  assert.equal(await path(await encode(raw().withMetadata())), 'as-is', 'an sRGB profile');
  assert.equal(await path(await encode(raw().withIccProfile('p3'))), 'after-resize', 'Display P3');
  assert.equal(await path(await encode(raw().withIccProfile('cmyk'))), 'full', 'CMYK');
});

test('skipping an sRGB profile and converting another after the resize give what a full-size conversion gives', async () => {
  for (const [what, buf, tolerance] of [
    ['sRGB profile', await encode(raw().withMetadata()), 0.5],
    ['Display P3 profile', await encode(raw().withIccProfile('p3')), 1.5],
    ['CMYK', await encode(raw().withIccProfile('cmyk')), 0.5],
  ] as const) {
    const got = await decodeUpright(buf, OPTS);
    const want = await colourManagedFirst(buf);
    assert.deepEqual([got.width, got.height], [want.width, want.height], what);
    const diff = meanAbsDiff(got.data, want.data);
    assert.ok(diff <= tolerance, `${what}: mean |diff| ${diff.toFixed(2)} levels`);
  }
  // The P3 photo really is converted: read as if sRGB, its colours would be off by far more.
  const p3 = await encode(raw().withIccProfile('p3'));
  const ignored = await sharp(p3, { ignoreIcc: true }).resize({ width: 2048, height: 2048, fit: 'inside' }).raw().toBuffer();
  assert.ok(meanAbsDiff(ignored, (await colourManagedFirst(p3)).data) > 2, 'the P3 fixture is far from sRGB');
});

test('the working side snaps to a third where sharp would otherwise decode a JPEG at full size', () => {
  assert.equal(workingSide(1500, 2048), 1500, 'never enlarged');
  assert.equal(workingSide(4000, 2048), 2048);
  assert.equal(workingSide(6000, 2048), 2000, 'a 24-MP photo: a third, decoded at half scale');
  assert.equal(workingSide(5472, 2048), 2048, 'a third would be too small');
  assert.equal(workingSide(8192, 2048), 2048, 'shrink-on-load applies as it is');
});
