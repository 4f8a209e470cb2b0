import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RgbImage } from './image.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A model file for tests: KINDRED_MODELS_DIR if set, else the repo's models/cache. */
export function testModelPath(file: string): string {
  return join(process.env.KINDRED_MODELS_DIR ?? join(REPO, 'models', 'cache'), file);
}

/** The shared data set beside the repo (read-only). */
export const SHARED_DATA = process.env.KINDRED_SHARED_DATA ?? join(REPO, '..', 'shared', 'data');

export async function loadRgb(path: string): Promise<RgbImage> {
  const { data, info } = await sharp(path).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
