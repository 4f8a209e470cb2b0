// Odd files for tests and the odd-file bench, made with real tools (zlib, the filesystem): a big
// valid PNG written a row at a time, a JPEG whose header lies about its size, a sparse huge file.
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { createDeflate } from 'node:zlib';
import { withWorkerAllocator } from '../pipeline/allocator-env.ts';
import { chunk } from './fixtures.ts';

/**
 * A valid RGB PNG of width×height (a gradient), written row by row through a streaming deflate, so
 * making a 196-MP PNG takes a few MB, not 600.
 */
export async function bigPng(path: string, width: number, height: number): Promise<void> {
  const fd = openSync(path, 'w');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  writeSync(fd, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  writeSync(fd, chunk('IHDR', ihdr));
  const deflate = createDeflate({ level: 1 });
  deflate.on('data', (c: Buffer) => writeSync(fd, chunk('IDAT', c)));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const row = Buffer.alloc(1 + width * 3);
  for (let y = 0; y < height; y++) {
    row.fill(y % 251, 1);
    for (let x = 1; x < row.length; x += 997) row[x] = x % 256; // not one flat colour
    if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  writeSync(fd, chunk('IEND', Buffer.alloc(0)));
  closeSync(fd);
}

/** A real JPEG whose frame header (SOF) is rewritten to claim width×height. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9; ) {
    if (out[i] !== 0xff) break;
    const marker = out[i + 1]!;
    const len = out.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + len;
  }
  throw new Error('no frame header found');
}

/** A sparse file of `bytes` (no disk used; reading it returns zeros) under a photo's name. */
export function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.from('not a photo at all, whatever the name says\n'));
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

export interface ChildImport {
  state: string;
  wallMs: number;
  assets: Array<{ file_name: string; note: string | null; face_count: number; width: number | null; height: number | null }>;
  /** Near-duplicates catalogued in the stack of another photo (`shown_as`), which assets.list omits. */
  stacked: Array<{ file_name: string; shown_as: string }>;
  skipped: Array<{ path: string; error: string }>;
  maxRssKb: number;
}

/** Import `folder` into `dataDir` in a child process (import-child.ts) with `workers` workers. */
export function importInChild(dataDir: string, folder: string, workers: number): ChildImport {
  const child = spawnSync(process.execPath, [new URL('./import-child.ts', import.meta.url).pathname, dataDir, folder, String(workers)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: withWorkerAllocator(),
  });
  if (child.status !== 0) throw new Error(`the import failed (${child.status ?? child.signal}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildImport;
}
