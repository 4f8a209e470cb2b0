import { Where } from './where.ts';
import type { Db } from './database.ts';
import { EVIDENCE_FACES, type EvidenceFilter, type PeopleSort, type Person } from '../../../shared/domain/person.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import { bool, iso } from './time.ts';
import { settle, unknownCursor, type Cursor, type CursorPage } from './cursor.ts';

type Status = Person['status'];
type Source = Person['source'];

interface PersonRow {
  id: PersonId;
  library_id: LibraryId;
  name: string | null;
  birth_date: string | null;
  is_hidden: number;
  is_favorite: number;
  thumbnail_face_id: FaceId | null;
  status: Status;
  source: Source;
  face_count: number;
  asset_count: number;
  good_face_count: number;
  has_evidence: number;
  created_at: number;
  updated_at: number;
}

export interface NewPerson {
  libraryId: LibraryId;
  name?: string | null;
  birthDate?: string | null;
  isHidden?: boolean;
  isFavorite?: boolean;
  status?: Status;
  source?: Source;
}

export interface PersonPatch {
  name?: string | null;
  birth_date?: string | null;
  is_hidden?: boolean;
  is_favorite?: boolean;
  thumbnail_face_id?: FaceId | null;
  status?: Status;
  source?: Source;
}

export interface PersonFilter {
  libraryId?: LibraryId | undefined;
  includeHidden: boolean;
  query?: string | undefined;
  named?: 'named' | 'unnamed' | 'all' | undefined;
  evidence?: EvidenceFilter | undefined;
  sort?: PeopleSort | undefined;
}

/** ORDER BY of each sort; ties are broken by id so every order is total (cursors need that). */
const ORDER: Record<PeopleSort, string> = {
  default: 'p.is_favorite DESC, (p.name IS NULL), p.name COLLATE NOCASE, COALESCE(c.face_count, 0) DESC, p.id',
  count: 'COALESCE(c.asset_count, 0) DESC, (p.name IS NULL), p.name COLLATE NOCASE, p.id',
  name: '(p.name IS NULL), p.name COLLATE NOCASE, COALESCE(c.asset_count, 0) DESC, p.id',
  recent: 'COALESCE(s.last_seen, 0) DESC, COALESCE(c.asset_count, 0) DESC, p.id',
  created_at_desc: 'p.created_at DESC, p.id DESC',
  created_at_asc: 'p.created_at, p.id',
  name_asc: '(p.name IS NULL), p.name COLLATE NOCASE, p.id',
  name_desc: '(p.name IS NULL), p.name COLLATE NOCASE DESC, p.id',
  asset_count_desc: 'COALESCE(c.asset_count, 0) DESC, p.id',
  asset_count_asc: 'COALESCE(c.asset_count, 0), p.id',
};

/** When each person was last photographed: the latest date among their photos. */
const LAST_SEEN = `SELECT f.person_id, MAX(a.sort_at) AS last_seen FROM faces f JOIN assets a ON a.id = f.asset_id WHERE f.person_id IS NOT NULL GROUP BY f.person_id`;

// Faces of missing files do not count (they come back if the file does); a stack of near-duplicates
// is one photo, so a person in several copies counts it once.
const COUNTED = `faces f JOIN assets a ON a.id = f.asset_id AND a.presence != 'missing'`;
const PHOTO = 'COALESCE(a.stack_id, a.id)';
/** A face fit for recognition: not measured low (faces from before quality was measured count). */
const GOOD = `(f.quality IS NULL OR f.quality != 'low')`;

const COUNTS = `
  SELECT f.person_id, COUNT(*) AS face_count, COUNT(DISTINCT ${PHOTO}) AS asset_count, SUM(${GOOD}) AS good_face_count
  FROM ${COUNTED} WHERE f.person_id IS NOT NULL GROUP BY f.person_id`;

/** Real evidence that a person is someone (Person.has_evidence), over p and its counts c. */
const EVIDENCE = `(p.name IS NOT NULL OR p.source != 'auto' OR p.is_favorite = 1 OR COALESCE(c.good_face_count, 0) >= ${EVIDENCE_FACES})`;

const SELECT = `
  SELECT p.id, p.library_id, p.name, p.birth_date, p.is_hidden, p.is_favorite, p.thumbnail_face_id, p.status, p.source,
    p.created_at, p.updated_at, COALESCE(c.face_count, 0) AS face_count, COALESCE(c.asset_count, 0) AS asset_count,
    COALESCE(c.good_face_count, 0) AS good_face_count, ${EVIDENCE} AS has_evidence
  FROM people p LEFT JOIN (SELECT f.person_id, COUNT(*) AS face_count, COUNT(DISTINCT ${PHOTO}) AS asset_count, SUM(${GOOD}) AS good_face_count
    FROM ${COUNTED} WHERE f.person_id = ? GROUP BY f.person_id) c ON c.person_id = p.id`;

