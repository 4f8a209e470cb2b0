import type { Db } from './database.ts';
import type { Snapshot, SnapshotType } from '../../../shared/domain/face-api-groups.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { iso } from './time.ts';

interface Row {
  id: string;
  type: SnapshotType;
  source_id: string;
  apply_scope: string;
  user_data: string | null;
  library_id: LibraryId | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export type SnapshotRecord = Snapshot & { library_id: LibraryId | null };

const toSnapshot = (r: Row): SnapshotRecord => ({
  id: r.id,
  type: r.type,
  source_id: r.source_id,
  apply_scope: JSON.parse(r.apply_scope) as string[],
  user_data: r.user_data,
  library_id: r.library_id,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
  expires_at: iso(r.expires_at),
});

/** face_api_snapshots: snapshots taken, until they expire (their data is a file beside the catalogue). */
export class FaceApiSnapshotRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insert(s: { id: string; type: SnapshotType; sourceId: string; applyScope: string[]; userData: string | null; libraryId: LibraryId | null; expiresAt: number }, now = Date.now()): void {
    this.#db
      .prepare(`INSERT INTO face_api_snapshots (id, type, source_id, apply_scope, user_data, library_id, created_at, updated_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(s.id, s.type, s.sourceId, JSON.stringify(s.applyScope), s.userData, s.libraryId, now, now, s.expiresAt);
  }

  get(id: string): SnapshotRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM face_api_snapshots WHERE id = ?').get(id) as Row | undefined;
    return row && toSnapshot(row);
  }

  list(): SnapshotRecord[] {
    return (this.#db.prepare('SELECT * FROM face_api_snapshots ORDER BY created_at, id').all() as Row[]).map(toSnapshot);
  }

  update(id: string, patch: { applyScope?: string[]; userData?: string | null }, now = Date.now()): void {
    if (patch.applyScope !== undefined) this.#db.prepare('UPDATE face_api_snapshots SET apply_scope = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(patch.applyScope), now, id);
    if (patch.userData !== undefined) this.#db.prepare('UPDATE face_api_snapshots SET user_data = ?, updated_at = ? WHERE id = ?').run(patch.userData, now, id);
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM face_api_snapshots WHERE id = ?').run(id);
  }

  /** Ids of snapshots past their expiry (their files are removed by the caller). */
  expired(now = Date.now()): string[] {
    return this.#db.prepare('SELECT id FROM face_api_snapshots WHERE expires_at <= ?').pluck().all(now) as string[];
  }
}
