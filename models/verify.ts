import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ModelEntry } from './manifest.ts';

export const NOT_PRESENT = 'not found';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Why `path` cannot be a copy of a `size`-byte file (absent, not a file, wrong size), or null. */
export async function sizeProblem(path: string, size: number): Promise<string | null> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return 'not a regular file';
    return st.size === size ? null : `size ${st.size} bytes, expected ${size}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return NOT_PRESENT;
    return `cannot read: ${(e as Error).message}`;
  }
}

/** Why the file at `path` is not a good copy of `model`, or null if it is. Size first: a stat is cheaper than a hash. */
export async function checkFile(path: string, model: Pick<ModelEntry, 'sha256' | 'size'>): Promise<string | null> {
  const bad = await sizeProblem(path, model.size);
  if (bad) return bad;
  let got: string;
  try {
    got = await sha256File(path);
  } catch (e) {
    return `cannot read: ${(e as Error).message}`;
  }
  return got === model.sha256 ? null : `sha256 mismatch: expected ${model.sha256}, got ${got}`;
}
