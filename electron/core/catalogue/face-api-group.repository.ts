import type { Db } from './database.ts';
import type { LibraryId } from '../../../shared/ids.ts';

export interface GroupRow {
  id: string;
  library_id: LibraryId;
  name: string;
  user_data: string | null;
  made_by_api: number;
  created_at: number;
  updated_at: number;
}

/** face_api_groups: the ids, names and userData the face API keeps for libraries. */
export class FaceApiGroupRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  byId(id: string): GroupRow | undefined {
    return this.#db.prepare('SELECT * FROM face_api_groups WHERE id = ?').get(id) as GroupRow | undefined;
  }

  byLibrary(libraryId: LibraryId): GroupRow | undefined {
    return this.#db.prepare('SELECT * FROM face_api_groups WHERE library_id = ?').get(libraryId) as GroupRow | undefined;
  }

  all(): GroupRow[] {
    return this.#db.prepare('SELECT * FROM face_api_groups').all() as GroupRow[];
  }

  insert(g: { id: string; libraryId: LibraryId; name: string; userData: string | null; madeByApi: boolean }, now = Date.now()): void {
    this.#db
      .prepare('INSERT INTO face_api_groups (id, library_id, name, user_data, made_by_api, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(g.id, g.libraryId, g.name, g.userData, g.madeByApi ? 1 : 0, now, now);
  }

  update(id: string, patch: { name?: string; userData?: string | null }, now = Date.now()): void {
    if (patch.name !== undefined) this.#db.prepare('UPDATE face_api_groups SET name = ?, updated_at = ? WHERE id = ?').run(patch.name, now, id);
    if (patch.userData !== undefined) this.#db.prepare('UPDATE face_api_groups SET user_data = ?, updated_at = ? WHERE id = ?').run(patch.userData, now, id);
  }
}
