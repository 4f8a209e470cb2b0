import type { Db } from './database.ts';
import type { Merge } from '../../../shared/domain/merge.ts';
import type { FaceId, LibraryId, MergeId, PersonId } from '../../../shared/ids.ts';
import type { PersonPatch } from './person.repository.ts';
import { newId } from '../ids.ts';
import { iso, isoOrNull } from './time.ts';

/** Everything a merge changed, so that unmerge can put it back. */
export interface MergeSnapshot {
  /** The source person's own fields before it was folded into the target. */
  source: Required<Pick<PersonPatch, 'name' | 'birth_date' | 'is_hidden' | 'is_favorite' | 'thumbnail_face_id' | 'status' | 'source'>>;
  /** The target's fields before and after the merge; restored only if the user has not changed them since. */
  targetBefore: Required<Pick<PersonPatch, 'name' | 'birth_date' | 'status' | 'source'>>;
  targetAfter: Required<Pick<PersonPatch, 'name' | 'birth_date'>>;
  /** Faces that moved from source to target. */
  faceIds: FaceId[];
  /** Rejections (face, target) the merge added because the face had been rejected from the source. */
  addedRejections: FaceId[];
  /** Automatic faces of the target that the merge detached because they had been rejected from the source. */
  detachedFaceIds: FaceId[];
}

interface MergeRow {
  id: MergeId;
  library_id: LibraryId;
  target_person_id: PersonId;
  source_person_id: PersonId;
  snapshot: string;
  created_at: number;
  undone_at: number | null;
}

export interface StoredMerge extends Merge {
  library_id: LibraryId;
  snapshot: MergeSnapshot;
}

export class MergeRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  add(libraryId: LibraryId, target: PersonId, source: PersonId, snapshot: MergeSnapshot, now = Date.now()): MergeId {
    const id = newId('merge', now);
    this.#db
      .prepare('INSERT INTO merges (id, library_id, target_person_id, source_person_id, snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, libraryId, target, source, JSON.stringify(snapshot), now);
    return id;
  }

  get(id: MergeId): StoredMerge | undefined {
    const row = this.#db.prepare('SELECT * FROM merges WHERE id = ?').get(id) as MergeRow | undefined;
    return row && toMerge(row);
  }

  /** Merges into a person, newest first. */
  forTarget(person: PersonId): StoredMerge[] {
    return (this.#db.prepare('SELECT * FROM merges WHERE target_person_id = ? ORDER BY created_at DESC, id DESC').all(person) as MergeRow[]).map(toMerge);
  }

  markUndone(id: MergeId, now = Date.now()): void {
    this.#db.prepare('UPDATE merges SET undone_at = ? WHERE id = ?').run(now, id);
  }
}

function toMerge(r: MergeRow): StoredMerge {
  const snapshot = JSON.parse(r.snapshot) as MergeSnapshot;
  return {
    id: r.id,
    library_id: r.library_id,
    target_person_id: r.target_person_id,
    source_person_id: r.source_person_id,
    source_name: snapshot.source.name,
    face_count: snapshot.faceIds.length,
    created_at: iso(r.created_at),
    undone_at: isoOrNull(r.undone_at),
    snapshot,
  };
}
