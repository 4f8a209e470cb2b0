import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { probeImage } from './probe.ts';
import { decodeUpright } from './decode.ts';
import { FileProblem } from './file-problem.ts';
import { FACES_DEV, pngBomb, truncated } from '../testing/fixtures.ts';

const LIMITS = { maxPixels: 200_000_000 };
const SAMPLE = join(FACES_DEV, 'Abba_Eban', 'Abba_Eban_0001.jpg');

async function problem(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FileProblem, `expected a FileProblem, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected the file to be refused');
}

test('an empty file is refused as empty', async () => {
  assert.match(await problem(probeImage(Buffer.alloc(0), LIMITS)), /empty file/);
});

test('text posing as a photo is refused as not an image', async () => {
  assert.match(await problem(probeImage(Buffer.from('hello, I am not a JPEG\n'.repeat(50)), LIMITS)), /not an image/);
});

test('a PDF is identified by its content and refused as unsupported', async () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  assert.match(await problem(probeImage(pdf, LIMITS)), /not a supported photo: the content is application\/pdf/);
});

test('a decompression bomb is refused from its header, before decoding', async () => {
  const bomb = pngBomb(30000, 30000);
  assert.ok(bomb.length < 100_000, 'the bomb itself is small');
  assert.match(await problem(probeImage(bomb, LIMITS)), /30000×30000 px \(900 MP\), above the 200 MP safety limit/);
});

test('a truncated JPEG decodes as far as its data goes and is kept with a damaged-file note', async () => {
  const cut = truncated(SAMPLE, 0.4);
  const probe = await probeImage(cut, LIMITS);
  assert.equal(probe.mime, 'image/jpeg');
  const img = await decodeUpright(cut, { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: probe.mime });
  assert.deepEqual([img.width, img.height], [250, 250]);
  assert.equal(img.damage, 'damaged file: this JPEG ends before all of its image data; what is missing shows as grey');
  // The photo is there down to where the file ends; below, the grey that stands in for what is missing.
  const row = (y: number) => new Set(img.data.subarray(y * 750, (y + 1) * 750));
  assert.ok(row(60).size > 50 && row(100).size > 50, 'real pixels in the upper part');
  assert.deepEqual([...row(240)], [128], 'grey where the data ran out');
  const whole = await decodeUpright(readFileSync(SAMPLE), { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: probe.mime });
  assert.equal(whole.damage, null);
});

test('a truncated PNG decodes as far as it goes too; no decoder words reach the user', async () => {
  const png = await sharp(SAMPLE).resize(600, 600).png().toBuffer();
  const cut = png.subarray(0, Math.floor(png.length * 0.5));
  const img = await decodeUpright(cut, { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: 'image/png' });
  assert.deepEqual([img.width, img.height], [600, 600]);
  assert.match(img.damage!, /^damaged file: this PNG ends before all of its image data/);
});

test('damage notes belong to their own file, decoded side by side with whole ones; corrupt data is named as such', async () => {
  // A 2000-px photo, so libjpeg has enough entropy-coded data to get through flipped bits.
  const big = await sharp(SAMPLE).resize(2000, 2000).jpeg({ quality: 90 }).toBuffer();
  const flipped = Buffer.from(big);
  for (let i = Math.floor(flipped.length / 3); i < flipped.length - 2; i += 997) flipped[i] = flipped[i]! ^ 0x5a;
  const opts = { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: 'image/jpeg' };
  // libvips' warnings go to one queue for the whole process: with several decodes in flight they used
  // to land on whichever photo finished next.
  const files: Array<[string, Buffer]> = [];
  for (let k = 0; k < 4; k++) files.push([`cut ${k}`, truncated(SAMPLE, 0.3 + k * 0.1)], [`flipped ${k}`, flipped], [`whole ${k}`, big]);
  const notes = await Promise.all(files.map(async ([name, bytes]) => [name, (await decodeUpright(bytes, opts)).damage] as const));
  for (const [name, note] of notes) {
    if (name.startsWith('whole')) assert.equal(note, null, `${name}: no note`);
    else if (name.startsWith('cut')) assert.equal(note, 'damaged file: this JPEG ends before all of its image data; what is missing shows as grey', name);
    else assert.equal(note, "damaged file: parts of this JPEG's image data are corrupt and may show as noise or grey", name);
  }
});

test('every refusal of a broken file is a sentence, not libvips or libpng words', async () => {
  const jpeg = readFileSync(SAMPLE);
  const png = await sharp(SAMPLE).png().toBuffer();
  const broken: Array<[string, Buffer]> = [
    ['header only', jpeg.subarray(0, 200)],
    ['PNG header only', png.subarray(0, 60)],
    ['markers garbage', Buffer.concat([jpeg.subarray(0, 2), Buffer.alloc(4000, 0x55)])],
    ['PNG with a broken IHDR', Buffer.concat([png.subarray(0, 16), Buffer.alloc(64, 0xff)])],
  ];
  for (const [what, bytes] of broken) {
    const message = await problem(probeImage(bytes, LIMITS).then((p) => decodeUpright(bytes, { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: p.mime })));
    assert.doesNotMatch(message, /vips|libpng|libjpeg|Unknown error|VipsJpeg|Napi/i, `${what}: ${message}`);
    assert.match(message, /^(corrupt|damaged|truncated|not an image)/, `${what}: ${message}`);
  }
});

test('a JPEG whose markers are garbage is refused as corrupt', async () => {
  const bytes = Buffer.from(readFileSync(SAMPLE));
  for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
  assert.match(await problem(probeImage(bytes, LIMITS)), /corrupt JPEG: its header is damaged/);
});

test('EXIF orientation is applied: display size and pixels come out upright', async () => {
  // A 300×200 landscape picture with a red left half, stored rotated with orientation 6 (display = rotate 90° CW).
  const upright = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#0000ff' } })
    .composite([{ input: { create: { width: 150, height: 200, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
  const stored = await sharp(upright).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  const probe = await probeImage(stored, LIMITS);
  assert.deepEqual([probe.width, probe.height, probe.orientation, probe.displayWidth, probe.displayHeight], [200, 300, 6, 300, 200]);
  const img = await decodeUpright(stored, { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: probe.mime });
  assert.deepEqual([img.width, img.height], [300, 200]);
  const px = (x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
  assert.ok(px(20, 100)[0]! > 200 && px(20, 100)[2]! < 60, `left is red, got ${px(20, 100)}`);
  assert.ok(px(280, 100)[2]! > 200 && px(280, 100)[0]! < 60, `right is blue, got ${px(280, 100)}`);
});

test('large photos shrink to the working size', async () => {
  const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080' } }).jpeg().toBuffer();
  const img = await decodeUpright(big, { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: 'image/jpeg' });
  assert.deepEqual([img.width, img.height], [2000, 1500], 'half: what libjpeg decodes at half scale from the file');
  assert.equal(img.data.length, 2000 * 1500 * 3);
});

test('a grey PNG with transparency decodes to three channels', async () => {
  const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 90, g: 90, b: 90, alpha: 0.5 } } }).toColourspace('b-w').png().toBuffer();
  assert.equal((await sharp(png).metadata()).channels, 2);
  const probe = await probeImage(png, LIMITS);
  const img = await decodeUpright(png, { maxSide: 2048, maxPixels: LIMITS.maxPixels, mime: probe.mime });
  assert.equal(img.data.length, 40 * 30 * 3);
});
