import type { Db } from './database.ts';
import type { OperationState } from '../../../shared/domain/face-api-groups.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { iso } from './time.ts';

interface Row {
  id: string;
  status: OperationState['status'];
  library_id: LibraryId | null;
  created_at: number;
  last_action_at: number;
  resource_location: string | null;
  message: string | null;
}

export type OperationRecord = OperationState & { library_id: LibraryId | null };

/** face_api_operations: snapshot take and apply operations and how they went. */
export class FaceApiOperationRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  start(id: string, libraryId: LibraryId | null, now = Date.now()): void {
    this.#db
      .prepare(`INSERT INTO face_api_operations (id, status, library_id, created_at, last_action_at) VALUES (?, 'running', ?, ?, ?)`)
      .run(id, libraryId, now, now);
  }

  finish(id: string, outcome: { resourceLocation: string } | { error: string }, now = Date.now()): void {
    const ok = 'resourceLocation' in outcome;
    this.#db
      .prepare('UPDATE face_api_operations SET status = ?, last_action_at = ?, resource_location = ?, message = ? WHERE id = ?')
      .run(ok ? 'succeeded' : 'failed', now, ok ? outcome.resourceLocation : null, ok ? null : outcome.error, id);
  }

  get(id: string): OperationRecord | undefined {
    const r = this.#db.prepare('SELECT * FROM face_api_operations WHERE id = ?').get(id) as Row | undefined;
    return r && { id: r.id, status: r.status, library_id: r.library_id, created_at: iso(r.created_at), last_action_at: iso(r.last_action_at), resource_location: r.resource_location, message: r.message };
  }
}
