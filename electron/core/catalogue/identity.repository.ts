import type { Db } from './database.ts';
import type { IdentityExtras, PersonFile, ProfileMime } from '../../../shared/domain/identity.ts';
import type { AssetId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { exactLike } from './unicode-like.ts';
import { isoOrNull } from './time.ts';

interface IdentityRow {
  identity_type: 'people' | null;
  external_uuid: string | null;
  tmdb_id: number | null;
  metadata: string;
  profile_mime: ProfileMime | null;
  reference_source: IdentityExtras['reference_source'];
  reference_status: IdentityExtras['reference_status'];
}

/** Fields of an identity to change; undefined leaves a field as it is. */
export interface IdentityPatch {
  identity_type?: 'people' | null;
  external_uuid?: string | null;
  tmdb_id?: number | null;
  metadata?: Record<string, unknown>;
  profile_mime?: ProfileMime | null;
  reference_source?: IdentityExtras['reference_source'];
  reference_status?: IdentityExtras['reference_status'];
}

interface FileRow {
  asset_id: AssetId;
  rel_path: string;
  face_count: number;
  best_confidence: number | null;
  first_ms: number | null;
  last_ms: number | null;
  taken_at: number | null;
  duration_ms: number | null;
  fps: number | null;
}

const NO_IDENTITY: IdentityRow = { identity_type: null, external_uuid: null, tmdb_id: null, metadata: '{}', profile_mime: null, reference_source: null, reference_status: null };
const LIVE = 'p.merged_into IS NULL AND p.library_id = ?';

/** The person_identities table: what the identity API adds to a person. */
export class IdentityRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Stored extras, or the defaults for a person nothing was uploaded for. */
  get(personId: PersonId): Omit<IdentityExtras, 'has_profile_image'> {
    const row = (this.#db
      .prepare('SELECT identity_type, external_uuid, tmdb_id, metadata, profile_mime, reference_source, reference_status FROM person_identities WHERE person_id = ?')
      .get(personId) as IdentityRow | undefined) ?? NO_IDENTITY;
    return { ...row, metadata: JSON.parse(row.metadata) as Record<string, unknown> };
  }

  save(personId: PersonId, patch: IdentityPatch, now = Date.now()): void {
    this.#db.prepare('INSERT OR IGNORE INTO person_identities (person_id, updated_at) VALUES (?, ?)').run(personId, now);
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      sets.push(`${key} = ?`);
      params.push(key === 'metadata' ? JSON.stringify(value) : value);
    }
    this.#db.prepare(`UPDATE person_identities SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE person_id = ?`).run(...params, now, personId);
  }

  /** The live person of a library an earlier upload with this identity_uuid went to. */
  byExternalUuid(libraryId: LibraryId, uuid: string): PersonId | undefined {
    return this.#db
      .prepare(`SELECT p.id FROM person_identities i JOIN people p ON p.id = i.person_id
        WHERE i.external_uuid = ? AND ${LIVE} ORDER BY p.created_at, p.id LIMIT 1`)
      .pluck()
      .get(uuid, libraryId) as PersonId | undefined;
  }

  /** The live people an external uuid was uploaded for, case aside (hex in a URL may be either), oldest first (in one library when given). */
  withExternalUuid(uuid: string, libraryId?: LibraryId): PersonId[] {
    return this.#db
      .prepare(`SELECT p.id FROM person_identities i JOIN people p ON p.id = i.person_id
        WHERE i.external_uuid = ? COLLATE NOCASE AND p.merged_into IS NULL ${libraryId ? 'AND p.library_id = ?' : ''} ORDER BY p.created_at, p.id`)
      .pluck()
      .all(...(libraryId ? [uuid, libraryId] : [uuid])) as PersonId[];
  }

  /** The oldest live person of a library with this name, case aside (in any script). */
  byName(libraryId: LibraryId, name: string): PersonId | undefined {
    return this.#db
      .prepare(`SELECT p.id FROM people p WHERE p.name LIKE ? ESCAPE '\\' AND ${LIVE} ORDER BY p.created_at, p.id LIMIT 1`)
      .pluck()
      .get(exactLike(name), libraryId) as PersonId | undefined;
  }

  /** The photos a person's faces are in, newest first (by date taken, else file time). */
  files(personId: PersonId): PersonFile[] {
    const rows = this.#db
      .prepare(`SELECT a.id AS asset_id, a.rel_path, COUNT(*) AS face_count, MAX(f.confidence) AS best_confidence,
          MIN(f.timestamp_ms) AS first_ms, MAX(f.timestamp_ms) AS last_ms, a.taken_at, a.duration_ms, a.fps
        FROM faces f JOIN assets a ON a.id = f.asset_id
        WHERE f.person_id = ?
        GROUP BY a.id ORDER BY a.sort_at DESC, a.id DESC`)
      .all(personId) as FileRow[];
    return rows.map((r) => ({
      asset_id: r.asset_id,
      file_name: r.rel_path.slice(r.rel_path.lastIndexOf('/') + 1),
      face_count: r.face_count,
      best_confidence: r.best_confidence,
      first_timestamp_ms: r.first_ms,
      last_timestamp_ms: r.last_ms,
      taken_at: isoOrNull(r.taken_at),
      segments: [],
      duration_ms: r.duration_ms,
      fps: r.fps,
    }));
  }
}
