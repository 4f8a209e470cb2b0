import type { Db } from './database.ts';
import type { FolderId } from '../../../shared/ids.ts';
import type { SkipReason } from '../../../shared/domain/skip-reason.ts';
import { marks } from './asset.repository.ts';

export interface ScanSkipRow {
  path: string;
  rel_path: string;
  reason: SkipReason;
  detail: string;
}

/** Files a scan met and did not catalogue; each scan of a folder replaces that folder's list. */
export class ScanSkipRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  clear(folderId: FolderId): void {
    this.#db.prepare('DELETE FROM scan_skips WHERE folder_id = ?').run(folderId);
  }

  add(folderId: FolderId, skips: Array<{ path: string; relPath: string; reason: SkipReason; detail: string }>, now = Date.now()): void {
    const stmt = this.#db.prepare('INSERT INTO scan_skips (folder_id, path, rel_path, reason, detail, seen_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.#db.transaction(() => {
      for (const s of skips) stmt.run(folderId, s.path, s.relPath, s.reason, s.detail, now);
    })();
  }

  list(folderIds: FolderId[], offset = 0, limit = -1): ScanSkipRow[] {
    if (folderIds.length === 0) return [];
    return this.#db
      .prepare(`SELECT path, rel_path, reason, detail FROM scan_skips WHERE folder_id IN (${marks(folderIds.length)}) ORDER BY rel_path LIMIT ? OFFSET ?`)
      .all(...folderIds, limit, offset) as ScanSkipRow[];
  }

  count(folderIds: FolderId[]): number {
    if (folderIds.length === 0) return 0;
    return this.#db.prepare(`SELECT COUNT(*) FROM scan_skips WHERE folder_id IN (${marks(folderIds.length)})`).pluck().get(...folderIds) as number;
  }
}
