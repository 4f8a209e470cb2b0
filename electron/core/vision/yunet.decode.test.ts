import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeYunet, nms, type Detection, type YunetLevel } from './yunet.decode.ts';

/** Empty outputs for a 64x32 input: 8x4, 4x2 and 2x1 anchors at strides 8, 16, 32. */
function levels(): YunetLevel[] {
  return [8, 16, 32].map((stride) => {
    const n = (64 / stride) * (32 / stride);
    return { stride, cls: new Float32Array(n), obj: new Float32Array(n), bbox: new Float32Array(n * 4), kps: new Float32Array(n * 10) };
  });
}

const near = (a: number, b: number, eps = 1e-4) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('decodes box, score and keypoints from the anchor grid', () => {
  const ls = levels();
  const l8 = ls[0]!;
  const i = 10; // row 1, col 2 of an 8-column grid
  l8.cls[i] = 0.81;
  l8.obj[i] = 1;
  l8.bbox.set([0.5, 0.25, Math.log(2), Math.log(3)], i * 4);
  l8.kps.set([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], i * 10);
  const [d, ...rest] = decodeYunet(ls, 64, 0.5);
  assert.equal(rest.length, 0);
  near(d!.score, 0.9);
  // centre ((2 + .5) * 8, (1 + .25) * 8) = (20, 10); size (2 * 8, 3 * 8)
  near(d!.box.x, 12);
  near(d!.box.y, -2);
  near(d!.box.w, 16);
  near(d!.box.h, 24);
  const want = [[2.1, 1.2], [2.3, 1.4], [2.5, 1.6], [2.7, 1.8], [2.9, 2.0]].map(([x, y]) => [x! * 8, y! * 8]);
  d!.landmarks.forEach(([x, y], k) => {
    near(x, want[k]![0]!);
    near(y, want[k]![1]!);
  });
});

test('uses each stride with its own grid', () => {
  const ls = levels();
  const l32 = ls[2]!;
  l32.cls[1] = 1; // row 0, col 1 of a 2-column grid
  l32.obj[1] = 1;
  const [d] = decodeYunet(ls, 64, 0.5);
  // bbox all zero: centre (32, 0), size 32 x 32
  near(d!.box.x, 16);
  near(d!.box.y, -16);
  near(d!.box.w, 32);
  near(d!.landmarks[0]![0], 32);
});

test('clamps cls and obj to [0, 1] and applies the threshold to sqrt(cls * obj)', () => {
  const ls = levels();
  const l16 = ls[1]!;
  l16.cls.set([1.5, 0.5, 0.37, 0.35]);
  l16.obj.set([-0.2, 2, 1, 1]);
  const scores = decodeYunet(ls, 64, 0.6).map((d) => d.score).sort();
  assert.equal(scores.length, 2);
  near(scores[0]!, Math.sqrt(0.37));
  near(scores[1]!, Math.sqrt(0.5));
});

const det = (x: number, y: number, w: number, score: number): Detection => ({ box: { x, y, w, h: w }, score, landmarks: [] });

test('nms keeps the best of overlapping boxes and every separate one, best first', () => {
  const kept = nms([det(0, 0, 10, 0.7), det(1, 0, 10, 0.9), det(50, 50, 10, 0.8), det(0, 0, 10, 0.6)]);
  assert.deepEqual(kept.map((d) => d.score), [0.9, 0.8]);
});

test('nms suppresses only above the IoU threshold', () => {
  // IoU of [0,10] and [5,15] squares: 50 / 150 = 1/3
  assert.equal(nms([det(0, 0, 10, 0.9), det(5, 0, 10, 0.8)], 0.3).length, 1);
  assert.equal(nms([det(0, 0, 10, 0.9), det(5, 0, 10, 0.8)], 0.34).length, 2);
});

test('nms honours topK before and keepTopK after suppression', () => {
  const many = Array.from({ length: 10 }, (_, i) => det(i * 20, 0, 10, i / 10));
  assert.equal(nms(many, 0.3, 4).length, 4);
  assert.deepEqual(nms(many, 0.3, 5000, 3).map((d) => d.score), [0.9, 0.8, 0.7]);
});
