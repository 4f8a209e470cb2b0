import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignFace, applySimilarity, ARCFACE_TEMPLATE, estimateSimilarity, invertSimilarity, warpSimilarity, type Similarity } from './align.ts';
import type { RgbImage } from './image.ts';

const near = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('recovers a known similarity exactly', () => {
  const angle = 0.4, scale = 2.5;
  const m: Similarity = { a: scale * Math.cos(angle), b: scale * Math.sin(angle), tx: 31, ty: -7 };
  const src = ARCFACE_TEMPLATE.map(([x, y]) => [x * 3 + 10, y * 2 - 5] as [number, number]);
  const got = estimateSimilarity(src, src.map((p) => applySimilarity(m, p)));
  near(got.a, m.a);
  near(got.b, m.b);
  near(got.tx, m.tx, 1e-7);
  near(got.ty, m.ty, 1e-7);
});

test('is the least-squares fit: symmetric noise cancels, and it never reflects', () => {
  // A square mapped to itself with two corners pushed out and two pulled in along x: best fit is identity.
  const src: Array<[number, number]> = [[0, 0], [1, 0], [0, 1], [1, 1]];
  const dst: Array<[number, number]> = [[-0.1, 0], [1.1, 0], [0.1, 1], [0.9, 1]];
  const m = estimateSimilarity(src, dst);
  near(m.a, 1);
  near(m.b, 0);
  // Mirrored points: a similarity cannot mirror, so the fit collapses rather than flipping.
  const mirrored = estimateSimilarity(src, src.map(([x, y]) => [-x, y]));
  near(mirrored.a, 0);
  near(mirrored.b, 0);
});

test('inverse undoes the transform', () => {
  const m: Similarity = { a: 0.8, b: -0.3, tx: 5, ty: 9 };
  const [x, y] = applySimilarity(invertSimilarity(m), applySimilarity(m, [12, -4]));
  near(x, 12);
  near(y, -4);
});

/** A smooth test pattern that bilinear sampling reproduces exactly (linear per channel). */
function gradient(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set([x * 2, y * 2, 100], (y * width + x) * 3);
    }
  }
  return { data, width, height };
}

test('warp samples the source at the inverse-mapped position, bilinearly', () => {
  const img = gradient(100, 100);
  const m: Similarity = { a: 0.5 * Math.cos(0.3), b: 0.5 * Math.sin(0.3), tx: 4, ty: 2 };
  const out = warpSimilarity(img, m, 40, 40);
  const inv = invertSimilarity(m);
  for (const [u, v] of [[0, 0], [10, 17], [33, 5], [20, 20]] as const) {
    const [x, y] = applySimilarity(inv, [u, v]);
    if (x < 0 || y < 0 || x > 99 || y > 99) continue;
    const o = (v * 40 + u) * 3;
    assert.ok(Math.abs(out.data[o]! - x * 2) <= 0.5 + 1e-9, `r at ${u},${v}: ${out.data[o]} vs ${x * 2}`);
    assert.ok(Math.abs(out.data[o + 1]! - y * 2) <= 0.5 + 1e-9, `g at ${u},${v}`);
    assert.equal(out.data[o + 2], 100);
  }
});

test('warp leaves pixels outside the source black', () => {
  const img = gradient(10, 10);
  const out = warpSimilarity(img, { a: 1, b: 0, tx: 20, ty: 0 }, 40, 10);
  assert.deepEqual([...out.data.subarray(0, 3)], [0, 0, 0]); // maps to x = -20
  const inside = (5 * 40 + 25) * 3; // maps to (5, 5)
  assert.deepEqual([...out.data.subarray(inside, inside + 3)], [10, 10, 100]);
});

test('aligning a face already on the template is the identity crop', () => {
  const img = gradient(112, 112);
  const out = alignFace(img, ARCFACE_TEMPLATE);
  assert.equal(out.width, 112);
  assert.deepEqual(out.data, img.data);
});

test('aligning undoes a rotation and scaling of the face', () => {
  // Draw the template points as bright dots in a rotated, enlarged face, then align it back.
  const m: Similarity = { a: 2 * Math.cos(0.5), b: 2 * Math.sin(0.5), tx: 150, ty: 20 };
  const W = 400;
  const img: RgbImage = { data: new Uint8Array(W * W * 3), width: W, height: W };
  const landmarks = ARCFACE_TEMPLATE.map((p) => applySimilarity(m, p));
  for (const [x, y] of landmarks) {
    for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) img.data.fill(255, ((Math.round(y) + dy) * W + Math.round(x) + dx) * 3, ((Math.round(y) + dy) * W + Math.round(x) + dx) * 3 + 3);
  }
  const out = alignFace(img, landmarks);
  for (const [x, y] of ARCFACE_TEMPLATE) {
    assert.equal(out.data[(Math.round(y) * 112 + Math.round(x)) * 3], 255, `dot at template point ${x},${y}`);
  }
  assert.equal(out.data[(10 * 112 + 10) * 3], 0);
});

test('needs five landmarks', () => {
  assert.throws(() => alignFace(gradient(4, 4), [[0, 0], [1, 1]]), RangeError);
});
