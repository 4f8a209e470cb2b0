// A data folder on a disk that runs out of space on demand, for the full-disk tests. As root (CI) it is
// a real tmpfs of a few MB, filled with a ballast file; elsewhere the catalogue is capped with SQLite's
// max_page_count and the cache refuses writes, which exercises the same paths one level up.
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type Database from 'better-sqlite3';

export interface SmallDisk {
  /** 'tmpfs': a real small disk; 'limits': max_page_count plus a cache folder that refuses writes. */
  readonly kind: 'tmpfs' | 'limits';
  /** Where the data folder goes (it does not exist yet). */
  readonly dataDir: string;
  /** Take all but `leave` bytes of the disk. With 'limits': cap the catalogue and close the cache. */
  fill(leave: number, db?: Database.Database): void;
  /** Give the space back. */
  free(db?: Database.Database): void;
}

/** KINDRED_SMALL_DISK=limits forces the fallback (to check it where tmpfs would work). */
const isRoot = (): boolean => process.getuid?.() === 0 && process.env.KINDRED_SMALL_DISK !== 'limits';

function tryMount(dir: string, size: string): boolean {
  if (!isRoot()) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

/** A small disk of `size` (tmpfs syntax: '8m'), unmounted when the test file ends. */
export function smallDisk(size = '8m'): SmallDisk {
  const root = mkdtempSync(join(tmpdir(), 'kindred-disk-'));
  const mountPoint = join(root, 'disk');
  mkdirSync(mountPoint);
  const dataDir = join(mountPoint, 'data');
  const ballast = join(mountPoint, 'ballast');
  if (tryMount(mountPoint, size)) {
    after(() => {
      spawnSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    });
    return {
      kind: 'tmpfs',
      dataDir,
      fill(leave) {
        rmSync(ballast, { force: true });
        const { bavail, bsize } = statfsSync(mountPoint);
        const fd = openSync(ballast, 'w');
        const chunk = Buffer.alloc(64 * 1024, 1);
        try {
          for (let left = bavail * bsize - leave; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, left));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        } finally {
          closeSync(fd);
        }
      },
      free() {
        rmSync(ballast, { force: true });
      },
    };
  }
  after(() => {
    chmodTree(dataDir, 0o755);
    rmSync(root, { recursive: true, force: true });
  });
  let pages = 0;
  const cacheDirs = ['cache', 'cache/thumbs', 'cache/faces'].map((d) => join(dataDir, d));
  return {
    kind: 'limits',
    dataDir,
    fill(_leave, db) {
      if (!db) throw new Error('the limits fallback needs the catalogue connection');
      pages = db.pragma('max_page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      for (const d of cacheDirs) {
        mkdirSync(d, { recursive: true });
        chmodSync(d, 0o555);
      }
    },
    free(db) {
      if (db && pages) db.pragma(`max_page_count = ${pages}`);
      chmodTree(dataDir, 0o755);
    },
  };
}

function chmodTree(dir: string, mode: number): void {
  try {
    chmodSync(dir, mode);
  } catch {
    return;
  }
  for (const d of ['cache', 'cache/thumbs', 'cache/faces']) {
    try {
      chmodSync(join(dir, d), mode);
    } catch {
      // not made yet
    }
  }
}
