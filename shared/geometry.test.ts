import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxInside, fitView, imageBox, imageSize, imageToNorm, imageToScreen, iou, normToImage, screenToImage } from './geometry.ts';

test('image ↔ screen conversion is exact both ways at any zoom', () => {
  const box = imageBox({ x: 1234.5, y: 87.25, w: 300, h: 412 });
  for (const scale of [0.0625, 0.37, 1, 2.5]) {
    const view = { originX: 17.5, originY: -40, scale };
    const back = screenToImage(imageToScreen(box, view), view);
    for (const k of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(back[k] - box[k]) < 1e-9, `${k} at scale ${scale}`);
  }
});

test('fitting a portrait photo into a landscape window centres it horizontally', () => {
  const v = fitView(imageSize({ width: 3000, height: 4000 }), { width: 1600, height: 1000 });
  assert.equal(v.scale, 0.25);
  assert.equal(v.originX, (1600 - 750) / 2);
  assert.equal(v.originY, 0);
});

test('normalised boxes map back to the same pixels', () => {
  const size = imageSize({ width: 4032, height: 3024 });
  const b = imageBox({ x: 100, y: 200, w: 50, h: 60 });
  assert.deepEqual(normToImage(imageToNorm(b, size), size), b);
});

test('IoU and containment', () => {
  assert.equal(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 }), 50 / 150);
  assert.equal(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 20, w: 1, h: 1 }), 0);
  assert.equal(boxInside({ x: 0, y: 0, w: 100, h: 50 }, { width: 100, height: 50 }), true);
  assert.equal(boxInside({ x: 1, y: 0, w: 100, h: 50 }, { width: 100, height: 50 }), false);
  assert.equal(boxInside({ x: 0, y: 0, w: 0, h: 50 }, { width: 100, height: 50 }), false);
});
