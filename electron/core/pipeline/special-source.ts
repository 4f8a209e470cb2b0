import sharp, { type Metadata, type Sharp } from 'sharp';
import { heifAsSharp, heifSize, sharpLacksCodec } from './heif-decode.ts';
import { isHeifMime, isRawMime } from './formats.ts';
import { extractRawPreview, orient, type RawPreview } from './raw-preview.ts';

/**
 * Formats sharp cannot open as they are, and what stands in for them: a RAW's embedded preview (with
 * the RAW's orientation), or a HEVC HEIF decoded by libheif. Everything else returns null and goes
 * to sharp untouched. The pipelines returned here are already upright: callers must not rotate again.
 */

export interface SpecialHeader {
  /** Stored size of what is decoded (the preview for a RAW), before orientation. */
  width: number;
  height: number;
  orientation: number;
  /** Bytes to read dates and metadata from when the original's own cannot be parsed (a RAF's preview). */
  metadataSource: Buffer | null;
}

// Probe and decode get the same Buffer in one analysis: find the preview once.
const previews = new WeakMap<Buffer, Promise<RawPreview & { resolved: number }>>();

function rawPreview(buf: Buffer, mime: string): Promise<RawPreview & { resolved: number }> {
  let p = previews.get(buf);
  if (!p) {
    p = extractRawPreview(buf, mime).then(async (preview) => ({
      ...preview,
      resolved: preview.orientation ?? (await sharp(preview.jpeg).metadata()).orientation ?? 1,
    }));
    previews.set(buf, p);
  }
  return p;
}

const needsLibheif = async (buf: Buffer, mime: string | null, meta?: Metadata): Promise<boolean> =>
  isHeifMime(mime) && sharpLacksCodec(meta ?? (await sharp(buf).metadata()));

/** The header of a special format, or null when sharp reads the file itself. */
export async function probeSpecial(buf: Buffer, mime: string, meta?: Metadata): Promise<SpecialHeader | null> {
  if (isRawMime(mime)) {
    const p = await rawPreview(buf, mime);
    return { width: p.width, height: p.height, orientation: p.resolved, metadataSource: p.jpeg };
  }
  if (await needsLibheif(buf, mime, meta)) {
    const size = await heifSize(buf);
    return { ...size, orientation: 1, metadataSource: null };
  }
  return null;
}

/** An upright sharp pipeline over a special format's pixels, or null for formats sharp opens itself. */
export async function openSpecial(buf: Buffer, mime: string | null, maxPixels: number): Promise<Sharp | null> {
  if (mime && isRawMime(mime)) {
    const p = await rawPreview(buf, mime);
    const img = sharp(p.jpeg, { limitInputPixels: maxPixels, failOn: 'error' });
    if (p.orientation === null) return img.rotate();
    // Mirroring runs after extract() in sharp's pipeline, so mirrored orientations are applied up front.
    if ([2, 4, 5, 7].includes(p.orientation)) {
      const { data, info } = await orient(img, p.orientation).raw().toBuffer({ resolveWithObject: true });
      return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    }
    return orient(img, p.orientation);
  }
  if (await needsLibheif(buf, mime)) return heifAsSharp(buf, maxPixels);
  return null;
}
