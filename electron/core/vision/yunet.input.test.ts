import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBgrPlanes } from './yunet.input.ts';

test('packs RGB pixels into zero-padded BGR planes', () => {
  // 2x1 image: red, then (1, 2, 3); padded to 4x2
  const out = toBgrPlanes({ data: Uint8Array.from([255, 0, 0, 1, 2, 3]), width: 2, height: 1 }, 4, 2);
  assert.equal(out.length, 3 * 8);
  assert.deepEqual([...out.subarray(0, 8)], [0, 3, 0, 0, 0, 0, 0, 0]); // B
  assert.deepEqual([...out.subarray(8, 16)], [0, 2, 0, 0, 0, 0, 0, 0]); // G
  assert.deepEqual([...out.subarray(16, 24)], [255, 1, 0, 0, 0, 0, 0, 0]); // R
});
