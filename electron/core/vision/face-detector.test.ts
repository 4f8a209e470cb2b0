import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FaceDetector, landmarksFromBox, type Detection } from './face-detector.ts';
import { iou, resizeRgb, type Box, type RgbImage } from './image.ts';
import { loadRgb, SHARED_DATA, testModelPath } from './testing.ts';

const FACES = join(SHARED_DATA, 'faces-dev');
/** Every 40th person folder's first photo: a spread of faces-dev without loading all of it. */
const SAMPLE = readdirSync(FACES).filter((n) => !n.includes('.')).sort().filter((_, i) => i % 40 === 0).map((n) => join(FACES, n, readdirSync(join(FACES, n)).sort()[0]!));

let detector: FaceDetector;
before(async () => {
  detector = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'));
});
after(() => detector.release());

function central(dets: Detection[], img: RgbImage): Detection | undefined {
  const d = (x: Detection) => Math.hypot(x.box.x + x.box.w / 2 - img.width / 2, x.box.y + x.box.h / 2 - img.height / 2);
  return [...dets].sort((a, b) => d(a) - d(b))[0];
}

test('finds the central face of every sampled LFW photo, with plausible landmarks', async () => {
  assert.ok(SAMPLE.length >= 10);
  for (const file of SAMPLE) {
    const img = await loadRgb(file);
    const face = central(await detector.detect(img), img);
    assert.ok(face, `no face in ${file}`);
    const { box, landmarks: [eyeL, eyeR, nose, mouthL, mouthR] } = face;
    assert.ok(Math.hypot(box.x + box.w / 2 - 125, box.y + box.h / 2 - 125) < 40, `face off-centre in ${file}`);
    assert.ok(box.w > 50 && box.w < 180, `face width ${box.w} in ${file}`);
    assert.ok(face.score >= 0.6);
    // Image-left eye first, eyes above the nose, nose above the mouth.
    assert.ok(eyeL![0] < eyeR![0] && mouthL![0] < mouthR![0], `left/right order in ${file}`);
    assert.ok(Math.max(eyeL![1], eyeR![1]) < nose![1] && nose![1] < Math.min(mouthL![1], mouthR![1]), `vertical order in ${file}`);
    for (const [x, y] of face.landmarks) assert.ok(x > box.x && x < box.x + box.w && y > box.y && y < box.y + box.h, `landmark outside the box in ${file}`);
  }
});

test('reports coordinates in the pixels of the image it was given, whatever the network scale', async () => {
  const img = await loadRgb(SAMPLE[0]!);
  const big = await resizeRgb(img, 1000, 1000);
  const [small] = await detector.detect(img);
  const [large] = await detector.detect(big, { maxSide: 250 });
  assert.ok(small && large);
  for (const k of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(large.box[k] / 4 - small.box[k]) < 3, `${k}: ${large.box[k] / 4} vs ${small.box[k]}`);
  assert.ok(Math.abs(large.landmarks[0]![0] / 4 - small.landmarks[0]![0]) < 3);
});

test('finds a small face in a large photo and a face that fills a close-up', async () => {
  const face = await loadRgb(SAMPLE[1]!);
  const [ref] = await detector.detect(face);
  assert.ok(ref);
  // ~60 px face (as in a 4000 px group photo decoded at 2048) on a plain 2048x1536 canvas.
  const f = 60 / ref.box.w;
  const patch = await resizeRgb(face, Math.round(250 * f), Math.round(250 * f));
  const canvas: RgbImage = { data: new Uint8Array(2048 * 1536 * 3).fill(90), width: 2048, height: 1536 };
  for (let y = 0; y < patch.height; y++) canvas.data.set(patch.data.subarray(y * patch.width * 3, (y + 1) * patch.width * 3), ((700 + y) * 2048 + 1500) * 3);
  const truth = { x: 1500 + ref.box.x * f, y: 700 + ref.box.y * f, w: ref.box.w * f, h: ref.box.h * f };
  assert.ok((await detector.detect(canvas)).some((d) => iou(d.box, truth) > 0.5), 'small face');
  // The LFW photo enlarged to 1536 px: a face ~600 px wide, too big for the fine pass alone.
  const closeUp = await resizeRgb(face, 1536, 1536);
  const bigTruth = { x: ref.box.x * 6.144, y: ref.box.y * 6.144, w: ref.box.w * 6.144, h: ref.box.h * 6.144 };
  assert.ok((await detector.detect(closeUp)).some((d) => iou(d.box, bigTruth) > 0.5), 'close-up');
  // As the import runs it: the coarse pass made from a thumbnail-size copy, boxes in the image's pixels.
  const copy = await resizeRgb(closeUp, 480, 480);
  assert.ok((await detector.detect(closeUp, { coarseSource: copy })).some((d) => iou(d.box, bigTruth) > 0.5), 'close-up, coarse pass from a 480-px copy');
});

