import type { Db } from './database.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';

/** "Not this person": a cannot-link between a face and a person that no later run may violate. */
export class RejectionRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  add(faceId: FaceId, personId: PersonId, now = Date.now()): void {
    this.#db.prepare('INSERT OR IGNORE INTO face_rejections (face_id, person_id, created_at) VALUES (?, ?, ?)').run(faceId, personId, now);
  }

  remove(faceId: FaceId, personId: PersonId): void {
    this.#db.prepare('DELETE FROM face_rejections WHERE face_id = ? AND person_id = ?').run(faceId, personId);
  }

  has(faceId: FaceId, personId: PersonId): boolean {
    return this.#db.prepare('SELECT 1 FROM face_rejections WHERE face_id = ? AND person_id = ?').get(faceId, personId) !== undefined;
  }

  forFace(faceId: FaceId): PersonId[] {
    return this.#db.prepare('SELECT person_id FROM face_rejections WHERE face_id = ?').pluck().all(faceId) as PersonId[];
  }

  /** Every rejection in a library as face → rejected people. */
  forLibrary(libraryId: LibraryId): Map<FaceId, Set<PersonId>> {
    const rows = this.#db
      .prepare('SELECT r.face_id, r.person_id FROM face_rejections r JOIN faces f ON f.id = r.face_id WHERE f.library_id = ?')
      .raw()
      .all(libraryId) as Array<[FaceId, PersonId]>;
    const map = new Map<FaceId, Set<PersonId>>();
    for (const [face, person] of rows) {
      let set = map.get(face);
      if (!set) map.set(face, (set = new Set()));
      set.add(person);
    }
    return map;
  }

  /** Move rejections from one person to another (used when people are merged), returning what moved. */
  movePerson(from: PersonId, to: PersonId): FaceId[] {
    const faces = this.#db.prepare('SELECT face_id FROM face_rejections WHERE person_id = ?').pluck().all(from) as FaceId[];
    this.#db.prepare('INSERT OR IGNORE INTO face_rejections (face_id, person_id, created_at) SELECT face_id, ?, created_at FROM face_rejections WHERE person_id = ?').run(to, from);
    return faces;
  }
}