export class PersonRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  create(p: NewPerson, now = Date.now()): PersonId {
    const id = newId('person', now);
    this.#db
      .prepare(`INSERT INTO people (id, library_id, name, birth_date, is_hidden, is_favorite, status, source, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, p.libraryId, p.name ?? null, p.birthDate ?? null, p.isHidden ? 1 : 0, p.isFavorite ? 1 : 0, p.status ?? 'pending', p.source ?? 'auto', now, now);
    return id;
  }

  get(id: PersonId): Person | undefined {
    const row = this.#db.prepare(`${SELECT} WHERE p.id = ?`).get(id, id) as PersonRow | undefined;
    return row && toPerson(row);
  }

  /** The library's person of exactly this name (case aside), the oldest if several. */
  findByName(libraryId: LibraryId, name: string): PersonId | undefined {
    return this.#db
      .prepare(`SELECT id FROM people WHERE library_id = ? AND merged_into IS NULL AND name = ? COLLATE NOCASE ORDER BY created_at LIMIT 1`)
      .pluck()
      .get(libraryId, name.trim()) as PersonId | undefined;
  }

  exists(id: PersonId): boolean {
    return this.#db.prepare('SELECT 1 FROM people WHERE id = ? AND merged_into IS NULL').get(id) !== undefined;
  }

  /** The person a merged-away person now lives on in, if any. */
  mergedInto(id: PersonId): PersonId | null | undefined {
    return this.#db.prepare('SELECT merged_into FROM people WHERE id = ?').pluck().get(id) as PersonId | null | undefined;
  }

  setMergedInto(id: PersonId, target: PersonId | null, now = Date.now()): void {
    this.#db.prepare('UPDATE people SET merged_into = ?, updated_at = ? WHERE id = ?').run(target, now, id);
  }

  /** People the user has touched: a re-cluster keeps them and every face in them. */
  keptIds(libraryId: LibraryId): PersonId[] {
    return this.#db
      .prepare(`SELECT id FROM people p WHERE library_id = ? AND merged_into IS NULL AND (name IS NOT NULL OR source != 'auto'
          OR is_hidden = 1 OR is_favorite = 1 OR EXISTS (SELECT 1 FROM faces f WHERE f.person_id = p.id AND f.assignment = 'user')
          OR EXISTS (SELECT 1 FROM face_rejections r WHERE r.person_id = p.id)
          OR EXISTS (SELECT 1 FROM person_rejections r WHERE r.person_id = p.id OR r.other_person_id = p.id))`)
      .pluck()
      .all(libraryId) as PersonId[];
  }

  /** Every live (not merged-away) person of a library. */
  liveIds(libraryId: LibraryId): PersonId[] {
    return this.#db.prepare('SELECT id FROM people WHERE library_id = ? AND merged_into IS NULL').pluck().all(libraryId) as PersonId[];
  }

  /** Names of people by id (null for unnamed), for explanations and suggestions. */
  names(ids: Iterable<PersonId>): Map<PersonId, string | null> {
    const stmt = this.#db.prepare('SELECT name FROM people WHERE id = ?').pluck();
    const out = new Map<PersonId, string | null>();
    for (const id of ids) if (!out.has(id)) out.set(id, (stmt.get(id) as string | null | undefined) ?? null);
    return out;
  }

  /** Another live person of the library with this name, case folded in every script as search does, if any. */
  namedLike(libraryId: LibraryId, name: string, except: PersonId): { id: PersonId; name: string } | undefined {
    return this.#db
      .prepare(`SELECT id, name FROM people WHERE library_id = ? AND merged_into IS NULL AND id != ? AND name LIKE ? ESCAPE '\\' ORDER BY created_at LIMIT 1`)
      .get(libraryId, except, escapeLike(name.normalize('NFC'))) as { id: PersonId; name: string } | undefined;
  }

  /** Birth dates of a library's live people that have one. */
  birthDates(libraryId: LibraryId): Map<PersonId, string> {
    const rows = this.#db.prepare('SELECT id, birth_date FROM people WHERE library_id = ? AND merged_into IS NULL AND birth_date IS NOT NULL').raw().all(libraryId) as Array<[PersonId, string]>;
    return new Map(rows);
  }

  libraryOf(id: PersonId): LibraryId | undefined {
    return this.#db.prepare('SELECT library_id FROM people WHERE id = ?').pluck().get(id) as LibraryId | undefined;
  }

  /**
   * People in one of the orders of PeopleSort (default: favourites first, then named people by name,
   * then unnamed ones by size), by offset or after/before a person of the list.
   */
  list(filter: PersonFilter, offset: number, limit: number, cursor: Cursor<PersonId> = {}): CursorPage<Person> {
    const paging = { offset, limit, ...cursor };
    const sort = filter.sort ?? 'default';
    const where = new Where().add('p.merged_into IS NULL');
    if (filter.libraryId) where.add('p.library_id = ?', filter.libraryId);
    if (!filter.includeHidden) where.add('p.is_hidden = 0');
    if (filter.query) where.add(`p.name LIKE ? ESCAPE '\\'`, `%${escapeLike(filter.query)}%`);
    if (filter.named === 'named') where.add('p.name IS NOT NULL');
    if (filter.named === 'unnamed') where.add('p.name IS NULL');
    if (filter.evidence === 'real') where.add(EVIDENCE);
    if (filter.evidence === 'little') where.add(`NOT ${EVIDENCE}`);
    const from = `FROM people p LEFT JOIN (${COUNTS}) c ON c.person_id = p.id`;
    const total = this.#db.prepare(`SELECT COUNT(*) ${filter.evidence && filter.evidence !== 'any' ? from : 'FROM people p'} ${where}`).pluck().get(...where.params) as number;
    // People lists are small (thousands): ranking the whole list serves every order and both cursors alike.
    const listed = `WITH listed AS (
        SELECT p.id, p.library_id, p.name, p.birth_date, p.is_hidden, p.is_favorite, p.thumbnail_face_id, p.status, p.source,
          p.created_at, p.updated_at, COALESCE(c.face_count, 0) AS face_count, COALESCE(c.asset_count, 0) AS asset_count,
          COALESCE(c.good_face_count, 0) AS good_face_count, ${EVIDENCE} AS has_evidence,
          ROW_NUMBER() OVER (ORDER BY ${ORDER[sort]}) AS rn
        ${from}
        ${sort === 'recent' ? `LEFT JOIN (${LAST_SEEN}) s ON s.person_id = p.id` : ''}
        ${where})`;
    const at = paging.afterId ?? paging.beforeId;
    if (at === undefined) {
      const rows = this.#db.prepare(`${listed} SELECT * FROM listed ORDER BY rn LIMIT ? OFFSET ?`).all(...where.params, paging.limit, paging.offset) as PersonRow[];
      return settle(rows.map(toPerson), paging, total);
    }
    const rank = this.#db.prepare(`${listed} SELECT rn FROM listed WHERE id = ?`).pluck().get(...where.params, at) as number | undefined;
    if (rank === undefined) throw unknownCursor('person', cursor);
    const back = paging.beforeId !== undefined;
    const rows = this.#db
      .prepare(`${listed} SELECT * FROM listed WHERE rn ${back ? '<' : '>'} ? ORDER BY rn ${back ? 'DESC' : 'ASC'} LIMIT ?`)
      .all(...where.params, rank, paging.limit + 1) as PersonRow[];
    return settle(rows.map(toPerson), paging, total);
  }

  update(id: PersonId, patch: PersonPatch, now = Date.now()): void {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      sets.push(`${key} = ?`);
      params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    }
    if (sets.length === 0) return;
    this.#db.prepare(`UPDATE people SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...params, now, id);
  }

  delete(id: PersonId): void {
    this.#db.prepare('DELETE FROM people WHERE id = ?').run(id);
  }

  /** Give people without a cover one: their most confident, largest automatic face. */
  fillMissingThumbnails(libraryId: LibraryId): void {
    this.#db
      .prepare(`UPDATE people SET thumbnail_face_id = (
          SELECT f.id FROM faces f WHERE f.person_id = people.id
          ORDER BY (f.source = 'manual'), COALESCE(f.confidence, 0) * MIN(f.w, 400) DESC LIMIT 1)
        WHERE library_id = ? AND merged_into IS NULL AND (thumbnail_face_id IS NULL
          OR thumbnail_face_id NOT IN (SELECT id FROM faces WHERE person_id = people.id))`)
      .run(libraryId);
  }

  /** Unnamed automatic people left with no faces are noise; named or user-made people stay. */
  deleteEmptyAuto(libraryId: LibraryId): number {
    return this.#db
      .prepare(`DELETE FROM people WHERE library_id = ? AND name IS NULL AND source = 'auto' AND merged_into IS NULL
        AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = people.id)
        AND NOT EXISTS (SELECT 1 FROM face_rejections r WHERE r.person_id = people.id)
        AND NOT EXISTS (SELECT 1 FROM person_rejections r WHERE r.person_id = people.id OR r.other_person_id = people.id)
        AND NOT EXISTS (SELECT 1 FROM merges m WHERE m.target_person_id = people.id OR m.source_person_id = people.id)`)
      .run(libraryId).changes;
  }

  count(libraryId: LibraryId): number {
    return this.#db.prepare('SELECT COUNT(*) FROM people WHERE library_id = ? AND merged_into IS NULL').pluck().get(libraryId) as number;
  }

  /** Every person id, merged ones included: what owns a profile-image folder. */
  ids(): Set<PersonId> {
    return new Set(this.#db.prepare('SELECT id FROM people').pluck().all() as PersonId[]);
  }
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    library_id: r.library_id,
    name: r.name,
    birth_date: r.birth_date,
    is_hidden: bool(r.is_hidden),
    is_favorite: bool(r.is_favorite),
    thumbnail_face_id: r.thumbnail_face_id,
    status: r.status,
    source: r.source,
    face_count: r.face_count,
    asset_count: r.asset_count,
    good_face_count: r.good_face_count,
    has_evidence: bool(r.has_evidence),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}
