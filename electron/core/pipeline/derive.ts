import sharp from 'sharp';
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RgbImage } from '../vision/image.ts';

const madeDirs = new Set<string>();

/**
 * `bytes` at `path`, or with `sameAs` a hard link to that file (its bytes as a fallback where links are
 * refused). Synchronous: a derived file is tens of KB written to the page cache, and each of the five
 * calls (mkdir, open, write, close, rename) was a trip through libuv's four threads, queued behind
 * every photo's decodes and encodes; a small photo's ~11 trips kept its worker waiting with nothing
 * else in hand (bench:import --set lfw). Returns a promise all the same: callers need not change.
 */
async function writeAtomically(path: string, bytes: Buffer, sameAs?: string): Promise<void> {
  writeNow(path, bytes, sameAs, false);
}

function writeNow(path: string, bytes: Buffer, sameAs: string | undefined, again: boolean): void {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    if (!sameAs || !linked(sameAs, tmp)) writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    // Half a file on a full disk is worse than none; a folder someone deleted is made again, by every
    // write that finds it gone (each photo in flight when the data folder went to the bin does), once.
    rmSync(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || again) throw err;
    madeDirs.delete(dir);
    writeNow(path, bytes, sameAs, true);
  }
}

/**
 * Link `to` to the file `from`; false if that fails for any reason (no hard links on FAT or some shares,
 * `from` gone): writing the bytes instead says what is wrong, if anything is.
 */
function linked(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

const raw = (img: RgbImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });

export interface Thumbnail {
  bytes: Buffer;
  /** The longest side it was made for. */
  size: number;
  /** Where it was written. */
  path: string;
  /**
   * Its pixels, before encoding: the perceptual hash is taken from them. Greying the whole 12-MP
   * working image for the hash cost ~20 ms of a photo's ~60 of derived work; this image ~1 ms.
   */
  pixels: RgbImage;
}

/**
 * The grid thumbnail: the whole photo, upright, longest side `size` (from `pixels` when they were made
 * already); returned for writePreview and the hash. Standard Huffman tables, as for the preview: a few
 * per cent larger, ~0.4 ms less of a small photo's encode.
 */
export async function writeThumbnail(img: RgbImage, path: string, size: number, pixels?: RgbImage): Promise<Thumbnail> {
  pixels ??= await thumbnailPixels(img, size);
  const bytes = await raw(pixels).jpeg({ quality: 80, optimiseCoding: false }).toBuffer();
  await writeAtomically(path, bytes);
  return { bytes, size, path, pixels };
}

/**
 * The grid thumbnail's pixels (lanczos3): made before detection, whose coarse pass starts from them. A
 * photo no bigger than its thumbnail is its own thumbnail's pixels: libvips' resize would copy them
 * unchanged (~0.5 ms of a small photo's CPU, one trip through libuv's threads).
 */
export async function thumbnailPixels(img: RgbImage, size: number): Promise<RgbImage> {
  if (Math.max(img.width, img.height) <= size) return { data: img.data, width: img.width, height: img.height };
  const { data, info } = await raw(img).resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/**
 * The viewer's first image: the decoded working image as it is (no second decode), upright. Standard
 * Huffman tables: ~10% larger than optimised ones, for half the encoding time (~10 ms of a 12-MP photo's).
 * A photo no bigger than its thumbnail has the thumbnail's pixels: its preview is the thumbnail's file,
 * hard-linked (one encode and one file's data fewer, ~2.5 ms of a small photo's ~40).
 */
export async function writePreview(img: RgbImage, path: string, thumbnail?: Thumbnail): Promise<void> {
  if (thumbnail !== undefined && Math.max(img.width, img.height) <= thumbnail.size) return writeAtomically(path, thumbnail.bytes, thumbnail.path);
  await writeAtomically(path, await raw(img).jpeg({ quality: 82, optimiseCoding: false }).toBuffer());
}

/**
 * A square crop around a face (box in the image's own pixels), with some context, `size` px square.
 * Standard Huffman tables, as for the thumbnail: the same pixels, ~0.25 ms less of a crop's encode.
 */
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
      ? await sharp(coverCrop(img, left, top, width, height, size), { raw: { width: size, height: size, channels: 3 } }).jpeg(CROP_JPEG).toBuffer()
      : await raw(img).extract({ left, top, width, height }).resize(size, size, { fit: 'cover' }).jpeg(CROP_JPEG).toBuffer();
  await writeAtomically(path, bytes);
}

const CROP_JPEG = { quality: 85, optimiseCoding: false } as const;

/**
 * Up to this reduction a crop is resampled here (bilinear, a fraction of a millisecond) and only
 * encoded by libvips, which halves its cost (a 12-MP photo has ~6.5 faces); beyond it, bilinear
 * would alias, so libvips resizes too.
 */
const MAX_BILINEAR_REDUCTION = 2;

/**
 * The `size`-px square covering the centre of the rectangle, bilinear, pixel centres as in libvips. The
 * scale is the same on both axes, so each column's source pixel and weight is found once, and the
 * weights are 8-bit fixed point: ~0.15 ms for a 160-px crop against ~1 ms warped pixel by pixel in
 * floating point (within one grey level of it).
 */
export function coverCrop(img: RgbImage, left: number, top: number, width: number, height: number, size: number): Uint8Array {
  const scale = size / Math.min(width, height);
  const x0 = left + (width - size / scale) / 2;
  const y0 = top + (height - size / scale) / 2;
  const stride = img.width * 3;
  const xs = taps(x0, scale, size, img.width, 3);
  const ys = taps(y0, scale, size, img.height, stride);
  const { data } = img;
  const out = new Uint8Array(size * size * 3);
  let o = 0;
  for (let v = 0; v < size; v++) {
    const r0 = ys.at[v]!;
    const r1 = r0 + ys.step[v]!;
    const wy1 = ys.weight[v]!;
    const wy0 = 256 - wy1;
    for (let u = 0; u < size; u++, o += 3) {
      const a = r0 + xs.at[u]!;
      const b = a + xs.step[u]!;
      const c = r1 + xs.at[u]!;
      const d = c + xs.step[u]!;
      const wx1 = xs.weight[u]!;
      const wx0 = 256 - wx1;
      out[o] = ((data[a]! * wx0 + data[b]! * wx1) * wy0 + (data[c]! * wx0 + data[d]! * wx1) * wy1 + 32768) >> 16;
      out[o + 1] = ((data[a + 1]! * wx0 + data[b + 1]! * wx1) * wy0 + (data[c + 1]! * wx0 + data[d + 1]! * wx1) * wy1 + 32768) >> 16;
      out[o + 2] = ((data[a + 2]! * wx0 + data[b + 2]! * wx1) * wy0 + (data[c + 2]! * wx0 + data[d + 2]! * wx1) * wy1 + 32768) >> 16;
    }
  }
  return out;
}

/** For each output pixel along one axis: where the source pixel at or before it starts, how far on the next one is (0 at the edge), and its weight /256. */
function taps(origin: number, scale: number, size: number, extent: number, unit: number): { at: Int32Array; step: Int32Array; weight: Int32Array } {
  const at = new Int32Array(size);
  const step = new Int32Array(size);
  const weight = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const x = Math.min(Math.max(origin + (i + 0.5) / scale - 0.5, 0), extent - 1);
    const x0 = Math.floor(x);
    at[i] = x0 * unit;
    step[i] = x0 + 1 < extent ? unit : 0;
    weight[i] = Math.round((x - x0) * 256);
  }
  return { at, step, weight };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
