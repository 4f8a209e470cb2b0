import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import { FileProblem, explainDecodeError } from './file-problem.ts';
import { SUPPORTED_MIME } from './formats.ts';

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

const canDecodeHeic = (): boolean => sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;

/** Identify a file by its bytes and read its header, refusing what would be unsafe or impossible to decode. */
export async function probeImage(buf: Buffer, limits: ProbeLimits): Promise<Probe> {
  if (buf.length === 0) throw new FileProblem('empty file (0 bytes)');
  const type = await fileTypeFromBuffer(buf);
  if (!type) throw new FileProblem('not an image: the content matches no known image format');
  if (!SUPPORTED_MIME.has(type.mime)) throw new FileProblem(`not a supported photo: the content is ${type.mime}`, type.mime);
  const mime = type.mime;
  if ((mime === 'image/heic' || mime === 'image/heif') && !canDecodeHeic()) {
    throw new FileProblem('HEIC photo: this build has no HEVC decoder (convert it to JPEG or AVIF to import it)', mime);
  }
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw explainDecodeError(err, mime);
  }
  const width = meta.width;
  const height = meta.height;
  if (!width || !height) throw new FileProblem(`corrupt ${mime}: no image size in its header`, mime);
  const pixels = width * (meta.pageHeight ?? height);
  if (pixels > limits.maxPixels) {
    throw new FileProblem(
      `image is ${width}×${height} px (${Math.round(pixels / 1e6)} MP), above the ${Math.round(limits.maxPixels / 1e6)} MP safety limit for decoding`,
      mime,
    );
  }
  const orientation = meta.orientation && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
  const swap = orientation >= 5;
  const frameHeight = meta.pageHeight ?? height;
  return {
    mime,
    width,
    height: frameHeight,
    orientation,
    displayWidth: swap ? frameHeight : width,
    displayHeight: swap ? width : frameHeight,
    takenAt: await readTakenAt(buf),
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
