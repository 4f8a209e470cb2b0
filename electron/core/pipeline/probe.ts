import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import { readFile, stat } from 'node:fs/promises';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { FileProblem, explainDecodeError } from './file-problem.ts';
import { SUPPORTED_MIME, VIDEO_MIME, formatOf, isHeifMime, isRawMime } from './formats.ts';
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

/** The photo's mime from what its content is, or the FileProblem that says what it is instead. */
function photoMime(type: { mime: string } | undefined): string {
  if (!type) throw new FileProblem('not an image: the content matches no known image format', null, 'not_media');
  if (!SUPPORTED_MIME.has(type.mime)) {
    const format = formatOf(type.mime);
    if (format?.kind === 'video') throw new FileProblem(`not a photo: the content is ${format.label} (${type.mime})`, type.mime, 'video');
    if (format) throw new FileProblem(`unsupported: ${format.label} (the content is ${type.mime})`, type.mime, 'unsupported_format');
    throw new FileProblem(`not a supported photo: the content is ${type.mime}`, type.mime, 'not_media');
  }
  return type.mime;
}

function checkPixels(width: number, height: number, pixels: number, limits: ProbeLimits, mime: string): void {
  if (pixels > limits.maxPixels) {
    throw new FileProblem(
      `image is ${width}×${height} px (${Math.round(pixels / 1e6)} MP), above the ${Math.round(limits.maxPixels / 1e6)} MP safety limit for decoding`,
      mime,
      'too_large',
    );
  }
}

/** sharp reads these itself, from a path as well as bytes; a RAW's preview and libheif need the bytes. */
const readsItself = (mime: string): boolean => !isRawMime(mime) && !isHeifMime(mime);

/** Fewer bytes per declared pixel than any real photo has: a flat 196-MP JPEG still takes ~0.008. */
const MIN_BYTES_PER_PIXEL = 0.0005;

export interface Admitted {
  mime: string;
  size: number;
  /** Its modification time when admitted: a later read of the same file can be checked against it. */
  mtimeMs: number;
  /** Pixels its header declares (0 when only decoding tells: RAW, HEVC HEIF). */
  pixels: number;
  /** sharp reads it from its path itself: no need to hold the whole file (RAW and HEVC HEIF do need it). */
  streamable: boolean;
  /** The header claims far more pixels than the file can hold: decoded as far as it goes, with this note. */
  note: string | null;
}

/**
 * What a file is, from its first bytes and (for formats sharp reads itself) its header, before the
 * rest of it is read: a 600 MB non-image costs a few KB, a decompression bomb its header.
 */
export async function admitFile(path: string, limits: ProbeLimits & { maxFileBytes: number }): Promise<Admitted> {
  const { size, mtimeMs } = await stat(path);
  if (size === 0) throw new FileProblem('empty file (0 bytes)', null, 'empty');
  const mime = photoMime(await fileTypeFromFile(path));
  return (await admit(mime, { size, mtimeMs }, limits, () => sharp(path, { limitInputPixels: false }).metadata())).admitted;
}

/** What reading a file's type and header gave, for probeImage and decodeUpright not to read them again. */
export interface Header {
  mime: string;
  /** sharp's reading of the header (undefined for RAW and HEVC HEIF, which it does not read itself). */
  meta: Metadata | undefined;
}

/**
 * admitFile for a file already read whole, with the same checks and sentences: its type and header
 * come from the bytes, once, and are handed on (a small photo's three header reads and two type
 * sniffs were ~1.5 ms of its ~40). A video's bytes give its type only: its first look is findVideo's.
 */
export async function admitBytes(
  bytes: Buffer,
  mtimeMs: number,
  limits: ProbeLimits & { maxFileBytes: number },
): Promise<{ admitted: Admitted; header: Header } | { video: string }> {
  if (bytes.length === 0) throw new FileProblem('empty file (0 bytes)', null, 'empty');
  const type = await fileTypeFromBuffer(bytes);
  if (type && VIDEO_MIME.has(type.mime)) return { video: type.mime };
  const mime = photoMime(type);
  return admit(mime, { size: bytes.length, mtimeMs }, limits, () => sharp(bytes, { limitInputPixels: false }).metadata());
}

async function admit(
  mime: string,
  { size, mtimeMs }: { size: number; mtimeMs: number },
  limits: ProbeLimits & { maxFileBytes: number },
  readMeta: () => Promise<Metadata>,
): Promise<{ admitted: Admitted; header: Header }> {
  if (size > limits.maxFileBytes) {
    throw new FileProblem(`file is ${Math.round(size / 1048576)} MB, above the ${Math.round(limits.maxFileBytes / 1048576)} MB limit`, mime, 'too_large');
  }
  const streamable = readsItself(mime);
  if (!streamable) return { admitted: { mime, size, mtimeMs, pixels: 0, streamable, note: null }, header: { mime, meta: undefined } };
  let meta: Metadata;
  try {
    meta = await readMeta();
  } catch (err) {
    throw explainDecodeError(err, mime);
  }
  const { width, height } = meta;
  // No size: probeImage says so, as for any caller (and reads the header again to say it).
  if (!width || !height) return { admitted: { mime, size, mtimeMs, pixels: 0, streamable, note: null }, header: { mime, meta: undefined } };
  const pixels = width * (meta.pageHeight ?? height);
  checkPixels(width, height, pixels, limits, mime);
  const kind = formatOf(mime)?.label ?? mime;
  const note =
    size / pixels < MIN_BYTES_PER_PIXEL
      ? `damaged file: its header claims ${width}×${height} px, more than ${Math.max(1, Math.round(size / 1024))} KB of ${kind} can hold; decoded as far as it goes`
      : null;
  return { admitted: { mime, size, mtimeMs, pixels, streamable, note }, header: { mime, meta } };
}

/** The bytes of a photo, or its path when sharp and exifr read it from the file themselves. */
export type ImageSource = Buffer | string;

/**
 * Identify a file by its bytes and read its header, refusing what would be unsafe or impossible to
 * decode; `header` is what admitBytes already read from these very bytes.
 */
export async function probeImage(source: ImageSource, limits: ProbeLimits, header?: Header): Promise<Probe> {
  if (typeof source !== 'string' && source.length === 0) throw new FileProblem('empty file (0 bytes)', null, 'empty');
  const mime = header?.mime ?? photoMime(typeof source === 'string' ? await fileTypeFromFile(source) : await fileTypeFromBuffer(source));
  // RAW and HEVC HEIF are read from their bytes; admitFile never hands their paths on.
  const buf = typeof source === 'string' && !readsItself(mime) ? await readFile(source) : source;
  let meta: Metadata | undefined;
  let special;
  try {
    if (!isRawMime(mime)) meta = header?.meta ?? (await sharp(buf, { limitInputPixels: false }).metadata());
    special = typeof buf === 'string' ? null : await probeSpecial(buf, mime, meta);
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw explainDecodeError(err, mime);
  }
  const width = special?.width ?? meta?.width;
  const height = special ? special.height : meta?.height;
  if (!width || !height) throw new FileProblem(`corrupt ${mime}: no image size in its header`, mime);
  const pixels = width * (special ? height : (meta?.pageHeight ?? height));
  checkPixels(width, height, pixels, limits, mime);
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

async function readTakenAt(buf: ImageSource): Promise<number | null> {
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
