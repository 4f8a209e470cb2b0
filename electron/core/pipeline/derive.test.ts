// Derived files when their folder vanishes under them (the data folder moved to the bin mid-import):
// every photo in flight makes it again, none is lost as if its original had gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFaceCrop, writeThumbnail } from './derive.ts';
import { tempDir } from '../testing/temp-dir.ts';

const img = { data: new Uint8Array(64 * 48 * 3).fill(128), width: 64, height: 48 };

test('several writes that find their folder deleted all make it again and land', async () => {
  const dir = join(tempDir(), 'cache', 'thumbs');
  await writeThumbnail(img, join(dir, 'before.jpg'), 32);
  rmSync(join(dir, '..'), { recursive: true, force: true });
  const paths = Array.from({ length: 6 }, (_, i) => join(dir, `after-${i}.jpg`));
  await Promise.all(paths.map((p, i) => (i % 2 ? writeThumbnail(img, p, 32) : writeFaceCrop(img, { x: 10, y: 10, w: 20, h: 20 }, p, 16))));
  assert.deepEqual(paths.filter((p) => !existsSync(p)), []);
});
