import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import { FileProblem, explainDecodeError } from './file-problem.ts';
import { SUPPORTED_MIME, formatOf, isRawMime } from './formats.ts';
import { probeSpecial } from './special-source.ts';

export interface Probe {
  mime: string;
  /** Stored pixel size, before orientation. */
  width: number;
  height: number;
  orientation: number;
  /** What the user sees: after EXIF orientation. Face boxes are in this space. */
  displayWidth: number;
  displayHeight: number;
  takenAt: number | null;
}

export interface ProbeLimits {
  maxPixels: number;
}

/** Identify a file by its bytes and read its header, refusing what would be unsafe or impossible to decode. */
export async function probeImage(buf: Buffer, limits: ProbeLimits): Promise<Probe> {
  if (buf.length === 0) throw new FileProblem('empty file (0 bytes)', null, 'empty');
  const type = await fileTypeFromBuffer(buf);
  if (!type) throw new FileProblem('not an image: the content matches no known image format', null, 'not_media');
  if (!SUPPORTED_MIME.has(type.mime)) {
    const format = formatOf(type.mime);
    if (format?.kind === 'video') throw new FileProblem(`not a photo: the content is ${format.label} (${type.mime})`, type.mime, 'video');
    if (format) throw new FileProblem(`unsupported: ${format.label} (the content is ${type.mime})`, type.mime, 'unsupported_format');
    throw new FileProblem(`not a supported photo: the content is ${type.mime}`, type.mime, 'not_media');
  }
  const mime = type.mime;
  let meta: Metadata | undefined;
  let special;
  try {
    if (!isRawMime(mime)) meta = await sharp(buf, { limitInputPixels: false }).metadata();
    special = await probeSpecial(buf, mime, meta);
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw explainDecodeError(err, mime);
  }
  const width = special?.width ?? meta?.width;
  const height = special ? special.height : meta?.height;
  if (!width || !height) throw new FileProblem(`corrupt ${mime}: no image size in its header`, mime);
  const pixels = width * (special ? height : (meta?.pageHeight ?? height));
  if (pixels > limits.maxPixels) {
    throw new FileProblem(
      `image is ${width}×${height} px (${Math.round(pixels / 1e6)} MP), above the ${Math.round(limits.maxPixels / 1e6)} MP safety limit for decoding`,
      mime,
      'too_large',
    );
  }
  const tagged = special?.orientation ?? meta?.orientation;
  const orientation = tagged && tagged >= 1 && tagged <= 8 ? tagged : 1;
  const swap = orientation >= 5;
  const frameHeight = special ? height : (meta?.pageHeight ?? height);
  return {
    mime,
    width,
    height: frameHeight,
    orientation,
    displayWidth: swap ? frameHeight : width,
    displayHeight: swap ? width : frameHeight,
    takenAt: (await readTakenAt(buf)) ?? (special?.metadataSource ? await readTakenAt(special.metadataSource) : null),
  };
}

async function readTakenAt(buf: Buffer): Promise<number | null> {
  try {
    const tags = (await exifr.parse(buf, { pick: ['DateTimeOriginal', 'CreateDate', 'DateTimeDigitized'] })) as
      | Record<string, unknown>
      | undefined;
    const value = tags?.DateTimeOriginal ?? tags?.CreateDate ?? tags?.DateTimeDigitized;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
    return null;
  } catch {
    return null; // a broken EXIF block should not cost the photo
  }
}
