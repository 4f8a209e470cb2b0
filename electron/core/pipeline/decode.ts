import { stat } from 'node:fs/promises';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import type { RgbImage } from '../vision/image.ts';
import { colourPath } from './colour-profile.ts';
import { FileProblem, explainDecodeError } from './file-problem.ts';
import { openSpecial } from './special-source.ts';

/** The file a photo's bytes were read from, as it was when they were read. */
export interface SourceFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface DecodeOptions {
  /** Longest side of the working image; JPEGs shrink while decoding, so large photos decode fast. */
  maxSide: number;
  maxPixels: number;
  mime: string | null;
  /** Where the bytes came from: lets libjpeg decode a JPEG at a fraction of its size (jpegScale). */
  file?: SourceFile;
}

/**
 * libjpeg decodes at 1/2, 1/4 or 1/8 scale in a fraction of a full decode's time (a 12-MP photo: ~16
 * ms at half scale against ~55 ms for the full decode and resize). sharp only uses that for a
 * reduction of 3 or more, so a JPEG takes the largest such scale that leaves a working image at least
 * this fraction of `maxSide` (a 4000-px photo works at 2000 px, a 6000-px one at 3000 resized to 2048).
 */
const MIN_WORKING_FRACTION = 0.9;
const JPEG_SCALES = [8, 4, 2] as const;

/** The libjpeg scale denominator for a JPEG whose longest side is `longest`; 1 for a full decode. */
export function jpegScale(longest: number, maxSide: number): number {
  // Below 3x the working side sharp's own resize never shrinks on load again (its file name carries the scale).
  return JPEG_SCALES.find((f) => longest / f >= MIN_WORKING_FRACTION * maxSide && longest / f < 3 * maxSide) ?? 1;
}

/** The working image's longest side for an original whose longest side is `longest`, decoded at 1/`scale`. */
export function workingSide(longest: number, maxSide: number, scale = 1): number {
  return Math.min(maxSide, Math.ceil(longest / scale));
}

/**
 * Decode a photo once, upright (EXIF orientation applied), as packed sRGB. Transparency is flattened on
 * white and only the first frame of an animation or multi-page file is used.
 */
export async function decodeUpright(buf: Buffer, opts: DecodeOptions): Promise<RgbImage> {
  try {
    const special = await openSpecial(buf, opts.mime, opts.maxPixels);
    // A RAW's preview or a libheif decode is an upright pipeline of its own, converted as sharp does.
    if (special) return await toRgb(special.resize({ width: opts.maxSide, height: opts.maxSide, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true }));
    const input = { limitInputPixels: opts.maxPixels, failOn: 'error', pages: 1, page: 0 } as const;
    const meta = await sharp(buf, input).metadata();
    const longest = Math.max(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0);
    // Bytes without their file decode in full and resize to the same working size.
    const scale = meta.format === 'jpeg' ? jpegScale(longest, opts.maxSide) : 1;
    const side = longest > 0 ? workingSide(longest, opts.maxSide, scale) : opts.maxSide;
    const path = await colourPath(buf, meta);
    if (scale > 1 && opts.file) {
      // libvips reads the scale from the file name; the bytes hashed are the ones decoded only if the
      // file did not change since it was read, else the decode is done again from those bytes.
      const img = await toRgb(await workingPipeline(`${opts.file.path}[shrink=${scale}]`, input, path, side));
      if (await unchanged(opts.file)) return img;
    }
    return await toRgb(await workingPipeline(buf, input, path, side));
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw explainDecodeError(err, opts.mime);
  }
}

async function toRgb(pipeline: Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

async function unchanged(file: SourceFile): Promise<boolean> {
  const now = await stat(file.path).catch(() => null);
  return now !== null && now.size === file.size && now.mtimeMs === file.mtimeMs;
}

/** Upright, at the working side, with the colour path its profile calls for (colour-profile.ts). */
async function workingPipeline(source: Buffer | string, input: SharpOptions, path: Awaited<ReturnType<typeof colourPath>>, side: number): Promise<Sharp> {
  // A triangle filter as wide as the reduction: ~8 ms less than lanczos3 on a 12-MP photo, and what the
  // detector, alignment and crops need (the grid thumbnail is made from this image with lanczos3).
  const resize = (s: Sharp) => s.rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true, kernel: 'linear' });
  if (path === 'after-resize') {
    // Resized with the profile kept but not applied, then the small image converted with it.
    const small = await resize(sharp(source, { ...input, ignoreIcc: true })).keepIccProfile().tiff({ compression: 'none' }).toBuffer();
    return sharp(small);
  }
  return resize(sharp(source, { ...input, ignoreIcc: path === 'as-is' }));
}
