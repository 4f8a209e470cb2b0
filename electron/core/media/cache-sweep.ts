import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.ts';

export interface SweepResult {
  removed: number;
  /** By what the file was: 'faces', 'thumbs', 'previews', 'full', 'identities', 'partial'. */
  byKind: Record<string, number>;
}

/** Cache folders of files named `<id>-<role>.jpg`, and which catalogue ids own them. */
const ROLES: Array<{ dir: string; owners: (c: Catalogue) => ReadonlySet<string> }> = [
  { dir: 'faces', owners: (c) => c.faces.ids() },
  { dir: 'thumbs', owners: (c) => c.assets.doneIds() },
  { dir: 'previews', owners: (c) => c.assets.doneIds() },
  { dir: 'full', owners: (c) => c.assets.doneIds() },
];

/**
 * Removes derived files no catalogue row owns: the crops and thumbnails of photos whose import was
 * killed before it wrote them down, crops of faces deleted or replaced, profile folders of people who
 * are gone, and half-written temp files. Run at start-up, before any import resumes. Files changed
 * since `since` (ms) are left alone: they belong to work of this process that is about to be written.
 */
export async function sweepCache(catalogue: Catalogue, cacheDir: string, since = Date.now()): Promise<SweepResult> {
  const result: SweepResult = { removed: 0, byKind: {} };
  const drop = async (file: string, kind: string): Promise<void> => {
    try {
      if ((await stat(file)).mtimeMs >= since) return;
      await rm(file, { force: true });
      result.removed++;
      result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
    } catch {
      // gone already, or not ours to remove: the next sweep looks again
    }
  };
  for (const role of ROLES) {
    const owners = role.owners(catalogue);
    for (const shard of await list(join(cacheDir, role.dir))) {
      for (const name of await list(join(cacheDir, role.dir, shard))) {
        const file = join(cacheDir, role.dir, shard, name);
        if (name.endsWith('.tmp')) await drop(file, 'partial');
        else if (!owners.has(name.slice(0, name.lastIndexOf('-')))) await drop(file, role.dir);
      }
    }
  }
  const people: ReadonlySet<string> = catalogue.people.ids();
  for (const id of await list(join(cacheDir, 'identities'))) {
    const dir = join(cacheDir, 'identities', id);
    const owned = people.has(id);
    for (const name of await list(dir)) {
      if (name.endsWith('.tmp')) await drop(join(dir, name), 'partial');
      else if (!owned) await drop(join(dir, name), 'identities');
    }
    if (!owned) await rmdir(dir).catch(() => {}); // only once empty: a fresh file keeps it
  }
  return result;
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
