import { open as openFile, readFile, stat } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import type { RgbImage } from '../vision/image.ts';
import { colourPath, type ColourPath } from './colour-profile.ts';
import { FileProblem, damageOf, explainDecodeError } from './file-problem.ts';
import { isHeifMime, isRawMime } from './formats.ts';
import type { ImageSource } from './probe.ts';
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
  /** Where bytes came from: lets libjpeg decode a JPEG at a fraction of its size (jpegScale). */
  file?: SourceFile;
  /** The header as admission read it from the same bytes (probe.ts's Header): not read again. */
  meta?: Metadata;
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
  try {
    const bytes = typeof source === 'string' && needsBytes(opts.mime) ? await readFile(source) : source;
    const special = typeof bytes === 'string' ? null : await openSpecial(bytes, opts.mime, opts.maxPixels);
    // A RAW's preview or a libheif decode is an upright pipeline of its own, converted as sharp does.
    if (special) return await toRgb(special.resize({ width: opts.maxSide, height: opts.maxSide, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true }), null);
    // failOn 'none': libvips decodes what a truncated or damaged file holds (the strict decode below comes first).
    const input = { limitInputPixels: opts.maxPixels, failOn: 'none', pages: 1, page: 0 } as const;
    const meta = opts.meta ?? (await sharp(bytes, input).metadata());
    const longest = Math.max(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0);
    const scale = meta.format === 'jpeg' ? jpegScale(longest, opts.maxSide) : 1;
    const side = longest > 0 ? workingSide(longest, opts.maxSide, scale) : opts.maxSide;
    const path = await colourPath(bytes, meta);
    // Strict first: a decode that stops at the first sign of damage says so in its own error, whereas
    // libvips' warnings go to one queue shared by every decode in the process and reach whichever
    // pipeline finishes next. Only a file that fails it is decoded again, as far as its data goes.
    const decode = async (from: ImageSource) => {
      try {
        return await toRgb(await workingPipeline(from, { ...input, failOn: 'warning' }, path, side), null);
      } catch (err) {
        if (err instanceof FileProblem) throw err;
        const damage = damageOf(err instanceof Error ? err.message : String(err), opts.mime, await cutShort(bytes, opts.mime));
        return toRgb(await workingPipeline(from, input, path, side), damage);
      }
    };
    // libvips reads the scale from the file name, so a scaled decode needs the file. A path is the file;
    // bytes read from a file are the ones decoded only if it did not change since, else they are decoded
    // in full (and resized to the same working size).
    if (scale > 1 && typeof bytes === 'string') return await decode(`${bytes}[shrink=${scale}]`);
    if (scale > 1 && opts.file) {
      const img = await decode(`${opts.file.path}[shrink=${scale}]`);
      if (await unchanged(opts.file)) return img;
    }
    return await decode(bytes);
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw explainDecodeError(err, opts.mime);
  }
}

const needsBytes = (mime: string | null): boolean => isRawMime(mime) || isHeifMime(mime);

async function toRgb(pipeline: Sharp, damage: string | null): Promise<DecodedImage> {
  const { data, info } = await pipeline.flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, damage };
}

/** A JPEG or PNG file without its closing marker (EOI, IEND) at the end: cut short, as a broken copy leaves it. */
async function cutShort(source: ImageSource, mime: string | null): Promise<boolean> {
  const closing = mime === 'image/jpeg' ? Buffer.from([0xff, 0xd9]) : mime === 'image/png' ? Buffer.from('IEND\xae\x42\x60\x82', 'latin1') : null;
  if (!closing) return false;
  const tail = typeof source === 'string' ? await readTail(source, closing.length) : source.subarray(Math.max(0, source.length - closing.length));
  return !tail.equals(closing);
}

async function readTail(path: string, bytes: number): Promise<Buffer> {
  const file = await openFile(path, 'r');
  try {
    const { size } = await file.stat();
    const buf = Buffer.alloc(Math.min(bytes, size));
    await file.read(buf, 0, buf.length, size - buf.length);
    return buf;
  } finally {
    await file.close();
  }
}

async function unchanged(file: SourceFile): Promise<boolean> {
  const now = await stat(file.path).catch(() => null);
  return now !== null && now.size === file.size && now.mtimeMs === file.mtimeMs;
}

/** Upright, at the working side, with the colour path its profile calls for (colour-profile.ts). */
async function workingPipeline(
  source: ImageSource,
  input: SharpOptions,
  path: ColourPath,
  side: number,
): Promise<Sharp> {
  const open = (o: SharpOptions) => sharp(source, o);
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
