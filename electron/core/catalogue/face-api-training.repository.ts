import type { Db } from './database.ts';
import type { TrainingState } from '../../../shared/domain/face-api-groups.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { iso, isoOrNull } from './time.ts';

interface Row {
  status: 'running' | 'succeeded' | 'failed';
  created_at: number;
  last_action_at: number;
  last_success_at: number | null;
  message: string | null;
}

/** face_api_trainings: the last training of each library's person models. */
export class FaceApiTrainingRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  get(libraryId: LibraryId): TrainingState | undefined {
    const r = this.#db.prepare('SELECT status, created_at, last_action_at, last_success_at, message FROM face_api_trainings WHERE library_id = ?').get(libraryId) as Row | undefined;
    return r && { status: r.status, created_at: iso(r.created_at), last_action_at: iso(r.last_action_at), last_success_at: isoOrNull(r.last_success_at), message: r.message };
  }

  start(libraryId: LibraryId, now = Date.now()): void {
    this.#db
      .prepare(`INSERT INTO face_api_trainings (library_id, status, created_at, last_action_at) VALUES (?, 'running', ?, ?)
        ON CONFLICT (library_id) DO UPDATE SET status = 'running', last_action_at = excluded.last_action_at, message = NULL`)
      .run(libraryId, now, now);
  }

  finish(libraryId: LibraryId, error: string | null, now = Date.now()): void {
    this.#db
      .prepare(`UPDATE face_api_trainings SET status = ?, last_action_at = ?, message = ?,
        last_success_at = CASE WHEN ? IS NULL THEN ? ELSE last_success_at END WHERE library_id = ?`)
      .run(error === null ? 'succeeded' : 'failed', now, error, error, now, libraryId);
  }
}
