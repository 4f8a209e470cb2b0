import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** The shared data beside the repo: real photos for real tests. */
export const SHARED_DATA = new URL('../../../../shared/data/', import.meta.url).pathname;
export const FACES_DEV = join(SHARED_DATA, 'faces-dev');
export const DETECT_DEV = join(SHARED_DATA, 'detect-dev');

/** A few identities from faces-dev with at least `min` photos each, by name. */
export function identitiesWith(min: number, count: number): Array<{ name: string; files: string[] }> {
  const out: Array<{ name: string; files: string[] }> = [];
  for (const name of readdirSync(FACES_DEV).sort()) {
    if (!/^[A-Z]/.test(name)) continue;
    const files = readdirSync(join(FACES_DEV, name)).filter((f) => f.endsWith('.jpg')).sort().map((f) => join(FACES_DEV, name, f));
    if (files.length >= min) out.push({ name, files });
    if (out.length === count) break;
  }
  return out;
}

export function copyInto(dir: string, files: string[]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const to = join(dir, f.slice(f.lastIndexOf('/') + 1));
    copyFileSync(f, to);
    return to;
  });
}

/** One PNG chunk: length, type, data, CRC. */
export function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A tiny PNG whose header claims a huge image: what a decompression bomb looks like to a decoder. */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + width); // filter byte + zero pixels: compresses to almost nothing
  const idat = deflateSync(Buffer.concat(Array.from({ length: 16 }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** The first part of a real JPEG: a photo cut off mid-download. */
export function truncated(file: string, fraction = 0.5): Buffer {
  const bytes = readFileSync(file);
  return bytes.subarray(0, Math.floor(bytes.length * fraction));
}

export function write(path: string, bytes: Buffer | string): string {
  writeFileSync(path, bytes);
  return path;
}
