import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** `count` photos spread evenly over the folders' files (sorted, so every run takes the same ones). */
export async function spreadSample(folders: string[], count: number): Promise<string[]> {
  const all: string[] = [];
  for (const folder of folders) {
    for (const e of await readdir(folder, { recursive: true, withFileTypes: true })) if (e.isFile() && /\.jpe?g$/i.test(e.name)) all.push(join(e.parentPath, e.name));
  }
  all.sort();
  const step = Math.max(1, all.length / count);
  return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!);
}
