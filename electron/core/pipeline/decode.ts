import sharp from 'sharp';
import type { RgbImage } from '../vision/image.ts';
import { FileProblem, explainDecodeError } from './file-problem.ts';
import { openSpecial } from './special-source.ts';

export interface DecodeOptions {
  /** Longest side of the working image; JPEG and WebP shrink while decoding, so large photos decode fast. */
  maxSide: number;
  maxPixels: number;
  mime: string | null;
}

/**
 * Decode a photo once, upright (EXIF orientation applied), as packed sRGB. Transparency is flattened on
 * white and only the first frame of an animation or multi-page file is used.
 */
export async function decodeUpright(buf: Buffer, opts: DecodeOptions): Promise<RgbImage> {
  try {
    const special = await openSpecial(buf, opts.mime, opts.maxPixels);
    const { data, info } = await (special ?? sharp(buf, { limitInputPixels: opts.maxPixels, failOn: 'error', pages: 1, page: 0 }).rotate())
      .resize({ width: opts.maxSide, height: opts.maxSide, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw explainDecodeError(err, opts.mime);
  }
}
