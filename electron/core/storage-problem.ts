import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KindredError } from '../../shared/errors.ts';

/**
 * A write to the data folder that failed for a reason outside any one photo: the disk is full, the
 * folder is read-only, the catalogue file was deleted, or the disk reports an I/O error. Kindred waits
 * these out instead of failing the work (an import resumes once the cause is gone) and says so in one
 * sentence; the raw SQLite or errno text stays in `detail`, for logs.
 */
export type StorageKind = 'full' | 'read_only' | 'gone' | 'io';

/** How the sentence ends: an import resumes by itself; anything else the user tries again. */
export type StorageContext = 'import' | 'operation';

const SQLITE_KIND: Array<[RegExp, StorageKind]> = [
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_READONLY_DBMOVED/, 'gone'],
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_CANTOPEN/, 'read_only'],
  [/^SQLITE_IOERR/, 'io'],
];

/** errno codes of a failed write (reads of the user's photos are classified per file elsewhere). */
const ERRNO_KIND: Record<string, StorageKind> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EFBIG: 'full',
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  EIO: 'io',
};

export class StorageProblem extends KindredError {
  readonly kind: StorageKind;
  readonly detail: string;
  readonly context: StorageContext;
  readonly where: string;

  constructor(kind: StorageKind, detail: string, context: StorageContext = 'operation', where = '') {
    super('io_error', storageMessage(kind, context, where));
    this.name = 'StorageProblem';
    this.kind = kind;
    this.detail = detail;
    this.context = context;
    this.where = where;
  }

  /** The same problem, worded for another context. */
  as(context: StorageContext, where = this.where): StorageProblem {
    return new StorageProblem(this.kind, this.detail, context, where);
  }
}

export function storageMessage(kind: StorageKind, context: StorageContext, where = ''): string {
  const then = context === 'import' ? 'import resumes' : 'try again';
  const at = where ? ` (${where})` : '';
  switch (kind) {
    case 'full':
      return `The disk holding the catalogue is full: free space and ${then}`;
    case 'read_only':
      return `The folder holding the catalogue is read-only${at}: make it writable and ${then}`;
    case 'gone':
      return `The catalogue file was deleted while Kindred was running${at}: Kindred keeps its open copy and writes it back as soon as it can; ${then}`;
    case 'io':
      return `The disk holding the catalogue reports an I/O error: check the disk and ${then}`;
  }
}

/** True for errno or SQLite codes that say the data folder cannot take a write right now. */
export function isStorageCode(code: unknown): boolean {
  return typeof code === 'string' && (code in ERRNO_KIND || SQLITE_KIND.some(([re]) => re.test(code)));
}

/**
 * The storage problem behind an error thrown by SQLite or a write to the data folder, or null for
 * anything else (a constraint, a bad photo, a bug). Only for errors of writes to the data folder: a
 * permission error reading one of the user's photos is that photo's problem, not the catalogue's.
 */
export function asStorageProblem(err: unknown, context: StorageContext = 'operation', where = ''): StorageProblem | null {
  if (err instanceof StorageProblem) return err.as(context, err.where || where);
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const detail = `${code}${typeof e?.message === 'string' ? `: ${e.message}` : ''}`;
  const sqlite = SQLITE_KIND.find(([re]) => re.test(code));
  if (sqlite) return new StorageProblem(sqlite[1], detail, context, where);
  const kind = ERRNO_KIND[code];
  return kind ? new StorageProblem(kind, detail, context, where) : null;
}

/** Below this much free space an I/O error is taken for a full disk. */
const NEARLY_FULL_BYTES = 4 * 1024 * 1024;

/**
 * SQLite reports some out-of-space failures as plain I/O errors (growing the WAL index, a sync), so an
 * I/O error on a disk with next to nothing free is called what it is.
 */
export function refineByFreeSpace(problem: StorageProblem, dir: string): StorageProblem {
  if (problem.kind !== 'io') return problem;
  try {
    const s = statfsSync(dir);
    if (s.bavail * s.bsize < NEARLY_FULL_BYTES) return new StorageProblem('full', problem.detail, problem.context, problem.where);
  } catch {
    // the folder itself may be what is gone; keep the I/O error
  }
  return problem;
}

/**
 * Why a folder cannot be written, if that is the reason (EROFS, EACCES, EPERM on the nearest folder
 * that exists), else null. For errors that do not say it themselves (SQLite's "unable to open").
 */
export function unwritableFolder(dir: string): StorageProblem | null {
  for (let d = dir; ; d = dirname(d)) {
    try {
      accessSync(d, constants.W_OK);
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return code && ERRNO_KIND[code] === 'read_only' ? new StorageProblem('read_only', String(code), 'operation', dir) : null;
    }
    if (dirname(d) === d) return null;
  }
}
