import { Where } from './where.ts';
import type { Db } from './database.ts';
import type { AssignmentKind, Face, FaceSource } from '../../../shared/domain/face.ts';
import type { FaceExport } from '../../../shared/operations/faces.ops.ts';
import type { AssetId, FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { decodeEmbedding, decodeInto, encodeEmbedding } from './embedding.codec.ts';
import { iso } from './time.ts';

export interface NewFace {
  id: FaceId;
  assetId: AssetId;
  libraryId: LibraryId;
  box: { x: number; y: number; w: number; h: number };
  source: FaceSource;
  confidence: number | null;
  landmarks: Array<[number, number]> | null;
  timestampMs: number | null;
  frameNumber?: number | null;
  frameIndex?: number | null;
  detector: string | null;
  embedding: Float32Array | null;
  embedder: string | null;
  personId?: PersonId | null;
  assignment?: AssignmentKind | null;
}

interface FaceRow {
  id: FaceId;
  asset_id: AssetId;
  library_id: LibraryId;
  x: number;
  y: number;
  w: number;
  h: number;
  source: FaceSource;
  confidence: number | null;
  landmarks: string | null;
  timestamp_ms: number | null;
  frame_number: number | null;
  frame_index: number | null;
  person_id: PersonId | null;
  assignment: AssignmentKind | null;
  has_embedding: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = `f.id, f.asset_id, f.library_id, f.x, f.y, f.w, f.h, f.source, f.confidence, f.landmarks, f.timestamp_ms, f.frame_number, f.frame_index,
  f.person_id, f.assignment, (f.embedding IS NOT NULL) AS has_embedding, f.created_at, f.updated_at`;

export interface FaceFilter {
  libraryId?: LibraryId | undefined;
  assetId?: AssetId | undefined;
  personId?: PersonId | undefined;
  unassigned?: boolean | undefined;
}

/** Embeddings of many faces packed row-major into one matrix, for the people engine. */
export interface EmbeddingSet {
  ids: FaceId[];
  assetIds: AssetId[];
  personIds: Array<PersonId | null>;
  assignments: Array<AssignmentKind | null>;
  dim: number;
  vectors: Float32Array;
}

export class FaceRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insertMany(faces: NewFace[], now = Date.now()): void {
    const stmt = this.#db.prepare(`INSERT INTO faces (id, asset_id, library_id, x, y, w, h, source, confidence, landmarks, timestamp_ms, frame_number, frame_index,
      detector, embedding, embedder, person_id, assignment, created_at, updated_at)
      VALUES (@id, @assetId, @libraryId, @x, @y, @w, @h, @source, @confidence, @landmarks, @timestampMs, @frameNumber, @frameIndex,
      @detector, @embedding, @embedder, @personId, @assignment, @now, @now)`);
    for (const f of faces) {
      stmt.run({
        id: f.id,
        assetId: f.assetId,
        libraryId: f.libraryId,
        ...f.box,
        source: f.source,
        confidence: f.confidence,
        landmarks: f.landmarks ? JSON.stringify(f.landmarks.map(([x, y]) => [round2(x), round2(y)])) : null,
        timestampMs: f.timestampMs,
        frameNumber: f.frameNumber ?? null,
        frameIndex: f.frameIndex ?? null,
        detector: f.detector,
        embedding: f.embedding ? encodeEmbedding(f.embedding) : null,
        embedder: f.embedder,
        personId: f.personId ?? null,
        assignment: f.assignment ?? null,
        now,
      });
    }
  }

  get(id: FaceId): Face | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM faces f WHERE f.id = ?`).get(id) as FaceRow | undefined;
    return row && toFace(row);
  }

  byAsset(assetId: AssetId): Face[] {
    return (this.#db.prepare(`SELECT ${COLUMNS} FROM faces f WHERE f.asset_id = ? ORDER BY f.x`).all(assetId) as FaceRow[]).map(toFace);
  }

  list(filter: FaceFilter, offset: number, limit: number): { items: Face[]; total: number } {
    const where = new Where();
    if (filter.libraryId) where.add('f.library_id = ?', filter.libraryId);
    if (filter.assetId) where.add('f.asset_id = ?', filter.assetId);
    if (filter.personId) where.add('f.person_id = ?', filter.personId);
    if (filter.unassigned) where.add('f.person_id IS NULL');
    const total = this.#db.prepare(`SELECT COUNT(*) FROM faces f ${where}`).pluck().get(...where.params) as number;
    const rows = this.#db.prepare(`SELECT ${COLUMNS} FROM faces f ${where} ORDER BY f.id LIMIT ? OFFSET ?`).all(...where.params, limit, offset) as FaceRow[];
    return { items: rows.map(toFace), total };
  }

  export(libraryId: LibraryId | undefined): FaceExport[] {
    const rows = this.#db
      .prepare(`SELECT f.id, f.asset_id, a.path, f.x, f.y, f.w, f.h, f.source, f.confidence, f.person_id
        FROM faces f JOIN assets a ON a.id = f.asset_id ${libraryId ? 'WHERE f.library_id = ?' : ''} ORDER BY a.path, f.x`)
      .all(...(libraryId ? [libraryId] : [])) as Array<FaceRow & { path: string }>;
    return rows.map((r) => ({
      id: r.id,
      asset_id: r.asset_id,
      path: r.path,
      bounding_box: { x: r.x, y: r.y, w: r.w, h: r.h },
      source: r.source,
      confidence: r.confidence,
      person_id: r.person_id,
    }));
  }

  embedding(id: FaceId): Float32Array | undefined {
    const blob = this.#db.prepare('SELECT embedding FROM faces WHERE id = ?').pluck().get(id) as Buffer | null | undefined;
    return blob ? decodeEmbedding(blob) : undefined;
  }

  /**
   * Embedded faces of a library packed for the people engine: all of them, the unplaced ones (no person
   * and no user decision), one person's, or a given list.
   */
  embeddings(libraryId: LibraryId, dim: number, only?: { unplaced?: boolean; personId?: PersonId; faceIds?: readonly FaceId[] }): EmbeddingSet {
    const where = new Where().add('library_id = ?', libraryId).add('embedding IS NOT NULL');
    if (only?.unplaced) where.add('person_id IS NULL AND assignment IS NULL');
    if (only?.personId) where.add('person_id = ?', only.personId);
    if (only?.faceIds) where.add(`id IN (SELECT value FROM json_each(?))`, JSON.stringify(only.faceIds));
    const rows = this.#db
      .prepare(`SELECT id, asset_id, person_id, assignment, embedding FROM faces ${where} ORDER BY id`)
      .raw()
      .all(...where.params) as Array<[FaceId, AssetId, PersonId | null, AssignmentKind | null, Buffer]>;
    const set: EmbeddingSet = { ids: [], assetIds: [], personIds: [], assignments: [], dim, vectors: new Float32Array(rows.length * dim) };
    rows.forEach(([id, assetId, personId, assignment, blob], i) => {
      set.ids.push(id);
      set.assetIds.push(assetId);
      set.personIds.push(personId);
      set.assignments.push(assignment);
      decodeInto(blob, set.vectors, i, dim);
    });
    return set;
  }

  /** Which people already have a face in each of these photos (one face per person per photo). */
  peopleInAssets(assetIds: Iterable<AssetId>): Map<AssetId, Set<PersonId>> {
    const stmt = this.#db.prepare('SELECT person_id FROM faces WHERE asset_id = ? AND person_id IS NOT NULL').pluck();
    const out = new Map<AssetId, Set<PersonId>>();
    for (const a of assetIds) if (!out.has(a)) out.set(a, new Set(stmt.all(a) as PersonId[]));
    return out;
  }

  /** Automatic placements in these people go back to the pool (a re-cluster of untouched people). */
  releaseAuto(personIds: readonly PersonId[], now = Date.now()): number {
    const stmt = this.#db.prepare(`UPDATE faces SET person_id = NULL, assignment = NULL, updated_at = ? WHERE person_id = ? AND assignment = 'auto'`);
    let n = 0;
    for (const p of personIds) n += stmt.run(now, p).changes;
    return n;
  }

  /** Every face of a person moves to another, keeping how it got there. */
  movePerson(from: PersonId, to: PersonId, now = Date.now()): FaceId[] {
    const ids = this.#db.prepare('SELECT id FROM faces WHERE person_id = ?').pluck().all(from) as FaceId[];
    this.#db.prepare('UPDATE faces SET person_id = ?, updated_at = ? WHERE person_id = ?').run(to, now, from);
    return ids;
  }

  updateBox(id: FaceId, box: { x: number; y: number; w: number; h: number }, landmarks: Array<[number, number]>, embedding: Float32Array, now = Date.now()): void {
    this.#db
      .prepare('UPDATE faces SET x = ?, y = ?, w = ?, h = ?, landmarks = ?, embedding = ?, updated_at = ? WHERE id = ?')
      .run(box.x, box.y, box.w, box.h, JSON.stringify(landmarks.map(([x, y]) => [round2(x), round2(y)])), encodeEmbedding(embedding), now, id);
  }

  /** A detected face found again (its photo was re-analysed): new geometry and embedding, same person and decisions. */
  refresh(
    id: FaceId,
    f: { box: { x: number; y: number; w: number; h: number }; confidence: number; landmarks: Array<[number, number]>; detector: string; embedding: Float32Array; embedder: string },
    now = Date.now(),
  ): void {
    this.#db
      .prepare('UPDATE faces SET x = ?, y = ?, w = ?, h = ?, confidence = ?, landmarks = ?, detector = ?, embedding = ?, embedder = ?, updated_at = ? WHERE id = ?')
      .run(f.box.x, f.box.y, f.box.w, f.box.h, f.confidence, JSON.stringify(f.landmarks.map(([x, y]) => [round2(x), round2(y)])), f.detector, encodeEmbedding(f.embedding), f.embedder, now, id);
  }

  delete(id: FaceId): void {
    this.#db.prepare('DELETE FROM faces WHERE id = ?').run(id);
  }

  setPerson(id: FaceId, personId: PersonId | null, assignment: AssignmentKind | null, now = Date.now()): void {
    this.#db.prepare('UPDATE faces SET person_id = ?, assignment = ?, updated_at = ? WHERE id = ?').run(personId, assignment, now, id);
  }

  /**
   * Every named face of the chosen photos (all of a library's, a person's photos, or a list), with its
   * person's name: what an XMP sidecar carries. Photos whose file is missing are left out.
   */
  namedFaces(only: { libraryId?: LibraryId | undefined; personId?: PersonId | undefined; assetIds?: readonly AssetId[] | undefined }): Array<{
    asset_id: AssetId;
    name: string;
    x: number;
    y: number;
    w: number;
    h: number;
  }> {
    const where = new Where().add('p.name IS NOT NULL').add(`a.presence = 'present'`);
    if (only.libraryId) where.add('f.library_id = ?', only.libraryId);
    if (only.personId) where.add('f.asset_id IN (SELECT asset_id FROM faces WHERE person_id = ?)', only.personId);
    if (only.assetIds) where.add('f.asset_id IN (SELECT value FROM json_each(?))', JSON.stringify(only.assetIds));
    return this.#db
      .prepare(`SELECT f.asset_id, p.name, f.x, f.y, f.w, f.h FROM faces f JOIN people p ON p.id = f.person_id JOIN assets a ON a.id = f.asset_id
        ${where} ORDER BY f.asset_id, f.x`)
      .all(...where.params) as Array<{ asset_id: AssetId; name: string; x: number; y: number; w: number; h: number }>;
  }

  countForLibrary(libraryId: LibraryId): number {
    return this.#db.prepare('SELECT COUNT(*) FROM faces WHERE library_id = ?').pluck().get(libraryId) as number;
  }

  /** Every face id: what owns a face crop in the cache. */
  ids(): Set<FaceId> {
    return new Set(this.#db.prepare('SELECT id FROM faces').pluck().all() as FaceId[]);
  }
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

function toFace(r: FaceRow): Face {
  return {
    id: r.id,
    asset_id: r.asset_id,
    library_id: r.library_id,
    bounding_box: { x: r.x, y: r.y, w: r.w, h: r.h },
    source: r.source,
    confidence: r.confidence,
    landmarks: r.landmarks ? (JSON.parse(r.landmarks) as Array<[number, number]>) : null,
    timestamp_ms: r.timestamp_ms,
    frame_number: r.frame_number,
    frame_index: r.frame_index,
    person_id: r.person_id,
    assignment: r.assignment,
    has_embedding: r.has_embedding !== 0,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}