test('the zoom pass finds faces below the fine pass\'s floor next to a small face it found', async () => {
  // One 40 px face and a row of 16 px faces on a 2048x1536 canvas: 25 and 10 px at the default scale.
  const canvas: RgbImage = { data: new Uint8Array(2048 * 1536 * 3).fill(90), width: 2048, height: 1536 };
  const truth: Box[] = [];
  for (const [i, file] of SAMPLE.entries()) {
    const face = await loadRgb(file);
    const [ref] = await detector.detect(face);
    const f = (i === 0 ? 40 : 16) / ref!.box.w;
    const patch = await resizeRgb(face, Math.round(250 * f), Math.round(250 * f));
    const x0 = 300 + i * 120;
    for (let y = 0; y < patch.height; y++) canvas.data.set(patch.data.subarray(y * patch.width * 3, (y + 1) * patch.width * 3), ((700 + y) * 2048 + x0) * 3);
    truth.push({ x: x0 + ref!.box.x * f, y: 700 + ref!.box.y * f, w: ref!.box.w * f, h: ref!.box.h * f });
  }
  const found = async (zoom: boolean) => {
    const dets = await detector.detect(canvas, { zoom });
    return truth.filter((t) => dets.some((d) => iou(d.box, t) > 0.5)).length;
  };
  const [without, withZoom] = [await found(false), await found(true)];
  assert.ok(withZoom >= truth.length - 2, `zoom found ${withZoom} of ${truth.length}`);
  assert.ok(withZoom > without, `zoom ${withZoom} vs ${without} without`);
});

test('the look-again pass keeps small faces the fine pass scored just under the threshold, and adds nothing else', async () => {
  // A hundred faces-dev faces pasted 10-14 px wide on a grey 2000x1500 canvas seen at full scale: on plain
  // grey that is where YuNet's scores straddle the threshold (on a photo's background, ~20 px).
  const canvas: RgbImage = { data: new Uint8Array(2000 * 1500 * 3).fill(90), width: 2000, height: 1500 };
  const truth: Box[] = [];
  const people = readdirSync(FACES).filter((n) => !n.includes('.')).sort().filter((_, i) => i % 5 === 0).slice(0, 108);
  for (const [i, name] of people.entries()) {
    const face = await loadRgb(join(FACES, name, readdirSync(join(FACES, name)).sort()[0]!));
    const [ref] = await detector.detect(face);
    if (!ref) continue;
    const f = (10 + (i % 5)) / ref.box.w;
    const patch = await resizeRgb(face, Math.round(250 * f), Math.round(250 * f));
    const x0 = 100 + (i % 12) * 150;
    const y0 = 100 + Math.floor(i / 12) * 150;
    for (let y = 0; y < patch.height; y++) canvas.data.set(patch.data.subarray(y * patch.width * 3, (y + 1) * patch.width * 3), ((y0 + y) * 2000 + x0) * 3);
    truth.push({ x: x0 + ref.box.x * f, y: y0 + ref.box.y * f, w: ref.box.w * f, h: ref.box.h * f });
  }
  const look = async (lookAgain: boolean) => {
    const dets = await detector.detect(canvas, { maxSide: 2000, lookAgain });
    return { found: truth.filter((t) => dets.some((d) => iou(d.box, t) > 0.3)).length, stray: dets.filter((d) => !truth.some((t) => iou(d.box, t) > 0.1)).length };
  };
  const [without, withLook] = [await look(false), await look(true)];
  assert.ok(withLook.found > without.found, `look-again found ${withLook.found} of ${truth.length}, ${without.found} without`);
  assert.equal(withLook.stray, without.stray, 'the look-again pass added detections away from the faces');
  console.log(`look-again: ${withLook.found} of ${truth.length} small faces, ${without.found} without`);
});

test('a square 2048-px input runs in strips and finds the faces one whole pass finds, those across the strip edges too', async () => {
  const whole = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'), { maxRunPixels: Infinity });
  try {
    // Faces 40-200 px wide in rows around the strips' shared band (rows 1280-1536) and elsewhere.
    const canvas: RgbImage = { data: new Uint8Array(2048 * 2048 * 3).fill(90), width: 2048, height: 2048 };
    for (const [i, file] of SAMPLE.entries()) {
      const face = await loadRgb(file);
      const [ref] = await detector.detect(face);
      const f = [40, 80, 120, 200][i % 4]! / ref!.box.w;
      const patch = await resizeRgb(face, Math.round(250 * f), Math.round(250 * f));
      const x0 = 40 + (i % 5) * 400;
      const y0 = [200, 1180, 1380, 1480, 1700][Math.floor(i / 5) % 5]!;
      if (y0 + patch.height > 2048 || x0 + patch.width > 2048) continue;
      for (let y = 0; y < patch.height; y++) canvas.data.set(patch.data.subarray(y * patch.width * 3, (y + 1) * patch.width * 3), ((y0 + y) * 2048 + x0) * 3);
    }
    const opts = { maxSide: 2048, coarseMaxSide: 0 };
    const [strips, once] = [await detector.detect(canvas, opts), await whole.detect(canvas, opts)];
    assert.ok(once.length >= SAMPLE.length - 1, `one pass found ${once.length} of ${SAMPLE.length}`);
    const missing = once.filter((d) => !strips.some((s) => iou(s.box, d.box) > 0.5));
    const extra = strips.filter((s) => !once.some((d) => iou(s.box, d.box) > 0.5));
    assert.deepEqual([missing.length, extra.length], [0, 0], `strips missed ${missing.length} and added ${extra.length} of ${once.length}`);
  } finally {
    await whole.release();
  }
});

