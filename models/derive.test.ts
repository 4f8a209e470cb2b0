import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import { deriveModel } from './derive.ts';
import { getModel, listModels, type ModelId } from './manifest.ts';
import { resolveCacheDir } from './paths.ts';
import { toBgrPlanes } from '../electron/core/vision/yunet.input.ts';
import { SHARED_DATA } from '../electron/core/vision/testing.ts';

const CACHE = resolveCacheDir();
const derived = listModels().filter((m) => m.upstream.kind === 'derived');
const file = (id: ModelId) => join(CACHE, getModel(id).file);
const noModels = derived.every((m) => m.upstream.kind === 'derived' && existsSync(file(m.upstream.from)) && existsSync(file(m.id))) ? false : `models missing in ${CACHE} (npm run models)`;
const TOLERANCE = 1e-4;
const FACE_VALUES = 3 * 112 * 112;

/** The middle 112x112 of the first photo of the first `count` faces-dev people, planar BGR, normalised as fr_feature expects. */
async function lfwFaces(count: number): Promise<Float32Array> {
  const faces = join(SHARED_DATA, 'faces-dev');
  const people = readdirSync(faces).filter((n) => /^[A-Z]/.test(n)).sort().slice(0, count);
  const out = new Float32Array(people.length * FACE_VALUES);
  for (const [i, name] of people.entries()) {
    const photo = join(faces, name, readdirSync(join(faces, name)).sort()[0]!);
    const { data } = await sharp(photo).extract({ left: 69, top: 69, width: 112, height: 112 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    for (let p = 0; p < 112 * 112; p++) for (let c = 0; c < 3; c++) out[i * FACE_VALUES + c * 112 * 112 + p] = (data[p * 3 + (2 - c)]! - 127) / 128;
  }
  return out;
}

const oneFace = (faces: Float32Array, i: number) => new Tensor('float32', faces.slice(i * FACE_VALUES, (i + 1) * FACE_VALUES), [1, 3, 112, 112]);

const session = (path: string) => InferenceSession.create(path, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

async function rgb(path: string, width?: number) {
  const { data, info } = await sharp(path).resize(width ? { width } : {}).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

describe('derived models', { skip: noModels }, () => {
  test('each is made byte for byte from its verified source, as the manifest pins it', () => {
    for (const m of derived) {
      if (m.upstream.kind !== 'derived') continue;
      const bytes = deriveModel(m.upstream.recipe, readFileSync(file(m.upstream.from)));
      assert.equal(bytes.length, m.size, m.id);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), m.sha256, `${m.id}: models/derive.ts no longer makes the file the manifest pins`);
    }
  });

  test("each runs with the input and outputs its manifest entry states", async () => {
    for (const m of derived) {
      const s = await session(file(m.id));
      const input = s.inputMetadata[0]!;
      assert.ok(input.isTensor);
      assert.equal(input.name, m.input.name);
      assert.equal(input.type, m.input.dtype === 'uint8' ? 'uint8' : 'float32');
      assert.deepEqual(input.shape.map((d) => (typeof d === 'number' ? d : 'symbolic')), m.input.shape.map((d) => (typeof d === 'number' ? d : 'symbolic')));
      assert.deepEqual(s.outputNames, m.outputs.map((o) => o.name));
      await s.release();
    }
  });

  test('yunet_s_uint8_rgb on packed RGB equals yunet_s_dynamic on padded BGR planes within 1e-4', async () => {
    const original = await session(file('yunet_s_dynamic'));
    const variant = await session(file('yunet_s_uint8_rgb'));
    const detectDev = join(SHARED_DATA, 'detect-dev', 'images');
    const photos = readdirSync(detectDev).sort().slice(0, 2).map((f) => join(detectDev, f));
    // Sizes that are not multiples of 32, so the graph's own padding is exercised.
    const images = [await rgb(photos[0]!), await rgb(photos[1]!, 301), await rgb(photos[1]!, 640)];
    for (const img of images) {
      const padW = Math.ceil(img.width / 32) * 32;
      const padH = Math.ceil(img.height / 32) * 32;
      const a = await original.run({ input: new Tensor('float32', toBgrPlanes(img, padW, padH), [1, 3, padH, padW]) });
      const b = await variant.run({ image: new Tensor('uint8', img.data, [1, img.height, img.width, 3]) });
      for (const name of original.outputNames) {
        assert.deepEqual(b[name]!.dims, a[name]!.dims, `${name} at ${img.width}x${img.height}`);
        const diff = maxAbsDiff(a[name]!.data as Float32Array, b[name]!.data as Float32Array);
        assert.ok(diff <= TOLERANCE, `${name} at ${img.width}x${img.height}: max |diff| ${diff}`);
      }
    }
  });

  test('fr_feature_batch on a batch equals fr_feature one face at a time within 1e-4', async () => {
    const original = await session(file('fr_feature'));
    const variant = await session(file('fr_feature_batch'));
    const batch = await lfwFaces(5);
    const n = batch.length / FACE_VALUES;
    const together = (await variant.run({ input: new Tensor('float32', batch, [n, 3, 112, 112]) }))['output']!;
    assert.deepEqual(together.dims, [n, 512]);
    for (let i = 0; i < n; i++) {
      const one = (await original.run({ input: oneFace(batch, i) }))['output']!.data as Float32Array;
      const diff = maxAbsDiff(one, (together.data as Float32Array).subarray(i * 512, (i + 1) * 512));
      assert.ok(diff <= TOLERANCE, `face ${i}: max |diff| ${diff}`);
    }
  });

  test('fr_feature_prelu_max embeds real faces as fr_feature does within 1e-4', async () => {
    const original = await session(file('fr_feature'));
    const variant = await session(file('fr_feature_prelu_max'));
    const faces = await lfwFaces(12);
    for (let i = 0; i < faces.length / FACE_VALUES; i++) {
      const a = (await original.run({ input: oneFace(faces, i) }))['output']!.data as Float32Array;
      const b = (await variant.run({ input: oneFace(faces, i) }))['output']!.data as Float32Array;
      const diff = maxAbsDiff(a, b);
      assert.ok(diff <= TOLERANCE, `face ${i}: max |diff| ${diff}`);
    }
    // The rewrite is the point: a PRelu left in the graph would mean the recipe did nothing.
    const graph = fromBinary(ModelProtoSchema, readFileSync(file('fr_feature_prelu_max'))).graph!;
    assert.equal(graph.node.filter((n) => n.opType === 'PRelu').length, 0);
  });

  test('a recipe refuses a graph it was not written for', () => {
    assert.throws(() => deriveModel('dynamic-batch', readFileSync(file('yunet_s_dynamic'))), /Reshape|shape-dependent/);
    assert.throws(() => deriveModel('prelu-as-max', readFileSync(file('yunet_s_dynamic'))), /no PRelu/);
    assert.throws(() => deriveModel('uint8-rgb-input', readFileSync(file('yunet_s_uint8_rgb'))), /one graph input named "input"/);
  });
});
