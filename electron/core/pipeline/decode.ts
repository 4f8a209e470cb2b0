import { readFile } from 'node:fs/promises';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import type { RgbImage } from '../vision/image.ts';
import { colourPath } from './colour-profile.ts';
import { FileProblem, damageOf, explainDecodeError } from './file-problem.ts';
import { isHeifMime, isRawMime } from './formats.ts';
import type { ImageSource } from './probe.ts';
import { openSpecial } from './special-source.ts';

export interface DecodeOptions {
  /** Longest side of the working image; JPEG and WebP shrink while decoding, so large photos decode fast. */
  maxSide: number;
  maxPixels: number;
  mime: string | null;
}

/**
 * sharp gives up JPEG shrink-on-load for a reduction in [2, 3) (it keeps a safety factor against
 * libjpeg rounding), so a photo 2.7-3x the working size would decode at full size. Such photos work
 * at a third of their size instead, which libjpeg decodes at half scale: at most 10% smaller.
 */
const SNAP_TO_THIRD = 0.9;

/** The working image's longest side for an original whose longest side is `longest`. */
export function workingSide(longest: number, maxSide: number): number {
  const ratio = longest / maxSide;
  if (ratio <= 1) return longest;
  if (ratio >= 3 * SNAP_TO_THIRD && ratio < 3) return Math.floor(longest / 3);
  return maxSide;
}

/** A decoded photo, and what was wrong with the file if it decoded only in part. */
export interface DecodedImage extends RgbImage {
  /** "damaged file: …" when the decoder got past damage (a truncated file: the rest is grey). */
  damage: string | null;
}

/**
 * Decode a photo once, upright (EXIF orientation applied), as packed sRGB. Transparency is flattened on
 * white and only the first frame of an animation or multi-page file is used. A damaged or truncated
 * file decodes as far as its data goes: what it holds is kept, with a note saying so.
 */
export async function decodeUpright(source: ImageSource, opts: DecodeOptions): Promise<DecodedImage> {
  const warnings: string[] = [];
  try {
    const bytes = typeof source === 'string' && needsBytes(opts.mime) ? await readFile(source) : source;
    const special = typeof bytes === 'string' ? null : await openSpecial(bytes, opts.mime, opts.maxPixels);
    // A RAW's preview or a libheif decode is an upright pipeline of its own, converted as sharp does.
    const pipeline = special
      ? special.resize({ width: opts.maxSide, height: opts.maxSide, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
      : await workingPipeline(bytes, opts, warnings);
    const { data, info } = await pipeline.flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, damage: damageOf(warnings, opts.mime) };
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw explainDecodeError(err, opts.mime);
  }
}

const needsBytes = (mime: string | null): boolean => isRawMime(mime) || isHeifMime(mime);

/** Upright, at the working side, with the colour path its profile calls for (colour-profile.ts). */
async function workingPipeline(source: ImageSource, opts: DecodeOptions, warnings: string[]): Promise<Sharp> {
  // failOn 'none': libvips decodes what a truncated or damaged file holds; its warnings say what was wrong.
  const input = { limitInputPixels: opts.maxPixels, failOn: 'none', pages: 1, page: 0 } as const;
  const open = (o: SharpOptions) => sharp(source, o).on('warning', (w: unknown) => warnings.push(String(w)));
  const meta = await sharp(source, input).metadata();
  const path = await colourPath(source, meta);
  const longest = Math.max(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0);
  const side = longest > 0 ? workingSide(longest, opts.maxSide) : opts.maxSide;
  // A triangle filter as wide as the reduction: ~8 ms less than lanczos3 on a 12-MP photo, and what the
  // detector, alignment and crops need (the grid thumbnail is made from this image with lanczos3).
  const resize = (s: Sharp) => s.rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true, kernel: 'linear' });
  if (path === 'after-resize') {
    // Resized with the profile kept but not applied, then the small image converted with it.
    const small = await resize(open({ ...input, ignoreIcc: true })).keepIccProfile().tiff({ compression: 'none' }).toBuffer();
    return sharp(small);
  }
  return resize(open({ ...input, ignoreIcc: path === 'as-is' }));
}
