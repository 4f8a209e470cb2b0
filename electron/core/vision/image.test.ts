import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cropRgb, iou, resizeRgb, type RgbImage } from './image.ts';

const img: RgbImage = { data: Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i), width: 4, height: 3 };

test('cropRgb copies an integer rectangle', () => {
  const c = cropRgb(img, { x: 1, y: 1, w: 2, h: 2 });
  assert.deepEqual([c.width, c.height], [2, 2]);
  assert.deepEqual([...c.data], [15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32]);
  assert.throws(() => cropRgb(img, { x: 3, y: 0, w: 2, h: 1 }), RangeError);
  assert.throws(() => cropRgb(img, { x: 0.5, y: 0, w: 2, h: 1 }), RangeError);
});

test('iou of identical, disjoint and half-overlapping boxes', () => {
  assert.equal(iou({ x: 0, y: 0, w: 2, h: 2 }, { x: 0, y: 0, w: 2, h: 2 }), 1);
  assert.equal(iou({ x: 0, y: 0, w: 2, h: 2 }, { x: 2, y: 0, w: 2, h: 2 }), 0);
  assert.equal(iou({ x: 0, y: 0, w: 2, h: 2 }, { x: 1, y: 0, w: 2, h: 2 }), 1 / 3);
});

test('resizeRgb returns packed RGB of the requested size', async () => {
  const flat: RgbImage = { data: new Uint8Array(40 * 30 * 3).fill(77), width: 40, height: 30 };
  const r = await resizeRgb(flat, 13, 7);
  assert.deepEqual([r.width, r.height, r.data.length], [13, 7, 13 * 7 * 3]);
  assert.ok(r.data.every((v) => v === 77));
  assert.equal(await resizeRgb(flat, 40, 30), flat);
});
