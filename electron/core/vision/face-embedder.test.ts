import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FaceDetector } from './face-detector.ts';
import { alignFace } from './align.ts';
import { FaceEmbedder, MAX_BATCH, toNetworkInput } from './face-embedder.ts';
import type { RgbImage } from './image.ts';
import { loadRgb, SHARED_DATA, testModelPath } from './testing.ts';

const FACES = join(SHARED_DATA, 'faces-dev');
const PEOPLE = ['Colin_Powell', 'Gordon_Brown', 'Holly_Hunter', 'Jack_Straw'];
const PER_PERSON = 3;

let detector: FaceDetector;
let embedder: FaceEmbedder;
const faces: Array<{ person: string; img: RgbImage; landmarks: Array<[number, number]> }> = [];

before(async () => {
  [detector, embedder] = await Promise.all([FaceDetector.create(testModelPath('yunet_s_dynamic.onnx')), FaceEmbedder.create(testModelPath('fr_feature.onnx'))]);
  for (const person of PEOPLE) {
    for (const f of readdirSync(join(FACES, person)).sort().slice(0, PER_PERSON)) {
      const img = await loadRgb(join(FACES, person, f));
      const dets = await detector.detect(img);
      const centre = (d: (typeof dets)[number]) => Math.hypot(d.box.x + d.box.w / 2 - 125, d.box.y + d.box.h / 2 - 125);
      faces.push({ person, img, landmarks: dets.sort((a, b) => centre(a) - centre(b))[0]!.landmarks });
    }
  }
});
after(async () => {
  await detector.release();
  await embedder.release();
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

test('embeddings are 512-d, unit length and deterministic', async () => {
  const { img, landmarks } = faces[0]!;
  const a = await embedder.embed(img, landmarks);
  const b = await embedder.embed(img, landmarks);
  assert.equal(a.length, 512);
  assert.ok(Math.abs(Math.sqrt(dot(a, a)) - 1) < 1e-5);
  assert.deepEqual(a, b);
});

test('each face is closer to the same person than to anyone else', async () => {
  const embs = [];
  for (const f of faces) embs.push(await embedder.embed(f.img, f.landmarks));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < faces.length; i++) {
    let best = -1;
    for (let j = 0; j < faces.length; j++) {
      if (i === j) continue;
      const s = dot(embs[i]!, embs[j]!);
      if (best < 0 || s > dot(embs[i]!, embs[best]!)) best = j;
      if (j > i) (faces[i]!.person === faces[j]!.person ? genuine : impostor).push(s);
    }
    assert.equal(faces[best]!.person, faces[i]!.person, `nearest neighbour of ${faces[i]!.person} #${i}`);
  }
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  assert.ok(Math.min(...genuine) > Math.max(...impostor), `genuine min ${Math.min(...genuine)} vs impostor max ${Math.max(...impostor)}`);
  assert.ok(mean(genuine) - mean(impostor) > 0.3);
});

test('network input is (pixel - 127) / 128 in the chosen channel order', () => {
  const face: RgbImage = { data: new Uint8Array(112 * 112 * 3), width: 112, height: 112 };
  face.data.set([255, 127, 63]);
  const plane = 112 * 112;
  const bgr = toNetworkInput(face, 'bgr');
  assert.deepEqual([bgr[0], bgr[plane], bgr[2 * plane]], [(63 - 127) / 128, 0, 1]);
  const rgb = toNetworkInput(face, 'rgb');
  assert.deepEqual([rgb[0], rgb[plane], rgb[2 * plane]], [1, 0, (63 - 127) / 128]);
  assert.throws(() => toNetworkInput({ ...face, width: 100 }, 'bgr'), RangeError);
});

test('fr_feature_batch embeds a batch as fr_feature embeds each face alone, in order, across batch boundaries', async () => {
  const batched = await FaceEmbedder.create(testModelPath('fr_feature_batch.onnx'));
  try {
    assert.equal(batched.batchSize, MAX_BATCH);
    assert.equal(embedder.batchSize, 1);
    const crops = faces.map((f) => alignFace(f.img, f.landmarks));
    assert.ok(crops.length > MAX_BATCH, 'more faces than one batch');
    const together = await batched.embedAlignedBatch(crops);
    assert.equal(together.length, crops.length);
    for (const [i, crop] of crops.entries()) {
      const alone = await embedder.embedAligned(crop);
      const worst = alone.reduce((m, v, j) => Math.max(m, Math.abs(v - together[i]![j]!)), 0);
      assert.ok(worst < 1e-4, `face ${i}: max |diff| ${worst}`);
    }
    assert.deepEqual(await batched.embedAlignedBatch([]), []);
  } finally {
    await batched.release();
  }
});
