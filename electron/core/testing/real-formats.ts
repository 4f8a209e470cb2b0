import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * Test inputs made by real tools from Debian (installed by .ci/run): HEIC by libheif's heif-enc (x265),
 * DNG by HDRMerge (a real DNG writer, with its own full-size preview), metadata by exiftool, JPEG 2000
 * by OpenJPEG. Nothing here writes a file format by hand.
 */

function run(tool: string, args: string[], pkg: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: apt-get install ${pkg} (.ci/run installs it)`);
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/** One HEIC from one or more JPEGs (the first is the primary image), encoded with HEVC by heif-enc. */
export function heifEnc(jpegs: string[], out: string, quality = 80): string {
  run('heif-enc', ['-q', String(quality), ...jpegs, '-o', out], 'libheif-examples');
  return out;
}

export function exiftool(args: string[]): string {
  return run('exiftool', args, 'libimage-exiftool-perl');
}

/** A JPEG 2000 file, by OpenJPEG's encoder. */
export async function jpeg2000(photo: string, out: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-j2k-'));
  try {
    const ppm = join(dir, 'in.ppm');
    const { data, info } = await sharp(photo).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
    run('opj_compress', ['-i', ppm, '-o', out], 'libopenjp2-tools');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** LibRaw knows a headerless 1600×1200 8-bit RGGB sensor dump by its size (the AVT F-201C). */
const SENSOR = { width: 1600, height: 1200 };
/** Clockwise turn from the upright photo to what the sensor holds, per Exif orientation (rotations only). */
const STORED_TURN: Record<number, number> = { 1: 0, 3: 180, 6: 270, 8: 90 };

/**
 * A DNG written by HDRMerge from a real photo: the photo is laid out as a Bayer sensor would record it
 * (RGGB), LibRaw reads that, and HDRMerge writes a DNG 1.4 with the raw data and, unless told
 * otherwise, a full-size JPEG preview it renders itself. HDRMerge merges brackets, so it gets two
 * identical exposures. With an orientation the sensor holds the photo turned, as a camera held on its
 * side records it, and exiftool sets the Orientation in IFD0 that turns it upright again.
 */
export async function dngFrom(photo: string, out: string, opts: { preview?: 'full' | 'half' | 'none'; orientation?: number } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-dng-'));
  try {
    const { width, height } = SENSOR;
    const { data } = await sharp(await sharp(photo).rotate(STORED_TURN[opts.orientation ?? 1] ?? 0).toBuffer())
      .resize(width, height, { fit: 'cover' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const mosaic = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const channel = (y & 1) === 0 ? ((x & 1) === 0 ? 0 : 1) : (x & 1) === 0 ? 1 : 2;
        mosaic[y * width + x] = data[(y * width + x) * 3 + channel]!;
      }
    }
    const a = join(dir, 'a.raw');
    const b = join(dir, 'b.raw');
    writeFileSync(a, mosaic);
    copyFileSync(a, b);
    const env = { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: dir };
    run('hdrmerge', ['--no-align', '--no-crop', '-p', opts.preview ?? 'full', '-o', out, a, b], 'hdrmerge', env);
    if (opts.orientation && opts.orientation !== 1) exiftool(['-q', '-overwrite_original', `-IFD0:Orientation#=${opts.orientation}`, out]);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
