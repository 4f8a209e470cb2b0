import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { ScannedFile } from '../catalogue/asset.repository.ts';
import { MEDIA_EXTENSIONS, extensionOf, mediaKindOf } from './formats.ts';

const SNIFF_BYTES = 4100;

export interface ScanOptions {
  /** Called with each batch of candidate files, so huge folders stream into the catalogue. */
  onBatch: (files: ScannedFile[]) => void | Promise<void>;
  batchSize?: number;
  shouldStop?: () => boolean;
}

/**
 * Walk a folder tree and report photo and video candidates. A file is a candidate when its extension
 * says photo or video (its content is checked later, so a mislabelled file is reported, not silently
 * dropped) or when its first bytes are a supported photo or video. Hidden entries are skipped; directory symlinks are not followed,
 * which also rules out cycles.
 */
export async function scanFolder(root: string, opts: ScanOptions): Promise<number> {
  const batchSize = opts.batchSize ?? 500;
  let batch: ScannedFile[] = [];
  let found = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    await opts.onBatch(b);
  };
  const stack = [root];
  while (stack.length > 0) {
    if (opts.shouldStop?.()) break;
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable sub-folder: nothing to catalogue there
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        subdirs.push(full);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const file = await candidate(root, full, entry.name);
      if (!file) continue;
      batch.push(file);
      found++;
      if (batch.length >= batchSize) await flush();
    }
    // Reversed onto the stack: folders are visited in name order, so imports are reproducible.
    stack.push(...subdirs.reverse());
  }
  await flush();
  return found;
}

async function candidate(root: string, path: string, name: string): Promise<ScannedFile | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return undefined;
  }
  if (!info.isFile()) return undefined;
  const file = { path, relPath: relative(root, path).split(sep).join('/'), size: info.size, mtimeMs: Math.floor(info.mtimeMs) };
  if (MEDIA_EXTENSIONS.has(extensionOf(name))) return file;
  if (info.size === 0) return undefined;
  return (await sniffIsMedia(path)) ? file : undefined;
}

async function sniffIsMedia(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const type = await fileTypeFromBuffer(buf.subarray(0, bytesRead));
    return mediaKindOf(type?.mime) !== null;
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}
