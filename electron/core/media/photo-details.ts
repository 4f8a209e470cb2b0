import { open } from 'node:fs/promises';
import exifr from 'exifr';

export interface PhotoDetails {
  camera: string | null;
  lens: string | null;
  exposure: string | null;
  aperture: number | null;
  iso: number | null;
  focal_length: number | null;
}

const NONE: PhotoDetails = { camera: null, lens: null, exposure: null, aperture: null, iso: null, focal_length: null };
/** EXIF sits in the first segments of a file: reading this much is enough and keeps big files cheap. */
const HEAD_BYTES = 256 * 1024;

/** Camera, lens and exposure from the original's EXIF, opened read-only; a file that says nothing (or is gone) gives nulls. */
export async function readPhotoDetails(path: string): Promise<PhotoDetails> {
  let head: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buf, 0, HEAD_BYTES, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return NONE;
  }
  const t = (await exifr.parse(head, { pick: ['Make', 'Model', 'LensModel', 'ExposureTime', 'FNumber', 'ISO', 'FocalLength'] }).catch(() => null)) as Record<string, unknown> | null;
  if (!t) return NONE;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const make = text(t.Make);
  const model = text(t.Model);
  const exposure = num(t.ExposureTime);
  return {
    // "Canon Canon EOS 5D" reads badly: the model usually repeats the make.
    camera: model && make && !model.toLowerCase().startsWith(make.toLowerCase().split(' ')[0]!) ? `${make} ${model}` : (model ?? make),
    lens: text(t.LensModel),
    exposure: exposure === null ? null : exposure >= 1 ? `${exposure} s` : `1/${Math.round(1 / exposure)} s`,
    aperture: num(t.FNumber),
    iso: num(t.ISO),
    focal_length: num(t.FocalLength),
  };
}
