import sharp from 'sharp';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { warpSimilarity } from '../vision/align.ts';
import type { RgbImage } from '../vision/image.ts';

const madeDirs = new Set<string>();

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (err) {
    // Half a file on a full disk is worse than none; a folder someone deleted is made again.
    await rm(tmp, { force: true }).catch(() => {});
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !madeDirs.delete(dir)) throw err;
    await writeAtomically(path, bytes);
  }
}

const raw = (img: RgbImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });

export interface Thumbnail {
  bytes: Buffer;
  /** The longest side it was made for. */
  size: number;
  /**
   * Its pixels, before encoding: the perceptual hash is taken from them. Greying the whole 12-MP
   * working image for the hash cost ~20 ms of a photo's ~60 of derived work; this image ~1 ms.
   */
  pixels: RgbImage;
}

/** The grid thumbnail: the whole photo, upright, longest side `size`; its bytes and pixels are returned for writePreview and the hash. */
export async function writeThumbnail(img: RgbImage, path: string, size: number): Promise<Thumbnail> {
  const { data, info } = await raw(img).resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const pixels = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  const bytes = await raw(pixels).jpeg({ quality: 80 }).toBuffer();
  await writeAtomically(path, bytes);
  return { bytes, size, pixels };
}

/**
 * The viewer's first image: the decoded working image as it is (no second decode), upright. Standard
 * Huffman tables: ~10% larger than optimised ones, for half the encoding time (~10 ms of a 12-MP photo's).
 * A photo no bigger than its thumbnail has the thumbnail's pixels: its bytes serve as the preview too
 * (one encode fewer, ~2 ms of a small photo's ~45).
 */
export async function writePreview(img: RgbImage, path: string, thumbnail?: Thumbnail): Promise<void> {
  const same = thumbnail !== undefined && Math.max(img.width, img.height) <= thumbnail.size;
  await writeAtomically(path, same ? thumbnail.bytes : await raw(img).jpeg({ quality: 82, optimiseCoding: false }).toBuffer());
}

/** A square crop around a face (box in the image's own pixels), with some context, `size` px square. */
export async function writeFaceCrop(img: RgbImage, box: { x: number; y: number; w: number; h: number }, path: string, size: number): Promise<void> {
  const side = Math.max(box.w, box.h) * 1.5;
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const left = clamp(Math.round(cx - side / 2), 0, img.width - 1);
  const top = clamp(Math.round(cy - side / 2), 0, img.height - 1);
  const width = clamp(Math.round(side), 1, img.width - left);
  const height = clamp(Math.round(side), 1, img.height - top);
  const bytes =
    Math.min(width, height) <= size * MAX_BILINEAR_REDUCTION
      ? await sharp(coverCrop(img, left, top, width, height, size), { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 85 }).toBuffer()
      : await raw(img).extract({ left, top, width, height }).resize(size, size, { fit: 'cover' }).jpeg({ quality: 85 }).toBuffer();
  await writeAtomically(path, bytes);
}

/**
 * Up to this reduction a crop is resampled here (bilinear, a fraction of a millisecond) and only
 * encoded by libvips, which halves its cost (a 12-MP photo has ~6.5 faces); beyond it, bilinear
 * would alias, so libvips resizes too.
 */
const MAX_BILINEAR_REDUCTION = 2;

/** The `size`-px square covering the centre of the rectangle, bilinear, pixel centres as in libvips. */
function coverCrop(img: RgbImage, left: number, top: number, width: number, height: number, size: number): Uint8Array {
  const scale = size / Math.min(width, height);
  const x0 = left + (width - size / scale) / 2;
  const y0 = top + (height - size / scale) / 2;
  // out(u, v) = img(x0 + (u + 0.5) / scale - 0.5, y0 + (v + 0.5) / scale - 0.5)
  return warpSimilarity(img, { a: scale, b: 0, tx: (0.5 - x0) * scale - 0.5, ty: (0.5 - y0) * scale - 0.5 }, size, size).data;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
