import type { Db } from './database.ts';
import type { FaceId, PersonId } from '../../../shared/ids.ts';

/** face_api_user_data: the face API's free text on persons and on catalogued faces. */
export class FaceApiUserDataRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** userData by subject id; subjects without any are left out. */
  get(ids: ReadonlyArray<PersonId | FaceId>): Map<string, string> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const rows = this.#db
      .prepare('SELECT subject_id, user_data FROM face_api_user_data WHERE subject_id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(ids)) as Array<[string, string]>;
    for (const [id, data] of rows) out.set(id, data);
    return out;
  }

  set(id: PersonId | FaceId, userData: string | null): void {
    if (userData === null) {
      this.#db.prepare('DELETE FROM face_api_user_data WHERE subject_id = ?').run(id);
      return;
    }
    const person = id.startsWith('person_') ? id : null;
    const face = person ? null : id;
    this.#db
      .prepare(`INSERT INTO face_api_user_data (subject_id, person_id, face_id, user_data) VALUES (?, ?, ?, ?)
        ON CONFLICT (subject_id) DO UPDATE SET user_data = excluded.user_data`)
      .run(id, person, face, userData);
  }
}
