import { open, readdir, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { ScannedFile } from '../catalogue/asset.repository.ts';
import type { SkipReason } from '../../../shared/domain/skip-reason.ts';
import { IMAGE_EXTENSIONS, SIDECARS, SIDECAR_EXTENSIONS, VIDEO_EXTENSIONS, extensionOf, formatForExtension, formatOf } from './formats.ts';

const SNIFF_BYTES = 4100;
const STAT_PARALLEL = 32;

/** The longest path the OS opens (bytes, without the terminating NUL). */
export const MAX_PATH_BYTES = process.platform === 'win32' ? 259 : process.platform === 'darwin' ? 1023 : 4095;

/** A file the scan met and will not catalogue, and why. */
export interface ScanSkip {
  /** Absolute path for display: bytes that are not UTF-8 show as U+FFFD. */
  path: string;
  relPath: string;
  reason: SkipReason;
  detail: string;
}

export interface ScanOptions {
  /** Called with each batch of candidate files, so huge folders stream into the catalogue. */
  onBatch: (files: ScannedFile[]) => void | Promise<void>;
  /** Called with every file met that will not be catalogued. */
  onSkip?: (skips: ScanSkip[]) => void | Promise<void>;
  /** Called with each folder that could not be read: what the catalogue has under it is not known to be gone. */
  onUnreadableFolder?: (path: string) => void;
  batchSize?: number;
  shouldStop?: () => boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');
const SEP = Buffer.from(sep);

function decodeName(name: Buffer): string | null {
  try {
    return utf8.decode(name);
  } catch {
    return null;
  }
}

interface Dir {
  path: Buffer;
  /** Every name on the way is valid UTF-8, so the path can be stored as text. */
  valid: boolean;
}

/**
 * Walk a folder tree and sort what it holds: photo candidates (an image extension, or content that is a
 * supported image; content is checked later, so a mislabelled file is reported, not dropped) and
 * everything else with a reason. Names are read as bytes, so a name that is not UTF-8 is reported
 * instead of being mangled. Directory symlinks are not followed, which also rules out cycles.
 */
export async function scanFolder(root: string, opts: ScanOptions): Promise<number> {
  const batchSize = opts.batchSize ?? 500;
  let batch: ScannedFile[] = [];
  let skips: ScanSkip[] = [];
  let found = 0;
  const rootBytes = Buffer.from(root);
  const flush = async () => {
    if (skips.length > 0) {
      const s = skips;
      skips = [];
      await opts.onSkip?.(s);
    }
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    await opts.onBatch(b);
  };
  const skip = (path: Buffer, reason: SkipReason, detail: string) => {
    const shown = lossy.decode(path);
    skips.push({ path: shown, relPath: relativeTo(root, shown), reason, detail });
  };
  const stack: Dir[] = [{ path: rootBytes, valid: true }];
  while (stack.length > 0) {
    if (opts.shouldStop?.()) break;
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir.path, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      if (dir.path !== rootBytes) skip(dir.path, ...unreadableReason(err, 'folder'));
      opts.onUnreadableFolder?.(lossy.decode(dir.path));
      continue;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    const subdirs: Dir[] = [];
    const files: Array<{ full: Buffer; name: string; valid: boolean; isLink: boolean }> = [];
    for (const entry of entries) {
      const full = Buffer.concat([dir.path, SEP, entry.name]);
      const name = decodeName(entry.name);
      const valid = dir.valid && name !== null;
      if (full.length > MAX_PATH_BYTES) {
        skip(full, 'path_too_long', `${full.length} bytes, above this system's limit of ${MAX_PATH_BYTES}${entry.isDirectory() ? '; the folder was not read' : ''}`);
        continue;
      }
      if (entry.name[0] === 0x2e) {
        skip(full, 'hidden', entry.isDirectory() ? 'hidden folder, not searched' : 'hidden file');
        continue;
      }
      if (entry.isDirectory()) subdirs.push({ path: full, valid });
      else files.push({ full, name: name ?? lossy.decode(entry.name), valid, isLink: entry.isSymbolicLink() });
    }
    // Files are looked at a few dozen at a time: one stat after another is what makes a big rescan slow.
    for (let i = 0; i < files.length; i += STAT_PARALLEL) {
      const group = files.slice(i, i + STAT_PARALLEL);
      const outcomes = await Promise.all(group.map((f) => classify(f.full, f.isLink, f.name)));
      for (const [k, outcome] of outcomes.entries()) {
        const f = group[k]!;
        if (outcome.skip) skip(f.full, outcome.skip, outcome.detail);
        else if (!f.valid) skip(f.full, 'name_not_utf8', 'the name cannot be stored or shown faithfully; rename the file to import it');
        else {
          const path = f.full.toString('utf8');
          batch.push({ path, relPath: relativeTo(root, path), size: outcome.size, mtimeMs: outcome.mtimeMs });
          found++;
        }
      }
      if (batch.length + skips.length >= batchSize) await flush();
    }
    // Reversed onto the stack: folders are visited in name order, so imports are reproducible.
    stack.push(...subdirs.reverse());
  }
  await flush();
  return found;
}

type Classified = { skip: null; size: number; mtimeMs: number } | { skip: SkipReason; detail: string };

async function classify(path: Buffer, isLink: boolean, name: string): Promise<Classified> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if (isLink) return { skip: 'unreadable', detail: 'broken symbolic link' };
    const [reason, detail] = unreadableReason(err, 'file');
    return { skip: reason, detail };
  }
  if (info.isDirectory()) return { skip: 'not_regular_file', detail: 'symbolic link to a folder (not followed)' };
  if (!info.isFile()) return { skip: 'not_regular_file', detail: 'not a regular file (device, socket or pipe)' };
  const file = { skip: null, size: info.size, mtimeMs: Math.floor(info.mtimeMs) } as const;
  const ext = extensionOf(name);
  if (SIDECAR_EXTENSIONS.has(ext)) return { skip: 'sidecar', detail: SIDECARS.get(ext)! };
  if (IMAGE_EXTENSIONS.has(ext) || VIDEO_EXTENSIONS.has(ext)) return file;
  if (info.size === 0) return { skip: 'empty', detail: 'empty file (0 bytes)' };
  const mime = await sniff(path);
  const format = mime ? formatOf(mime) : formatForExtension(ext);
  if (!format) return { skip: 'not_media', detail: mime ? `the content is ${mime}` : 'the content matches no photo or video format' };
  if (format.kind === 'photo' || format.kind === 'raw' || format.kind === 'video') return mime ? file : { skip: 'not_media', detail: `named like ${format.label} but the content is not` };
  return { skip: 'unsupported_format', detail: format.label };
}

function unreadableReason(err: unknown, what: 'file' | 'folder'): [SkipReason, string] {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENAMETOOLONG') return ['path_too_long', `longer than this system allows; the ${what} cannot be opened`];
  if (code === 'ENOENT') return ['vanished', `the ${what} disappeared during the scan`];
  if (code === 'EACCES' || code === 'EPERM') return ['unreadable', `permission denied reading the ${what}`];
  return ['unreadable', `the ${what} cannot be read (${code ?? String(err)})`];
}

/** The type the first bytes reveal; SVG is text, which file-type does not look at. */
async function sniff(path: Buffer): Promise<string | null> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    const type = await fileTypeFromBuffer(head);
    if (type && type.mime !== 'application/xml') return type.mime;
    const svg = /^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/s.test(head.toString('latin1'));
    return svg ? 'image/svg+xml' : (type?.mime ?? null);
  } catch {
    return null;
  } finally {
    await fh?.close();
  }
}

function relativeTo(root: string, path: string): string {
  const rel = path.startsWith(root + sep) ? path.slice(root.length + 1) : path;
  return rel.split(sep).join('/');
}
