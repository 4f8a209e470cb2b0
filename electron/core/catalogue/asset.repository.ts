import { preparedOnce, type Db } from './database.ts';
import type { Asset, AssetStatus, SkippedFile } from '../../../shared/domain/asset.ts';
import type { AssetId, FolderId, LibraryId, PersonId } from '../../../shared/ids.ts';
import type { SkipCounts, SkipReason } from '../../../shared/domain/skip-reason.ts';
import { newId } from '../ids.ts';
import { iso, isoOrNull } from './time.ts';
import { settle, unknownCursor, type Cursor, type CursorPage } from './cursor.ts';

export interface ScannedFile {
  path: string;
  relPath: string;
  size: number;
  mtimeMs: number;
}

export interface AnalyzedMeta {
  contentHash: string;
  mime: string | null;
  width: number | null;
  height: number | null;
  orientation: number | null;
  takenAt: number | null;
  /** Perceptual hash (16 hex digits) of the upright image, for near-duplicate stacks. */
  phash?: string | null;
  /** Catalogued despite a problem (a damaged file): one sentence, or null. */
  note?: string | null;
}

export interface AssetProblem {
  path: string;
  status: 'error' | 'duplicate';
  error: string | null;
  reason: SkipReason;
  duplicate_of_path: string | null;
}

export interface PendingAsset {
  id: AssetId;
  library_id: LibraryId;
  path: string;
  rel_path: string;
}

interface AssetRow {
  id: AssetId;
  library_id: LibraryId;
  folder_id: FolderId;
  rel_path: string;
  mime: string | null;
  size: number;
  width: number | null;
  height: number | null;
  orientation: number | null;
  taken_at: number | null;
  duration_ms: number | null;
  fps: number | null;
  frame_count: number | null;
  motion_asset_id: AssetId | null;
  status: AssetStatus;
  error: string | null;
  note: string | null;
  face_count: number;
  created_at: number;
  presence: Asset['presence'];
  stack_size: number;
  mtime_ms: number;
  analyzed_at: number | null;
  is_hidden: 0 | 1;
}

const COLUMNS = `a.id, a.library_id, a.folder_id, a.rel_path, a.mime, a.size, a.width, a.height, a.orientation,
  a.taken_at, a.duration_ms, a.fps, a.frame_count, a.motion_asset_id, a.status, a.error, a.note, a.face_count, a.created_at, a.presence,
  a.hidden_at IS NOT NULL AS is_hidden,
  CASE WHEN a.stack_id IS NULL THEN 1 ELSE (SELECT COUNT(*) FROM assets s WHERE s.stack_id = a.stack_id) END AS stack_size,
  a.mtime_ms, a.analyzed_at`;

export interface AssetFilter {
  libraryId?: LibraryId | undefined;
  personIds?: PersonId[] | undefined;
  status: AssetStatus;
  /** The hidden photos instead of the others. */
  hidden?: boolean | undefined;
}

export class AssetRepository {
  readonly #db: Db;
  readonly #once: ReturnType<typeof preparedOnce>;
  constructor(db: Db) {
    this.#db = db;
    this.#once = preparedOnce(db);
  }

