import type { Db } from './database.ts';
import type { FaceList, FaceListWithFaces, PersistedFace } from '../../../shared/domain/face-api.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { decodeInto, encodeEmbedding } from './embedding.codec.ts';
import { iso } from './time.ts';

interface FaceListRow {
  id: string;
  name: string;
  user_data: string | null;
  library_id: LibraryId | null;
  face_count: number;
  created_at: number;
  updated_at: number;
}

interface PersistedFaceRow {
  id: string;
  user_data: string | null;
  source_face_id: string | null;
  created_at: number;
}

export interface NewPersistedFace {
  id: string;
  faceListId: string;
  sourceFaceId: string | null;
  userData: string | null;
  embedding: Float32Array;
  embedder: string;
}

/** A face list's persisted faces packed row-major, for find-similar. */
export interface PersistedEmbeddings {
  ids: string[];
  dim: number;
  vectors: Float32Array;
}

const SELECT = `SELECT l.id, l.name, l.user_data, l.library_id, l.created_at, l.updated_at,
  (SELECT COUNT(*) FROM face_list_faces f WHERE f.face_list_id = l.id) AS face_count FROM face_lists l`;

/** Saved face lists (the cloud API's face lists) and their persisted faces. */
export class FaceListRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  create(l: { id: string; name: string; userData: string | null; libraryId: LibraryId | null }, now = Date.now()): void {
    this.#db
      .prepare('INSERT INTO face_lists (id, name, user_data, library_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(l.id, l.name, l.userData, l.libraryId, now, now);
  }

  get(id: string): FaceList | undefined {
    const row = this.#db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as FaceListRow | undefined;
    return row && toFaceList(row);
  }

  withFaces(id: string): FaceListWithFaces | undefined {
    const list = this.get(id);
    if (!list) return undefined;
    const rows = this.#db
      .prepare('SELECT id, user_data, source_face_id, created_at FROM face_list_faces WHERE face_list_id = ? ORDER BY created_at, rowid')
      .all(id) as PersistedFaceRow[];
    return { ...list, faces: rows.map(toPersistedFace) };
  }

  /** Every list, or those bound to one library. */
  list(libraryId?: LibraryId): FaceList[] {
    const rows = (libraryId
      ? this.#db.prepare(`${SELECT} WHERE l.library_id = ? ORDER BY l.id`).all(libraryId)
      : this.#db.prepare(`${SELECT} ORDER BY l.id`).all()) as FaceListRow[];
    return rows.map(toFaceList);
  }

  update(id: string, patch: { name?: string; userData?: string | null }, now = Date.now()): void {
    if (patch.name !== undefined) this.#db.prepare('UPDATE face_lists SET name = ?, updated_at = ? WHERE id = ?').run(patch.name, now, id);
    if (patch.userData !== undefined) this.#db.prepare('UPDATE face_lists SET user_data = ?, updated_at = ? WHERE id = ?').run(patch.userData, now, id);
  }

  delete(id: string): boolean {
    return this.#db.prepare('DELETE FROM face_lists WHERE id = ?').run(id).changes > 0;
  }

  addFace(f: NewPersistedFace, now = Date.now()): void {
    this.#db
      .prepare('INSERT INTO face_list_faces (id, face_list_id, source_face_id, user_data, embedding, embedder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(f.id, f.faceListId, f.sourceFaceId, f.userData, encodeEmbedding(f.embedding), f.embedder, now);
    this.#db.prepare('UPDATE face_lists SET updated_at = ? WHERE id = ?').run(now, f.faceListId);
  }

  removeFace(faceListId: string, persistedFaceId: string, now = Date.now()): boolean {
    const gone = this.#db.prepare('DELETE FROM face_list_faces WHERE face_list_id = ? AND id = ?').run(faceListId, persistedFaceId).changes > 0;
    if (gone) this.#db.prepare('UPDATE face_lists SET updated_at = ? WHERE id = ?').run(now, faceListId);
    return gone;
  }

  setFaceUserData(faceListId: string, persistedFaceId: string, userData: string | null, now = Date.now()): boolean {
    const changed = this.#db.prepare('UPDATE face_list_faces SET user_data = ? WHERE face_list_id = ? AND id = ?').run(userData, faceListId, persistedFaceId).changes > 0;
    if (changed) this.#db.prepare('UPDATE face_lists SET updated_at = ? WHERE id = ?').run(now, faceListId);
    return changed;
  }

  /** Add a face unless the list already holds `limit`; count and insert share a transaction, so two adds cannot both take the last place. */
  addFaceWithin(limit: number, f: NewPersistedFace, now = Date.now()): boolean {
    return this.#db.transaction(() => {
      const count = this.#db.prepare('SELECT COUNT(*) FROM face_list_faces WHERE face_list_id = ?').pluck().get(f.faceListId) as number;
      if (count >= limit) return false;
      this.addFace(f, now);
      return true;
    })();
  }

  embeddings(faceListId: string, dim: number): PersistedEmbeddings {
    const rows = this.#db
      .prepare('SELECT id, embedding FROM face_list_faces WHERE face_list_id = ? ORDER BY created_at, rowid')
      .raw()
      .all(faceListId) as Array<[string, Buffer]>;
    const out: PersistedEmbeddings = { ids: [], dim, vectors: new Float32Array(rows.length * dim) };
    rows.forEach(([id, blob], i) => {
      out.ids.push(id);
      decodeInto(blob, out.vectors, i, dim);
    });
    return out;
  }
}

function toFaceList(r: FaceListRow): FaceList {
  return {
    id: r.id,
    name: r.name,
    user_data: r.user_data,
    library_id: r.library_id,
    face_count: r.face_count,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

function toPersistedFace(r: PersistedFaceRow): PersistedFace {
  return { persisted_face_id: r.id, user_data: r.user_data, source_face_id: r.source_face_id as PersistedFace['source_face_id'], created_at: iso(r.created_at) };
}
