import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FACES_DEV } from '../testing/fixtures.ts';
import { dngFrom, exiftool, heifEnc } from '../testing/real-formats.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { decodeUpright } from './decode.ts';
import { FileProblem } from './file-problem.ts';
import { sharpLacksCodec } from './heif-decode.ts';
import { probeImage } from './probe.ts';

const LIMITS = { maxPixels: 200_000_000 };
const A = join(FACES_DEV, 'Abba_Eban', 'Abba_Eban_0001.jpg');
const B = join(FACES_DEV, 'Abdullah_Gul', 'Abdullah_Gul_0001.jpg');

async function decodeFile(file: string) {
  const buf = readFileSync(file);
  const probe = await probeImage(buf, LIMITS);
  return { probe, img: await decodeUpright(buf, { maxSide: 4096, maxPixels: LIMITS.maxPixels, mime: probe.mime }) };
}

async function rgb(file: string) {
  const { data, info } = await sharp(file).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  assert.equal(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Pearson correlation of two images' samples: the same picture under another tone curve stays near 1. */
function correlation(a: Uint8Array, b: Uint8Array): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  const n = a.length;
  return (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
}

test('a HEVC HEIC made by heif-enc decodes through libheif, where sharp cannot, to the photo it was made from', async () => {
  const dir = tempDir();
  const heic = heifEnc([A], join(dir, 'IMG_0001.HEIC'), 90);
  assert.ok(sharpLacksCodec(await sharp(readFileSync(heic)).metadata()), 'this sharp has no HEVC decoder, so libheif is the one decoding');
  const { probe, img } = await decodeFile(heic);
  assert.equal(probe.mime, 'image/heic');
  assert.deepEqual([img.width, img.height, probe.displayWidth, probe.displayHeight], [250, 250, 250, 250]);
  const source = await rgb(A);
  assert.ok(meanAbsDiff(img.data, source.data) < 6, 'pixels match the source JPEG up to lossy coding');
});

test('a multi-image HEIC shows its primary image', async () => {
  const dir = tempDir();
  const burst = heifEnc([B, A], join(dir, 'burst.heic'), 90);
  const { img } = await decodeFile(burst);
  const primary = meanAbsDiff(img.data, (await rgb(B)).data);
  const secondary = meanAbsDiff(img.data, (await rgb(A)).data);
  assert.ok(primary < 6 && secondary > 20, `primary ${primary.toFixed(1)}, secondary ${secondary.toFixed(1)}`);
});

test('an Exif Orientation inside a HEIF is not applied on top of its own transforms (MIAF)', async () => {
  const dir = tempDir();
  const wide = join(dir, 'wide.jpg');
  await sharp(A).extract({ left: 0, top: 35, width: 250, height: 180 }).jpeg({ quality: 95 }).toFile(wide);
  exiftool(['-q', '-overwrite_original', '-Orientation#=6', wide]);
  const heic = heifEnc([wide], join(dir, 'wide.heic'), 90);
  assert.match(exiftool(['-s3', '-Orientation', heic]), /Rotate 90 CW/, 'heif-enc kept the Exif tag');
  const { probe, img } = await decodeFile(heic);
  assert.deepEqual([probe.orientation, probe.displayWidth, probe.displayHeight, img.width, img.height], [1, 250, 180, 250, 180]);
});

test('a DNG written by HDRMerge is shown through its full-size preview, with the RAW orientation', async () => {
  const dir = tempDir();
  const upright = await dngFrom(A, join(dir, 'camera.dng'));
  const turned = await dngFrom(A, join(dir, 'turned.dng'), { orientation: 6 });
  assert.match(exiftool(['-s3', '-Software', upright]), /HDRMerge/);
  const a = await decodeFile(upright);
  assert.equal(a.probe.mime, 'image/x-adobe-dng');
  assert.deepEqual([a.probe.displayWidth, a.probe.displayHeight, a.img.width, a.img.height], [1600, 1200, 1600, 1200]);
  const b = await decodeFile(turned);
  assert.deepEqual([b.probe.orientation, b.probe.displayWidth, b.probe.displayHeight, b.img.width, b.img.height], [6, 1200, 1600, 1200, 1600]);
  const portrait = await sharp(A).resize(1200, 1600, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  const sideways = await sharp(portrait, { raw: { width: 1200, height: 1600, channels: 3 } }).rotate(180).raw().toBuffer();
  const [r, wrong] = [correlation(b.img.data, portrait), correlation(b.img.data, sideways)];
  assert.ok(r > 0.9 && wrong < 0.5, `the turned DNG shows upright: r = ${r.toFixed(3)} upright, ${wrong.toFixed(3)} upside down`);
  // The preview is the photo (HDRMerge rendered it from the mosaicked sensor data), not noise.
  const source = await sharp(A).resize(1600, 1200, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  const same = correlation(a.img.data, source);
  assert.ok(same > 0.9, `preview correlates with the photo: r = ${same.toFixed(3)}`);
});

test('a DNG without a usable preview is reported as such', async () => {
  const dir = tempDir();
  for (const preview of ['none', 'half'] as const) {
    const file = await dngFrom(A, join(dir, `${preview}.dng`), { preview });
    await assert.rejects(probeImage(readFileSync(file), LIMITS), (err: unknown) => {
      assert.ok(err instanceof FileProblem);
      assert.equal(err.reason, 'raw_no_preview');
      assert.match(err.message, /^DNG without a usable preview: /);
      if (preview === 'half') assert.match(err.message, /800 px on its longest side, a thumbnail/);
      return true;
    });
  }
});
