import { existsSync, mkdirSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { FACES_DEV } from '../../electron/core/testing/fixtures.ts';
import { rng } from '../../electron/core/people/synthetic.ts';

export interface PlacedFace {
  /** Display-space box of the pasted face (roughly the face, not the whole LFW tile). */
  box: { x: number; y: number; w: number; h: number };
  source: string;
}

export interface BenchPhoto {
  file: string;
  orientation: number;
  faces: PlacedFace[];
}

const W = 4000;
const H = 3000;
const FACE_SIZES = [40, 56, 80, 120, 180, 260, 400];
const ORIENTATIONS = [1, 6, 3, 8];
const VERSION = 'v1';

function lfwFiles(): string[] {
  const out: string[] = [];
  for (const name of readdirSync(FACES_DEV).sort()) {
    if (!/^[A-Z]/.test(name)) continue;
    for (const f of readdirSync(join(FACES_DEV, name)).sort()) if (f.endsWith('.jpg')) out.push(join(FACES_DEV, name, f));
  }
  return out;
}

/**
 * Deterministic 12-MP JPEGs: a blurred, enlarged LFW photo as the scene, and 3–6 LFW faces pasted at sizes
 * from 40 px up, stored with EXIF orientations 1, 6, 3 and 8 (pixels rotated so every photo displays upright).
 * Cached by version and count, since making them takes longer than importing them.
 */
export async function make12mpSet(root: string, count: number): Promise<BenchPhoto[]> {
  const dir = join(root, `kindred-bench-12mp-${VERSION}-${count}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as BenchPhoto[];
  mkdirSync(dir, { recursive: true });
  const sources = lfwFiles();
  const rand = rng(20261123);
  const pick = () => sources[Math.floor(rand() * sources.length)]!;
  const photos: BenchPhoto[] = [];
  for (let i = 0; i < count; i++) {
    const background = await sharp(pick()).resize(W, H, { fit: 'cover' }).blur(12).modulate({ brightness: 0.8 }).toBuffer();
    const faces: PlacedFace[] = [];
    const composites: OverlayOptions[] = [];
    const n = 3 + Math.floor(rand() * 4);
    for (let k = 0; k < n; k++) {
      const faceW = FACE_SIZES[(i + k * 3) % FACE_SIZES.length]!;
      // LFW tiles are 250 px with the face about 110 px wide in the middle: scale the tile so the face is faceW.
      const tile = Math.round((250 * faceW) / 110);
      let x = 0;
      let y = 0;
      for (let attempt = 0; attempt < 50; attempt++) {
        x = Math.floor(rand() * (W - tile));
        y = Math.floor(rand() * (H - tile));
        if (!faces.some((f) => overlaps(f.box, { x, y, w: tile, h: tile }, tile))) break;
      }
      const src = pick();
      composites.push({ input: await sharp(src).resize(tile, tile).toBuffer(), left: x, top: y });
      const faceBox = { x: x + (tile - faceW) / 2, y: y + tile * 0.3, w: faceW, h: faceW * 1.2 };
      faces.push({ box: faceBox, source: src });
    }
    const upright = await sharp(background).composite(composites).raw().toBuffer({ resolveWithObject: true });
    const orientation = ORIENTATIONS[i % ORIENTATIONS.length]!;
    const rotate = { 1: 0, 6: -90, 3: 180, 8: 90 }[orientation as 1 | 6 | 3 | 8];
    const file = join(dir, `photo-${String(i).padStart(4, '0')}.jpg`);
    const stored = sharp(upright.data, { raw: upright.info }).rotate(rotate);
    writeFileSync(file, await stored.jpeg({ quality: 88 }).withMetadata({ orientation }).toBuffer());
    photos.push({ file, orientation, faces });
  }
  writeFileSync(manifest, JSON.stringify(photos));
  return photos;
}

function overlaps(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}
