import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import sharpPhash from 'sharp-phash';
import type { SharpOptions } from 'sharp';
import { FACES_DEV } from '../testing/fixtures.ts';
import { distance, perceptualHash } from './stacks.ts';

// A CommonJS module whose types declare an ES default export: under Node's ESM the default import is the function itself.
const reference = sharpPhash as unknown as (image: Buffer, options: SharpOptions) => Promise<string>;

test("the perceptual hash has sharp-phash's bits on real photos, small and large", async () => {
  const files = readdirSync(FACES_DEV).filter((d) => /^[A-Z]/.test(d)).sort().slice(0, 120).map((d) => join(FACES_DEV, d, readdirSync(join(FACES_DEV, d)).sort()[0]!));
  let differing = 0;
  for (const [i, f] of files.entries()) {
    // Every tenth photo enlarged and turned portrait: sizes and shapes like a camera's.
    const s = i % 10 === 0 ? sharp(f).resize(1600, 2000, { fit: 'fill' }) : sharp(f);
    const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
    const img = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
    const bits = await reference(data, { raw: { width: info.width, height: info.height, channels: 3 } });
    let hex = '';
    for (let b = 0; b < 64; b += 4) hex += parseInt(bits.slice(b, b + 4), 2).toString(16);
    const ours = await perceptualHash(img);
    if (ours !== hex) differing++;
    assert.ok(distance(ours, hex) <= 1, `${f}: ${ours} against sharp-phash's ${hex}`);
  }
  assert.equal(differing, 0, `${differing} of ${files.length} hashes differ from sharp-phash's`);
});
