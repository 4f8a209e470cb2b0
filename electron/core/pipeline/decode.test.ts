import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import { FACES_DEV } from '../testing/fixtures.ts';
import { colourPath } from './colour-profile.ts';
import { readSource, sourceFile } from './analyze.ts';
import { admitFile } from './probe.ts';
import { decodeUpright, jpegScale, workingSide } from './decode.ts';

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

test('a large JPEG decodes at the libjpeg scale that leaves a working image near the working side', () => {
  assert.equal(jpegScale(1500, 2048), 1, 'small: in full');
  assert.equal(workingSide(1500, 2048, 1), 1500, 'never enlarged');
  assert.equal(jpegScale(4000, 2048), 2, 'a 12-MP photo at half scale');
  assert.equal(workingSide(4000, 2048, 2), 2000);
  assert.equal(jpegScale(3500, 2048), 1, 'half would be too small');
  assert.equal(workingSide(3500, 2048, 1), 2048);
  assert.equal(jpegScale(6000, 2048), 2, 'a 24-MP photo at half scale, then resized');
  assert.equal(workingSide(6000, 2048, 2), 2048);
  assert.equal(jpegScale(8192, 2048), 4);
  assert.equal(jpegScale(60000, 2048), 1, 'even 1/8 would leave more than sharp resizes without shrinking on load again');
});

test('a JPEG decoded from its file at half scale matches the full decode of its bytes, and a file changed since it was read is not used', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-decode-'));
  try {
    const file = join(dir, 'photo.jpg');
    // EXIF orientation 6: the scaled decode is turned like the full one.
    writeFileSync(file, await encode(raw().resize(4000, 3000).withMetadata({ orientation: 6 })));
    const admitted = await admitFile(file, { maxPixels: OPTS.maxPixels, maxFileBytes: 1 << 30 });
    const bytes = await readSource(file, admitted);
    assert.ok(Buffer.isBuffer(bytes), 'a 12-MP JPEG is held as bytes');
    const source = sourceFile(file, admitted);
    const fromFile = await decodeUpright(bytes, { ...OPTS, file: source });
    const fromBytes = await decodeUpright(bytes, OPTS);
    assert.deepEqual([fromFile.width, fromFile.height], [1500, 2000], 'half of 3000x4000, upright');
    assert.deepEqual([fromBytes.width, fromBytes.height], [1500, 2000], 'bytes alone give the same working size');
    const diff = meanAbsDiff(fromFile.data, fromBytes.data);
    assert.ok(diff < 2, `scaled decode against full decode and resize: mean |diff| ${diff.toFixed(2)} levels`);

    // Replaced after the read: what is decoded is the bytes that were read (and hashed), not the new file.
    writeFileSync(file, await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#00ff00' } }).jpeg().toBuffer());
    const afterChange = await decodeUpright(bytes, { ...OPTS, file: source });
    assert.deepEqual([afterChange.width, afterChange.height], [1500, 2000]);
    assert.equal(meanAbsDiff(afterChange.data, fromBytes.data), 0);
    // And the scaled decode did read the file: given the new file's size and time, the new pixels come out.
    const green = await decodeUpright(bytes, { ...OPTS, file: { path: file, size: statSync(file).size, mtimeMs: statSync(file).mtimeMs } });
    assert.deepEqual([...green.data.subarray(0, 3)].map((v) => Math.round(v / 16)), [0, 16, 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a truncated JPEG decoded at half scale, from its file or its path, is kept with the damaged-file note', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-decode-'));
  try {
    const file = join(dir, 'cut.jpg');
    const whole = await encode(raw().resize(4000, 3000));
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.5)));
    const admitted = await admitFile(file, { maxPixels: OPTS.maxPixels, maxFileBytes: 1 << 30 });
    const bytes = await readSource(file, admitted);
    const note = 'damaged file: this JPEG ends before all of its image data; what is missing shows as grey';
    for (const [what, img] of [
      ['bytes and their file', await decodeUpright(bytes, { ...OPTS, file: sourceFile(file, admitted) })],
      ['the path', await decodeUpright(file, OPTS)],
    ] as const) {
      assert.deepEqual([img.width, img.height], [2000, 1500], what);
      assert.equal(img.damage, note, what);
      const lastRow = new Set(img.data.subarray((img.height - 1) * img.width * 3));
      assert.deepEqual([...lastRow], [128], `${what}: grey where the data ran out`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