  /**
   * Record scanned files as pending. Unchanged files that were catalogued stay as they are; changed files
   * and files that failed before are queued again. Returns how many rows were queued.
   */
  upsertScanned(libraryId: LibraryId, folderId: FolderId, files: ScannedFile[], now = Date.now()): number {
    // A file seen again is present again; it is analysed again only if it changed or failed before.
    const stmt = this.#db.prepare(`
      INSERT INTO assets (id, library_id, folder_id, path, rel_path, size, mtime_ms, status, created_at)
      VALUES (@id, @libraryId, @folderId, @path, @relPath, @size, @mtimeMs, 'pending', @now)
      ON CONFLICT (library_id, path) DO UPDATE SET
        status = CASE WHEN assets.size != excluded.size OR assets.mtime_ms != excluded.mtime_ms OR assets.status = 'error'
          THEN 'pending' ELSE assets.status END,
        error = CASE WHEN assets.size != excluded.size OR assets.mtime_ms != excluded.mtime_ms OR assets.status = 'error'
          THEN NULL ELSE assets.error END,
        size = excluded.size, mtime_ms = excluded.mtime_ms, presence = 'present', missing_since = NULL
      WHERE assets.size != excluded.size OR assets.mtime_ms != excluded.mtime_ms OR assets.status = 'error' OR assets.presence != 'present'`);
    let queued = 0;
    this.#db.transaction(() => {
      for (const f of files) {
        queued += stmt.run({ id: newId('asset', now), libraryId, folderId, path: f.path, relPath: f.relPath, size: f.size, mtimeMs: f.mtimeMs, now }).changes;
      }
    })();
    return queued;
  }

  /** Where a pending row's file is, to move a catalogued asset there. */
  pendingRow(id: AssetId): { path: string; relPath: string; folderId: FolderId; size: number; mtimeMs: number } | undefined {
    return this.#db
      .prepare(`SELECT path, rel_path AS relPath, folder_id AS folderId, size, mtime_ms AS mtimeMs FROM assets WHERE id = ? AND status = 'pending'`)
      .get(id) as { path: string; relPath: string; folderId: FolderId; size: number; mtimeMs: number } | undefined;
  }

  pending(folderIds: FolderId[]): PendingAsset[] {
    if (folderIds.length === 0) return [];
    return this.#db
      .prepare(`SELECT id, library_id, path, rel_path FROM assets WHERE status = 'pending' AND folder_id IN (${marks(folderIds.length)}) ORDER BY rowid`)
      .all(...folderIds) as PendingAsset[];
  }

  countInFolders(folderIds: FolderId[]): Record<AssetStatus, number> {
    const counts: Record<AssetStatus, number> = { pending: 0, done: 0, error: 0, duplicate: 0 };
    if (folderIds.length === 0) return counts;
    const rows = this.#db
      .prepare(`SELECT status, COUNT(*) AS n FROM assets WHERE folder_id IN (${marks(folderIds.length)}) GROUP BY status`)
      .all(...folderIds) as Array<{ status: AssetStatus; n: number }>;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  findDoneByHash(libraryId: LibraryId, hash: string): AssetId | undefined {
    return this.#once(`SELECT id FROM assets WHERE library_id = ? AND content_hash = ? AND status = 'done' LIMIT 1`)
      .pluck()
      .get(libraryId, hash) as AssetId | undefined;
  }

  markDone(id: AssetId, meta: AnalyzedMeta, faceCount: number, now = Date.now()): void {
    this.#once(`UPDATE assets SET status = 'done', error = NULL, content_hash = @contentHash, mime = @mime, width = @width,
        height = @height, orientation = @orientation, taken_at = @takenAt, sort_at = COALESCE(@takenAt, mtime_ms),
        note = @note, face_count = @faceCount, analyzed_at = @now, phash = @phash WHERE id = @id`)
      .run({ id, ...meta, note: meta.note ?? null, phash: meta.phash ?? null, faceCount, now });
  }

  /** Perceptual hashes of a library's catalogued photos, with their stacks. */
  hashes(libraryId: LibraryId): Array<{ id: AssetId; phash: string; width: number; height: number; stack_id: AssetId | null }> {
    return this.#db
      .prepare(`SELECT id, phash, width, height, stack_id FROM assets WHERE library_id = ? AND status = 'done' AND phash IS NOT NULL AND width > 0 AND height > 0`)
      .all(libraryId) as Array<{ id: AssetId; phash: string; width: number; height: number; stack_id: AssetId | null }>;
  }

  /** Put photos in the stack `stackId` stands for (null: out of any stack). */
  setStack(ids: AssetId[], stackId: AssetId | null): void {
    const stmt = this.#db.prepare('UPDATE assets SET stack_id = ? WHERE id = ?');
    for (const id of ids) stmt.run(stackId, id);
  }

  stackMembers(stackId: AssetId): AssetId[] {
    return this.#db.prepare('SELECT id FROM assets WHERE stack_id = ?').pluck().all(stackId) as AssetId[];
  }

  markDuplicate(id: AssetId, originalId: AssetId, meta: AnalyzedMeta, now = Date.now()): void {
    this.#db
      .prepare(`UPDATE assets SET status = 'duplicate', duplicate_of = @originalId, error = NULL, content_hash = @contentHash,
        mime = @mime, width = @width, height = @height, orientation = @orientation, taken_at = @takenAt, face_count = 0,
        analyzed_at = @now WHERE id = @id`)
      .run({ id, originalId, ...meta, now });
  }

  markError(id: AssetId, error: string, mime: string | null, reason: SkipReason = 'corrupt', now = Date.now()): void {
    this.#db
      .prepare(`UPDATE assets SET status = 'error', error = ?, skip_reason = ?, mime = ?, face_count = 0, analyzed_at = ? WHERE id = ?`)
      .run(error, reason, mime, now, id);
  }

  /** Files an import had to drop: still pending ones are not "skipped", they are just not done yet. */
  dropPending(folderIds: FolderId[]): number {
    if (folderIds.length === 0) return 0;
    return this.#db.prepare(`DELETE FROM assets WHERE status = 'pending' AND folder_id IN (${marks(folderIds.length)})`).run(...folderIds).changes;
  }

  /** A video's timeline facts, kept beside its photo-like ones. */
  setTimeline(id: AssetId, t: { durationMs: number; fps: number; frameCount: number }): void {
    this.#db.prepare('UPDATE assets SET duration_ms = ?, fps = ?, frame_count = ? WHERE id = ?').run(t.durationMs, t.fps, t.frameCount, id);
  }

  refreshFaceCount(id: AssetId): void {
    this.#db.prepare('UPDATE assets SET face_count = (SELECT COUNT(*) FROM faces WHERE asset_id = ?) WHERE id = ?').run(id, id);
  }

  get(id: AssetId): Asset | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM assets a WHERE a.id = ?`).get(id) as AssetRow | undefined;
    return row && toAsset(row);
  }

  path(id: AssetId): string | undefined {
    return this.#db.prepare('SELECT path FROM assets WHERE id = ?').pluck().get(id) as string | undefined;
  }

  /** Newest first (date taken, else file time), by offset or after/before an asset of the list. */
  list(filter: AssetFilter, offset: number, limit: number, cursor: Cursor<AssetId> = {}): CursorPage<Asset> {
    const paging = { offset, limit, ...cursor };
    const { where, params } = assetWhere(filter);
    const total = this.#db.prepare(`SELECT COUNT(*) FROM assets a WHERE ${where}`).pluck().get(...params) as number;
    const at = paging.afterId ?? paging.beforeId;
    if (at === undefined) {
      const rows = this.#db
        .prepare(`SELECT ${COLUMNS} FROM assets a WHERE ${where} ORDER BY a.sort_at DESC, a.id DESC LIMIT ? OFFSET ?`)
        .all(...params, paging.limit, paging.offset) as AssetRow[];
      return settle(rows.map(toAsset), paging, total);
    }
    const key = this.#db.prepare('SELECT sort_at, id FROM assets WHERE id = ?').raw().get(at) as [number, AssetId] | undefined;
    if (!key) throw unknownCursor('asset', cursor);
    const back = paging.beforeId !== undefined;
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS} FROM assets a WHERE ${where} AND (a.sort_at, a.id) ${back ? '>' : '<'} (?, ?)
        ORDER BY a.sort_at ${back ? 'ASC' : 'DESC'}, a.id ${back ? 'ASC' : 'DESC'} LIMIT ?`)
      .all(...params, ...key, paging.limit + 1) as AssetRow[];
    return settle(rows.map(toAsset), paging, total);
  }

  /**
   * Photos per local day for a filter, newest day first; the days' counts add up to list()'s total.
   * SQLite counts per quarter-hour (an index scan; every time zone is a whole number of quarter-hours
   * from UTC) and the days are made here in local time: strftime(…, 'localtime') per row is ten times slower.
   */
  timeline(filter: AssetFilter): { days: Array<{ day: string; count: number }>; total: number } {
    const { where, params } = assetWhere(filter);
    const quarters = this.#db
      .prepare(`SELECT a.sort_at / ${QUARTER_HOUR} AS q, COUNT(*) AS n FROM assets a WHERE ${where} GROUP BY q ORDER BY q DESC`)
      .raw()
      .all(...params) as Array<[number, number]>;
    const days: Array<{ day: string; count: number }> = [];
    let total = 0;
    for (const [q, n] of quarters) {
      const day = localDay(q * QUARTER_HOUR);
      const last = days.at(-1);
      if (last?.day === day) last.count += n;
      else days.push({ day, count: n });
      total += n;
    }
    return { days, total };
  }

  /** Where an asset sits in list()'s order for a filter, and who is before and after it. */
  around(id: AssetId, filter: AssetFilter): { index: number; total: number; previous: AssetId | null; next: AssetId | null } | undefined {
    const sortAt = this.#db.prepare('SELECT sort_at FROM assets WHERE id = ?').pluck().get(id) as number | undefined;
    if (sortAt === undefined) return undefined;
    const { where, params } = assetWhere(filter);
    const before = `(a.sort_at > ? OR (a.sort_at = ? AND a.id > ?))`;
    const after = `(a.sort_at < ? OR (a.sort_at = ? AND a.id < ?))`;
    const at = [sortAt, sortAt, id];
    const index = this.#db.prepare(`SELECT COUNT(*) FROM assets a WHERE ${where} AND ${before}`).pluck().get(...params, ...at) as number;
    const total = this.#db.prepare(`SELECT COUNT(*) FROM assets a WHERE ${where}`).pluck().get(...params) as number;
    const previous = this.#db.prepare(`SELECT a.id FROM assets a WHERE ${where} AND ${before} ORDER BY a.sort_at ASC, a.id ASC LIMIT 1`).pluck().get(...params, ...at) as AssetId | undefined;
    const next = this.#db.prepare(`SELECT a.id FROM assets a WHERE ${where} AND ${after} ORDER BY a.sort_at DESC, a.id DESC LIMIT 1`).pluck().get(...params, ...at) as AssetId | undefined;
    return { index, total, previous: previous ?? null, next: next ?? null };
  }

  /**
   * Hide photos (or show them again): returns the ids whose state changed, so an undo puts back
   * exactly those. A stack is hidden or shown whole, as the grid shows it as one photo.
   */
  setHidden(ids: readonly AssetId[], hidden: boolean, now = Date.now()): { changed: AssetId[]; libraries: LibraryId[] } {
    const changed: AssetId[] = [];
    const libraries = new Set<LibraryId>();
    const members = this.#db.prepare(`SELECT s.id, s.library_id FROM assets a JOIN assets s ON s.id = a.id OR (a.stack_id IS NOT NULL AND s.stack_id = a.stack_id)
      WHERE a.id = ? AND (s.hidden_at IS NULL) = ?`);
    const set = this.#db.prepare('UPDATE assets SET hidden_at = ? WHERE id = ?');
    this.#db.transaction(() => {
      for (const id of new Set(ids)) {
        for (const m of members.all(id, hidden ? 1 : 0) as Array<{ id: AssetId; library_id: LibraryId }>) {
          set.run(hidden ? now : null, m.id);
          if (m.id === id) changed.push(id);
          libraries.add(m.library_id);
        }
      }
    })();
    return { changed, libraries: [...libraries] };
  }

  /** Which of these ids are catalogued assets. */
  existing(ids: readonly AssetId[]): Set<AssetId> {
    if (ids.length === 0) return new Set();
    return new Set(this.#db.prepare(`SELECT id FROM assets WHERE id IN (${marks(ids.length)})`).pluck().all(...ids) as AssetId[]);
  }

  /** The time an asset sorts by (taken, else file time), epoch ms. */
  sortAt(id: AssetId): number | undefined {
    return this.#db.prepare('SELECT sort_at FROM assets WHERE id = ?').pluck().get(id) as number | undefined;
  }

  /** Everything an import did not catalogue: files it could not decode and files the scan set aside. */
  skipped(libraryId: LibraryId | undefined, offset: number, limit: number): { items: SkippedFile[]; total: number; by_reason: SkipCounts } {
    const lib = libraryId ? 'AND library_id = ?' : '';
    const union = `SELECT id AS asset_id, rel_path, error, COALESCE(skip_reason, 'corrupt') AS reason FROM assets WHERE status = 'error' ${lib}
      UNION ALL SELECT NULL, s.rel_path, s.detail, s.reason FROM scan_skips s JOIN folders f ON f.id = s.folder_id ${libraryId ? 'WHERE f.library_id = ?' : ''}`;
    const params = libraryId ? [libraryId, libraryId] : [];
    const counts = this.#db.prepare(`SELECT reason, COUNT(*) AS n FROM (${union}) GROUP BY reason`).all(...params) as Array<{ reason: SkipReason; n: number }>;
    const total = counts.reduce((sum, c) => sum + c.n, 0);
    const rows = this.#db.prepare(`SELECT * FROM (${union}) ORDER BY rel_path LIMIT ? OFFSET ?`).all(...params, limit, offset) as Array<{
      asset_id: AssetId | null;
      rel_path: string;
      error: string | null;
      reason: SkipReason;
    }>;
    return {
      items: rows.map((r) => ({ asset_id: r.asset_id, file_name: baseName(r.rel_path), relative_path: r.rel_path, error: r.error ?? 'unknown error', reason: r.reason })),
      total,
      by_reason: Object.fromEntries(counts.map((c) => [c.reason, c.n])),
    };
  }

  /** Errors and duplicates of the given folders, with absolute paths, for trusted hosts. */
  problems(folderIds: FolderId[]): AssetProblem[] {
    if (folderIds.length === 0) return [];
    return this.#db
      .prepare(`SELECT a.path, a.status, a.error, COALESCE(a.skip_reason, 'corrupt') AS reason, d.path AS duplicate_of_path
        FROM assets a LEFT JOIN assets d ON d.id = a.duplicate_of
        WHERE a.folder_id IN (${marks(folderIds.length)}) AND a.status IN ('error', 'duplicate') ORDER BY a.path`)
      .all(...folderIds) as AssetProblem[];
  }

  /** Ids of analysed assets: the ones whose thumbnails and previews belong in the cache. */
  doneIds(): Set<AssetId> {
    return new Set(this.#db.prepare(`SELECT id FROM assets WHERE status = 'done'`).pluck().all() as AssetId[]);
  }
}

function assetWhere(filter: AssetFilter): { where: string; params: unknown[] } {
  // The grid: files on disk (or on a disk not mounted), one photo per stack of near-duplicates.
  const clauses = ['a.status = ?', `a.presence != 'missing'`, '(a.stack_id IS NULL OR a.stack_id = a.id)', filter.hidden ? 'a.hidden_at IS NOT NULL' : 'a.hidden_at IS NULL'];
  const params: unknown[] = [filter.status];
  if (filter.libraryId) {
    clauses.push('a.library_id = ?');
    params.push(filter.libraryId);
  }
  const people = [...new Set(filter.personIds ?? [])];
  if (people.length > 0) {
    clauses.push(`a.id IN (SELECT f.asset_id FROM faces f WHERE f.person_id IN (${marks(people.length)})
      GROUP BY f.asset_id HAVING COUNT(DISTINCT f.person_id) = ?)`);
    params.push(...people, people.length);
  }
  return { where: clauses.join(' AND '), params };
}

export const marks = (n: number): string => new Array(n).fill('?').join(', ');

const QUARTER_HOUR = 900_000;
const pad = (n: number): string => String(n).padStart(2, '0');
/** YYYY-MM-DD of an epoch time in this machine's time zone (the one the app shows dates in). */
const localDay = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function toAsset(r: AssetRow): Asset {
  return {
    id: r.id,
    library_id: r.library_id,
    folder_id: r.folder_id,
    file_name: baseName(r.rel_path),
    mime: r.mime,
    size: r.size,
    width: r.width,
    height: r.height,
    orientation: r.orientation,
    taken_at: isoOrNull(r.taken_at),
    duration_ms: r.duration_ms,
    fps: r.fps,
    frame_count: r.frame_count,
    motion_asset_id: r.motion_asset_id,
    status: r.status,
    error: r.error,
    face_count: r.face_count,
    note: r.note,
    created_at: iso(r.created_at),
    file_modified_at: iso(r.mtime_ms),
    updated_at: iso(Math.max(r.created_at, r.analyzed_at ?? 0)),
    presence: r.presence,
    stack_size: r.stack_size,
    is_hidden: r.is_hidden === 1,
  };
}
