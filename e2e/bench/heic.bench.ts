// npm run bench:heic [-- --photos N] — decode 12-MP HEICs (made from the import bench's 4000×3000 JPEGs
// by libheif's heif-enc, HEVC) through libheif-js, and print milliseconds per photo: the full-size decode
// and the working-size decode an import does, next to the same photos as JPEG.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { make12mpSet } from './make-12mp-set.ts';
import { heifEnc } from '../../electron/core/testing/real-formats.ts';
import { decodeHeif } from '../../electron/core/pipeline/heif-decode.ts';
import { decodeUpright } from '../../electron/core/pipeline/decode.ts';
import { probeImage } from '../../electron/core/pipeline/probe.ts';
import { DEFAULT_ANALYZE_SETTINGS } from '../../electron/core/pipeline/analyze.ts';

const { values } = parseArgs({ options: { photos: { type: 'string', default: '8' } } });
const count = Number(values.photos);
sharp.concurrency(1); // one core, as one analysis worker has
const photos = await make12mpSet(tmpdir(), count);
const files = photos.map((p) => {
  const heic = p.file.replace(/\.jpg$/, '.heic');
  if (!existsSync(heic)) heifEnc([p.file], heic, 80);
  return { jpeg: p.file, heic };
});

const { maxPixels, workingMaxSide } = DEFAULT_ANALYZE_SETTINGS;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

await decodeHeif(readFileSync(files[0]!.heic), maxPixels); // load the wasm module once, outside the timings
const full: number[] = [];
const working: number[] = [];
const jpeg: number[] = [];
let size = '';
for (const f of files) {
  const heic = readFileSync(f.heic);
  const jpg = readFileSync(f.jpeg);
  full.push(await time(async () => {
    const px = await decodeHeif(heic, maxPixels);
    size = `${px.width}×${px.height}`;
  }));
  working.push(await time(async () => {
    const probe = await probeImage(heic, { maxPixels });
    await decodeUpright(heic, { maxSide: workingMaxSide, maxPixels, mime: probe.mime });
  }));
  jpeg.push(await time(async () => {
    const probe = await probeImage(jpg, { maxPixels });
    await decodeUpright(jpg, { maxSide: workingMaxSide, maxPixels, mime: probe.mime });
  }));
}
const mb = files.reduce((s, f) => s + readFileSync(f.heic).length, 0) / files.length / 1048576;
console.log(`HEIC set: ${files.length} photos of ${size} (12 MP), HEVC by heif-enc q80, ${mb.toFixed(1)} MB each on average`);
console.log(`HEIC full-size decode (libheif-js wasm, one thread): median ${median(full).toFixed(0)} ms per 12-MP photo (min ${Math.min(...full).toFixed(0)}, max ${Math.max(...full).toFixed(0)})`);
console.log(`HEIC probe + decode to the ${workingMaxSide}-px working image (what an import does): median ${median(working).toFixed(0)} ms per photo`);
console.log(`same photos as JPEG, probe + decode to ${workingMaxSide} px (sharp, shrink-on-load): median ${median(jpeg).toFixed(0)} ms per photo`);
