import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './database.ts';

const PARTIAL = '.partial-';

/**
 * A consistent copy of the open catalogue at `dest`: SQLite's online backup (better-sqlite3's
 * db.backup, which restarts a step when a write lands meanwhile, so the copy is one moment of the
 * catalogue) into a temp file beside it, synced, then renamed over it, so a crash at any moment
 * leaves the previous backup (or none) and never half of one. Temp files of backups that were killed
 * are removed first.
 */
export async function backupCatalogue(db: Db, dest: string): Promise<{ path: string; bytes: number }> {
  const dir = dirname(dest);
  const prefix = `${basename(dest)}${PARTIAL}`;
  for (const name of readdirSync(dir)) if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
  const tmp = join(dir, `${prefix}${process.pid}`);
  try {
    await db.backup(tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, dest);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return { path: dest, bytes: statSync(dest).size };
}
