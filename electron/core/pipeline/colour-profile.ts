import exifr from 'exifr';
import type { Metadata } from 'sharp';

/**
 * How a photo's colours reach sRGB. 'as-is': no profile, or an sRGB one, so the pixels already are
 * sRGB and an ICC transform would change nothing but cost the most expensive step of the decode
 * (a 12-MP transform is ~130 ms). 'after-resize': another RGB profile (Display P3, Adobe RGB),
 * applied to the working image, a quarter of the pixels or fewer. 'full': CMYK and the like, left to
 * the decoder's own path.
 */
export type ColourPath = 'as-is' | 'after-resize' | 'full';

/** sRGB's colourants adapted to D50, as every sRGB ICC profile states them (rXYZ, gXYZ, bXYZ). */
const SRGB_COLOURANTS = [
  [0.4361, 0.2225, 0.0139],
  [0.3851, 0.7169, 0.0971],
  [0.1431, 0.0606, 0.7141],
];
const COLOURANT_TOLERANCE = 0.003;

export async function colourPath(buf: Buffer | string, meta: Pick<Metadata, 'hasProfile' | 'space' | 'channels'>): Promise<ColourPath> {
  if (meta.space === 'cmyk') return 'full';
  if (!meta.hasProfile) return 'as-is';
  let icc: Record<string, unknown> | undefined;
  try {
    icc = (await exifr.parse(buf, { icc: true, tiff: false, exif: false, gps: false, xmp: false, iptc: false, jfif: false, ihdr: false })) as Record<string, unknown> | undefined;
  } catch {
    icc = undefined; // an unreadable profile: let the decoder's transform decide, as before
  }
  if (!icc || icc.ColorSpaceData !== 'RGB') return 'after-resize';
  return isSrgb(icc) ? 'as-is' : 'after-resize';
}

/** By name, or by colourants: profiles called "c2", "Camera RGB" and so on are often sRGB underneath. */
function isSrgb(icc: Record<string, unknown>): boolean {
  if (typeof icc.ProfileDescription === 'string' && /\bsRGB\b/i.test(icc.ProfileDescription)) return true;
  const columns = ['RedMatrixColumn', 'GreenMatrixColumn', 'BlueMatrixColumn'].map((k) => xyz(icc[k]));
  return columns.every((c, i) => c !== null && c.every((v, j) => Math.abs(v - SRGB_COLOURANTS[i]![j]!) <= COLOURANT_TOLERANCE));
}

/** An ICC XYZType: 'XYZ ', 4 reserved bytes, then three s15Fixed16 numbers. */
function xyz(tag: unknown): number[] | null {
  if (!(tag instanceof Uint8Array) || tag.length < 20) return null;
  const view = new DataView(tag.buffer, tag.byteOffset, tag.byteLength);
  if (view.getUint32(0) !== 0x58595a20) return null;
  return [8, 12, 16].map((o) => view.getInt32(o) / 65536);
}