test('detectInRegion returns the face inside a hand-drawn box, with matching landmarks', async () => {
  for (const file of SAMPLE.slice(0, 4)) {
    const img = await loadRgb(file);
    const auto = central(await detector.detect(img), img)!;
    // A user draws looser than the detector: 20% bigger, a little off-centre.
    const drawn = { x: auto.box.x - auto.box.w * 0.15, y: auto.box.y - auto.box.h * 0.05, w: auto.box.w * 1.2, h: auto.box.h * 1.2 };
    const found = await detector.detectInRegion(img, drawn);
    assert.ok(found, `nothing in the drawn box in ${file}`);
    assert.ok(iou(found.box, auto.box) > 0.7);
    found.landmarks.forEach(([x, y], k) => assert.ok(Math.hypot(x - auto.landmarks[k]![0], y - auto.landmarks[k]![1]) < auto.box.w * 0.12, `landmark ${k} in ${file}`));
  }
});

test('detectInRegion returns null where there is no face', async () => {
  const blank: RgbImage = { data: new Uint8Array(400 * 300 * 3).fill(128), width: 400, height: 300 };
  assert.equal(await detector.detectInRegion(blank, { x: 100, y: 80, w: 90, h: 110 }), null);
  // A box drawn on the background beside a real face does not grab that face.
  const img = await loadRgb(SAMPLE[0]!);
  assert.equal(await detector.detectInRegion(img, { x: 0, y: 0, w: 40, h: 40 }), null);
});

test('landmarksFromBox lands near the detector landmarks for a typical face', async () => {
  for (const file of SAMPLE.slice(0, 6)) {
    const img = await loadRgb(file);
    const face = central(await detector.detect(img), img)!;
    const guess = landmarksFromBox(face.box);
    assert.equal(guess.length, 5);
    guess.forEach(([x, y], k) => assert.ok(Math.hypot(x - face.landmarks[k]![0], y - face.landmarks[k]![1]) < face.box.w * 0.2, `landmark ${k} in ${file}`));
  }
});

test('the packed-uint8 variant finds the same faces as the upstream model, also after a resize and at sizes off the 32 grid', async () => {
  const packed = await FaceDetector.create(testModelPath('yunet_s_uint8_rgb.onnx'));
  try {
    for (const file of SAMPLE.slice(0, 6)) {
      const full = await loadRgb(file);
      for (const img of [full, await resizeRgb(full, 301, 287), await resizeRgb(full, 700, 700)]) {
        const a = await detector.detect(img, { upscale: true, maxSide: img.width });
        const b = await packed.detect(img, { upscale: true, maxSide: img.width });
        assert.equal(b.length, a.length, `${file} at ${img.width}x${img.height}`);
        for (const [i, d] of a.entries()) {
          assert.ok(Math.abs(d.score - b[i]!.score) < 1e-4, `score in ${file}`);
          for (const k of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(d.box[k] - b[i]!.box[k]) < 0.01, `box ${k} in ${file}`);
        }
      }
    }
  } finally {
    await packed.release();
  }
});

test('shedArena gives back the memory a large pass grew, and detection goes on as before, also for a pass under way', async () => {
  const packed = await FaceDetector.create(testModelPath('yunet_s_uint8_rgb.onnx'));
  try {
    // A camera-sized working image (2000x1500) with one face pasted in.
    const face = await loadRgb(SAMPLE[0]!);
    const canvas: RgbImage = { data: new Uint8Array(2000 * 1500 * 3).fill(90), width: 2000, height: 1500 };
    for (let y = 0; y < face.height; y++) canvas.data.set(face.data.subarray(y * face.width * 3, (y + 1) * face.width * 3), ((600 + y) * 2000 + 900) * 3);
    const opts = { maxSide: 2000 };
    const before = await packed.detect(canvas, opts);
    assert.ok(before.length >= 1, 'the pasted face is found');
    const grown = process.memoryUsage.rss();
    await packed.shedArena();
    const shed = process.memoryUsage.rss();
    const freedMb = (grown - shed) / 2 ** 20;
    assert.ok(freedMb > 50, `shedArena gave back ${freedMb.toFixed(0)} MB`);
    // A shed while a pass runs: that pass finishes on the session it started on, the next on the new one.
    const [during] = await Promise.all([packed.detect(canvas, opts), packed.shedArena()]);
    const after = await packed.detect(canvas, opts);
    for (const found of [during, after]) {
      assert.equal(found.length, before.length);
      found.forEach((d, i) => assert.ok(iou(d.box, before[i]!.box) > 0.99 && Math.abs(d.score - before[i]!.score) < 1e-5));
    }
  } finally {
    await packed.release();
  }
});
