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

  /** A person's rejections with when they were made, newest first. */
  listForPerson(personId: PersonId): Array<{ face_id: FaceId; created_at: number }> {
    return this.#db
      .prepare('SELECT face_id, created_at FROM face_rejections WHERE person_id = ? ORDER BY created_at DESC, face_id DESC')
      .all(personId) as Array<{ face_id: FaceId; created_at: number }>;
  }

  /** Faces rejected from a person. */
  forPerson(personId: PersonId): FaceId[] {
    return this.#db.prepare('SELECT face_id FROM face_rejections WHERE person_id = ?').pluck().all(personId) as FaceId[];
  }

  /** Copy a person's rejections to another (a merge), returning the faces whose rejection is new there. */
  copyPerson(from: PersonId, to: PersonId, now = Date.now()): FaceId[] {
    const added: FaceId[] = [];
    const insert = this.#db.prepare('INSERT OR IGNORE INTO face_rejections (face_id, person_id, created_at) VALUES (?, ?, ?)');
    for (const face of this.forPerson(from)) if (insert.run(face, to, now).changes > 0) added.push(face);
    return added;
  }
}
