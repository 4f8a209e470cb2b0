import type { Db } from './database.ts';
import type { AssetId, FolderId, LibraryId } from '../../../shared/ids.ts';
import type { AssetStatus } from '../../../shared/domain/asset.ts';
import { marks } from './asset.repository.ts';
import { KindredError } from '../../../shared/errors.ts';

export type Presence = 'present' | 'missing' | 'offline';

export interface KnownFile {
  id: AssetId;
  path: string;
  size: number;
  status: AssetStatus;
  presence: Presence;
  content_hash: string | null;
}

export interface MissingAsset {
  id: AssetId;
  library_id: LibraryId;
  rel_path: string;
  folder_path: string;
  content_hash: string | null;
  size: number;
  missing_since: number;
  face_count: number;
}

/**
 * Whether each asset's file is on disk (the assets table's presence column). A file that went away is
 * "missing": it keeps its faces and every decision on them until the user purges it or it turns up
 * again (moved, renamed, relinked). A file on a disk that is not mounted is "offline": nothing changes.
 */
export class AssetPresenceRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Every asset of these folders, as the last scan left it. */
  inFolders(folderIds: FolderId[]): KnownFile[] {
    if (folderIds.length === 0) return [];
    return this.#db
      .prepare(`SELECT id, path, size, status, presence, content_hash FROM assets WHERE folder_id IN (${marks(folderIds.length)})`)
      .all(...folderIds) as KnownFile[];
  }

  setFolderPresence(folderId: FolderId, from: Presence[], to: Presence, now = Date.now()): number {
    return this.#db
      .prepare(`UPDATE assets SET presence = ?, missing_since = CASE WHEN ? = 'missing' THEN ? ELSE NULL END
        WHERE folder_id = ? AND presence IN (${marks(from.length)})`)
      .run(to, to, now, folderId, ...from).changes;
  }

  markMissing(ids: AssetId[], now = Date.now()): void {
    const stmt = this.#db.prepare(`UPDATE assets SET presence = 'missing', missing_since = COALESCE(missing_since, ?) WHERE id = ?`);
    for (const id of ids) stmt.run(now, id);
  }

  /** Rows that were never catalogued (pending, failed, duplicates): nothing to keep when their file goes. */
  deleteRows(ids: AssetId[]): void {
    const stmt = this.#db.prepare('DELETE FROM assets WHERE id = ?');
    for (const id of ids) stmt.run(id);
  }

  /** Catalogued assets whose file is gone (or just went), by size: the ones a new file may be. */
  relinkCandidates(libraryId: LibraryId, sizes: number[]): Map<number, Array<{ id: AssetId; content_hash: string }>> {
    const out = new Map<number, Array<{ id: AssetId; content_hash: string }>>();
    if (sizes.length === 0) return out;
    const rows = this.#db
      .prepare(`SELECT id, size, content_hash FROM assets WHERE library_id = ? AND status = 'done' AND presence != 'present'
        AND content_hash IS NOT NULL AND size IN (SELECT value FROM json_each(?))`)
      .all(libraryId, JSON.stringify([...new Set(sizes)])) as Array<{ id: AssetId; size: number; content_hash: string }>;
    for (const r of rows) out.set(r.size, [...(out.get(r.size) ?? []), { id: r.id, content_hash: r.content_hash }]);
    return out;
  }

  /** The asset is the same photo at a new place: it keeps its id, faces and decisions. */
  relink(id: AssetId, to: { path: string; relPath: string; folderId: FolderId; size: number; mtimeMs: number }): void {
    this.#db
      .prepare(`UPDATE assets SET path = ?, rel_path = ?, folder_id = ?, size = ?, mtime_ms = ?, presence = 'present', missing_since = NULL WHERE id = ?`)
      .run(to.path, to.relPath, to.folderId, to.size, to.mtimeMs, id);
  }

  missing(libraryId: LibraryId | undefined, offset: number, limit: number): { items: MissingAsset[]; total: number } {
    const where = `a.presence = 'missing'${libraryId ? ' AND a.library_id = ?' : ''}`;
    const params = libraryId ? [libraryId] : [];
    const total = this.#db.prepare(`SELECT COUNT(*) FROM assets a WHERE ${where}`).pluck().get(...params) as number;
    const items = this.#db
      .prepare(`SELECT a.id, a.library_id, a.rel_path, f.path AS folder_path, a.content_hash, a.size, a.missing_since, a.face_count
        FROM assets a JOIN folders f ON f.id = a.folder_id WHERE ${where} ORDER BY a.missing_since DESC, a.rel_path LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as MissingAsset[];
    return { items, total };
  }

  contentHash(id: AssetId): string | null {
    return (this.#db.prepare('SELECT content_hash FROM assets WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
  }

  /** Make room at a path for a relinked asset: a row there that was never catalogued goes. */
  clearPath(libraryId: LibraryId, path: string): void {
    const row = this.#db.prepare('SELECT id, status FROM assets WHERE library_id = ? AND path = ?').get(libraryId, path) as { id: AssetId; status: AssetStatus } | undefined;
    if (!row) return;
    if (row.status === 'done') throw new KindredError('conflict', `${path} is already catalogued as another photo.`);
    this.deleteRows([row.id]);
  }

  missingIds(libraryId: LibraryId | undefined): AssetId[] {
    return this.#db
      .prepare(`SELECT id FROM assets WHERE presence = 'missing'${libraryId ? ' AND library_id = ?' : ''}`)
      .pluck()
      .all(...(libraryId ? [libraryId] : [])) as AssetId[];
  }

  /** Remove missing assets for good; returns the face ids that went with them (their crops can go too). */
  purge(ids: AssetId[]): { assets: AssetId[]; faces: string[] } {
    const isMissing = this.#db.prepare(`SELECT 1 FROM assets WHERE id = ? AND presence = 'missing'`);
    const faces = this.#db.prepare('SELECT id FROM faces WHERE asset_id = ?').pluck();
    const del = this.#db.prepare('DELETE FROM assets WHERE id = ?');
    const out = { assets: [] as AssetId[], faces: [] as string[] };
    for (const id of ids) {
      if (!isMissing.get(id)) continue;
      out.faces.push(...(faces.all(id) as string[]));
      del.run(id);
      out.assets.push(id);
    }
    return out;
  }
}
