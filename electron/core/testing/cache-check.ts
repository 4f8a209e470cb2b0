// The cache against the catalogue, checked independently of the code under test (plain SQL and a
// walk of the folder): every face has its crop, every analysed photo its thumbnail, and no file is
// left that nothing owns.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.ts';

export interface CacheProblems {
  /** Files no face or analysed photo owns (relative to the cache folder). */
  orphans: string[];
  /** Faces without a crop, analysed photos without a thumbnail. */
  missing: string[];
  /** Half-written temp files. */
  partial: string[];
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function cacheProblems(catalogue: Catalogue, cacheDir: string): CacheProblems {
  const expected = new Map<string, string>();
  for (const id of catalogue.db.prepare('SELECT id FROM faces').pluck().all() as string[]) expected.set(join('faces', id.slice(-2), `${id}-face.jpg`), `crop of ${id}`);
  for (const id of catalogue.db.prepare(`SELECT id FROM assets WHERE status = 'done'`).pluck().all() as string[]) {
    expected.set(join('thumbs', id.slice(-2), `${id}-thumb.jpg`), `thumbnail of ${id}`);
  }
  const found = new Set<string>();
  const out: CacheProblems = { orphans: [], missing: [], partial: [] };
  for (const file of walk(cacheDir)) {
    const rel = relative(cacheDir, file);
    if (rel.endsWith('.tmp')) out.partial.push(rel);
    else if (expected.has(rel)) found.add(rel);
    else if (/^(faces|thumbs)\//.test(rel)) out.orphans.push(rel);
  }
  for (const [rel, what] of expected) if (!found.has(rel)) out.missing.push(what);
  return out;
}
