import type { Db } from './database.ts';
import type { PersonFace } from '../../../shared/domain/face-api-groups.ts';
import type { LibraryId, PersonId } from '../../../shared/ids.ts';
import { decodeInto, encodeEmbedding } from './embedding.codec.ts';
import { iso } from './time.ts';

export interface NewPersonFace {
  id: string;
  personId: PersonId;
  libraryId: LibraryId;
  userData: string | null;
  box: { x: number; y: number; w: number; h: number };
  imageHash: string;
  embedding: Float32Array;
  embedder: string;
}

interface Row {
  id: string;
  person_id: PersonId;
  user_data: string | null;
  created_at: number;
}

const toFace = (r: Row): PersonFace => ({ persisted_face_id: r.id, person_id: r.person_id, user_data: r.user_data, created_at: iso(r.created_at) });

/** People the person lives on in: itself and everyone merged into it, however deep. */
const LINEAGE = `WITH RECURSIVE lineage(id) AS (SELECT ? UNION SELECT p.id FROM people p JOIN lineage l ON p.merged_into = l.id)`;

/**
 * person_faces: faces a client added to a person from uploaded bytes (the cloud API's persisted faces
 * of persons). Only the embedding is kept. A person merged into another lends its faces to the
 * merged person while the merge stands.
 */
export class PersonFaceRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insert(f: NewPersonFace, now = Date.now()): void {
    this.#db
      .prepare(`INSERT INTO person_faces (id, person_id, library_id, user_data, x, y, w, h, image_hash, embedding, embedder, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(f.id, f.personId, f.libraryId, f.userData, f.box.x, f.box.y, f.box.w, f.box.h, f.imageHash, encodeEmbedding(f.embedding), f.embedder, now);
  }

  /** The person's own faces, oldest first. */
  list(personId: PersonId): PersonFace[] {
    return (this.#db.prepare('SELECT id, person_id, user_data, created_at FROM person_faces WHERE person_id = ? ORDER BY created_at, id').all(personId) as Row[]).map(toFace);
  }

  get(id: string): PersonFace | undefined {
    const row = this.#db.prepare('SELECT id, person_id, user_data, created_at FROM person_faces WHERE id = ?').get(id) as Row | undefined;
    return row && toFace(row);
  }

  setUserData(id: string, userData: string | null): void {
    this.#db.prepare('UPDATE person_faces SET user_data = ? WHERE id = ?').run(userData, id);
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM person_faces WHERE id = ?').run(id);
  }

  /** The embeddings a person's model includes (its own faces and those of people merged into it), packed row-major. */
  embeddings(personId: PersonId, dim: number): { ids: string[]; vectors: Float32Array } {
    const rows = this.#db
      .prepare(`${LINEAGE} SELECT f.id, f.embedding FROM person_faces f WHERE f.person_id IN (SELECT id FROM lineage) ORDER BY f.id`)
      .raw()
      .all(personId) as Array<[string, Buffer]>;
    const vectors = new Float32Array(rows.length * dim);
    rows.forEach(([, blob], i) => decodeInto(blob, vectors, i, dim));
    return { ids: rows.map(([id]) => id), vectors };
  }

  /** The live people of a library that have faces here (merged people's faces count for their heir). */
  peopleWithFaces(libraryId: LibraryId): PersonId[] {
    return this.#db
      .prepare(`WITH RECURSIVE heir(id, live) AS (
          SELECT p.id, p.id FROM people p WHERE p.library_id = ? AND p.merged_into IS NULL
          UNION SELECT p.id, h.live FROM people p JOIN heir h ON p.merged_into = h.id)
        SELECT DISTINCT h.live FROM person_faces f JOIN heir h ON h.id = f.person_id`)
      .pluck()
      .all(libraryId) as PersonId[];
  }
}
