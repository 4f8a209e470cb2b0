import { Where } from './where.ts';
import { preparedOnce, type Db } from './database.ts';
import type { ImageBox } from '../../../shared/geometry.ts';
import type { AssignmentKind, Face, FaceSource } from '../../../shared/domain/face.ts';
import type { FaceExport } from '../../../shared/operations/faces.ops.ts';
import type { AssetId, FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { blurOf, exposureOf, type FaceQuality, type QualityForRecognition } from '../../../shared/domain/face-quality.ts';
import type { FaceMeasures } from '../vision/face-quality.ts';
import { decodeEmbedding, decodeInto, encodeEmbedding } from './embedding.codec.ts';
import { iso } from './time.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';
import { settle, unknownCursor, type Cursor, type CursorPage } from './cursor.ts';

export interface NewFace {
  id: FaceId;
  assetId: AssetId;
  libraryId: LibraryId;
  box: ImageBox;
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
  /** Measured at analysis (vision/face-quality.ts); absent for faces without a photo to measure. */
  quality?: { level: QualityForRecognition; measures: FaceMeasures } | null;
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
  quality: QualityForRecognition | null;
  quality_size: number | null;
  quality_sharpness: number | null;
  quality_exposure: number | null;
  head_yaw: number | null;
  head_pitch: number | null;
  head_roll: number | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS = `f.id, f.asset_id, f.library_id, f.x, f.y, f.w, f.h, f.source, f.confidence, f.landmarks, f.timestamp_ms, f.frame_number, f.frame_index,
  f.person_id, f.assignment, (f.embedding IS NOT NULL) AS has_embedding, f.quality, f.quality_size, f.quality_sharpness, f.quality_exposure,
  f.head_yaw, f.head_pitch, f.head_roll, f.created_at, f.updated_at`;

/** A face to embed again, with what its photo or video is. */
export interface StaleFace {
  id: FaceId;
  asset_id: AssetId;
  path: string;
  mime: string | null;
  width: number | null;
  height: number | null;
  /** JSON: five display-space points. */
  landmarks: string;
}

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
  /** Quality for recognition; null when not measured. */
  qualities: Array<QualityForRecognition | null>;
  /** When the photo was taken (epoch ms), if known. */
  takenAt: Array<number | null>;
  dim: number;
  vectors: Float32Array;
}

export class FaceRepository {
  readonly #db: Db;
  readonly #once: ReturnType<typeof preparedOnce>;
  constructor(db: Db) {
    this.#db = db;
    this.#once = preparedOnce(db);
  }

  insertMany(faces: NewFace[], now = Date.now()): void {
    const stmt = this.#once(`INSERT INTO faces (id, asset_id, library_id, x, y, w, h, source, confidence, landmarks, timestamp_ms, frame_number, frame_index,
      detector, embedding, embedder, person_id, assignment, quality, quality_size, quality_sharpness, quality_exposure, quality_clipped,
      head_yaw, head_pitch, head_roll, created_at, updated_at)
      VALUES (@id, @assetId, @libraryId, @x, @y, @w, @h, @source, @confidence, @landmarks, @timestampMs, @frameNumber, @frameIndex,
      @detector, @embedding, @embedder, @personId, @assignment, @quality, @qualitySize, @qualitySharpness, @qualityExposure, @qualityClipped,
      @headYaw, @headPitch, @headRoll, @now, @now)`);
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
        ...qualityParams(f.quality ?? null),
        now,
      });
    }
  }

  get(id: FaceId): Face | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM faces f WHERE f.id = ?`).get(id) as FaceRow | undefined;
    return row && toFace(row);
  }

  /**
   * Left to right. Sorted here: SQLite's sorter for rows this wide cost ~50 µs even when there are none
   * (every photo an import writes asks, on the thread that hands out the next photos), the index ~5.
   */
  byAsset(assetId: AssetId): Face[] {
    return (this.#once(`SELECT ${COLUMNS} FROM faces f WHERE f.asset_id = ?`).all(assetId) as FaceRow[]).sort((a, b) => a.x - b.x).map(toFace);
  }

  /** Faces oldest first (by when they were recorded, then id), or newest first; by offset or after/before a face of the list. */
  list(filter: FaceFilter, offset: number, limit: number, cursor: Cursor<FaceId> & { order?: 'oldest' | 'newest' } = {}): CursorPage<Face> {
    const paging = { offset, limit, ...cursor };
    const where = new Where();
    if (filter.libraryId) where.add('f.library_id = ?', filter.libraryId);
    if (filter.assetId) where.add('f.asset_id = ?', filter.assetId);
    if (filter.personId) where.add('f.person_id = ?', filter.personId);
    if (filter.unassigned) where.add('f.person_id IS NULL');
    const total = this.#db.prepare(`SELECT COUNT(*) FROM faces f ${where}`).pluck().get(...where.params) as number;
    const at = paging.afterId ?? paging.beforeId;
    const back = paging.beforeId !== undefined;
    const dir = ((cursor.order ?? 'oldest') === 'newest') !== back ? 'DESC' : 'ASC';
    if (at !== undefined) {
      const key = this.#db.prepare('SELECT created_at, id FROM faces WHERE id = ?').raw().get(at) as [number, FaceId] | undefined;
      if (!key) throw unknownCursor('face', cursor);
      where.add(`(f.created_at, f.id) ${dir === 'DESC' ? '<' : '>'} (?, ?)`, ...key);
    }
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS} FROM faces f ${where} ORDER BY f.created_at ${dir}, f.id ${dir} LIMIT ? OFFSET ?`)
      .all(...where.params, at === undefined ? paging.limit : paging.limit + 1, at === undefined ? paging.offset : 0) as FaceRow[];
    return settle(rows.map(toFace), paging, total);
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
    // Only vectors of the current embedder: two models' vectors are never compared.
    const blob = this.#db.prepare('SELECT embedding FROM faces WHERE id = ? AND embedder = ?').pluck().get(id, EMBEDDER_MODEL) as Buffer | null | undefined;
    return blob ? decodeEmbedding(blob) : undefined;
  }

  /**
   * Embedded faces of a library packed for the people engine: all of them, the unplaced ones (no person
   * and no user decision; with `orAutoIn`, also the automatic faces of those people), one person's, or a
   * given list; with each face's quality and its photo's date.
   */
  embeddings(libraryId: LibraryId, dim: number, only?: { unplaced?: boolean; orAutoIn?: readonly PersonId[]; personId?: PersonId; faceIds?: readonly FaceId[] }): EmbeddingSet {
    const where = new Where().add('f.library_id = ?', libraryId).add('f.embedding IS NOT NULL').add('f.embedder = ?', EMBEDDER_MODEL);
    if (only?.unplaced && only.orAutoIn?.length) {
      where.add(`((f.person_id IS NULL AND f.assignment IS NULL) OR (f.assignment = 'auto' AND f.person_id IN (SELECT value FROM json_each(?))))`, JSON.stringify(only.orAutoIn));
    } else if (only?.unplaced) where.add('f.person_id IS NULL AND f.assignment IS NULL');
    if (only?.personId) where.add('f.person_id = ?', only.personId);
    if (only?.faceIds) where.add(`f.id IN (SELECT value FROM json_each(?))`, JSON.stringify(only.faceIds));
    const rows = this.#db
      .prepare(`SELECT f.id, f.asset_id, f.person_id, f.assignment, f.quality, a.taken_at, f.embedding FROM faces f JOIN assets a ON a.id = f.asset_id ${where} ORDER BY f.id`)
      .raw()
      .all(...where.params) as Array<[FaceId, AssetId, PersonId | null, AssignmentKind | null, QualityForRecognition | null, number | null, Buffer]>;
    const set: EmbeddingSet = { ids: [], assetIds: [], personIds: [], assignments: [], qualities: [], takenAt: [], dim, vectors: new Float32Array(rows.length * dim) };
    rows.forEach(([id, assetId, personId, assignment, quality, takenAt, blob], i) => {
      set.ids.push(id);
      set.assetIds.push(assetId);
      set.personIds.push(personId);
      set.assignments.push(assignment);
      set.qualities.push(quality);
      set.takenAt.push(takenAt);
      decodeInto(blob, set.vectors, i, dim);
    });
    return set;
  }

  /** Every placed, embedded face of a library ordered by person, streamed: [person, face, assignment, photo date, embedding blob]. */
  placedEmbeddings(libraryId: LibraryId): IterableIterator<[PersonId, FaceId, AssignmentKind | null, number | null, Buffer]> {
    return this.#db
      .prepare(`SELECT f.person_id, f.id, f.assignment, a.taken_at, f.embedding FROM faces f JOIN assets a ON a.id = f.asset_id
        WHERE f.library_id = ? AND f.person_id IS NOT NULL AND f.embedding IS NOT NULL AND f.embedder = ? ORDER BY f.person_id`)
      .raw()
      .iterate(libraryId, EMBEDDER_MODEL) as IterableIterator<[PersonId, FaceId, AssignmentKind | null, number | null, Buffer]>;
  }

  /**
   * Up to `max` embedded faces of a library, spread over it and the same for the same faces (ordered by
   * the random tail of their ids), packed: for estimating how alike the library's strangers look.
   */
  sampleEmbeddings(libraryId: LibraryId, dim: number, max: number): { n: number; vectors: Float32Array } {
    const blobs = this.#db
      .prepare('SELECT embedding FROM faces WHERE library_id = ? AND embedding IS NOT NULL AND embedder = ? ORDER BY substr(id, -8) LIMIT ?')
      .pluck()
      .all(libraryId, EMBEDDER_MODEL, max) as Buffer[];
    const vectors = new Float32Array(blobs.length * dim);
    blobs.forEach((b, i) => decodeInto(b, vectors, i, dim));
    return { n: blobs.length, vectors };
  }

  /**
   * Whether two people appear together in some photo, or on screen at the same time in some video (then
   * they cannot be one person; one person's tracks before and after a cut can be two people to merge).
   */
  sharePhoto(a: PersonId, b: PersonId): boolean {
    return (
      this.#db
        .prepare(`SELECT 1 FROM faces x JOIN faces y ON y.asset_id = x.asset_id WHERE x.person_id = ? AND y.person_id = ?
          AND (NOT EXISTS (SELECT 1 FROM face_segments WHERE face_id = x.id) OR NOT EXISTS (SELECT 1 FROM face_segments WHERE face_id = y.id)
            OR EXISTS (SELECT 1 FROM face_segments sx JOIN face_segments sy ON sy.face_id = y.id AND sy.start_ms < sx.end_ms AND sx.start_ms < sy.end_ms WHERE sx.face_id = x.id))
          LIMIT 1`)
        .get(a, b) !== undefined
    );
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

  updateBox(id: FaceId, box: ImageBox, landmarks: Array<[number, number]>, embedding: Float32Array, quality: NewFace['quality'] = null, now = Date.now()): void {
    this.#db
      .prepare(`UPDATE faces SET x = @x, y = @y, w = @w, h = @h, landmarks = @landmarks, embedding = @embedding, quality = @quality, quality_size = @qualitySize,
        quality_sharpness = @qualitySharpness, quality_exposure = @qualityExposure, quality_clipped = @qualityClipped, head_yaw = @headYaw,
        head_pitch = @headPitch, head_roll = @headRoll, updated_at = @now WHERE id = @id`)
      .run({ ...box, landmarks: JSON.stringify(landmarks.map(([x, y]) => [round2(x), round2(y)])), embedding: encodeEmbedding(embedding), ...qualityParams(quality), now, id });
  }

  /** A detected face found again (its photo was re-analysed): new geometry and embedding, same person and decisions. */
  refresh(
    id: FaceId,
    f: { box: ImageBox; confidence: number; landmarks: Array<[number, number]>; detector: string; embedding: Float32Array; embedder: string; quality: NewFace['quality'] },
    now = Date.now(),
  ): void {
    this.#db
      .prepare(`UPDATE faces SET x = @x, y = @y, w = @w, h = @h, confidence = @confidence, landmarks = @landmarks, detector = @detector, embedding = @embedding,
        embedder = @embedder, quality = @quality, quality_size = @qualitySize, quality_sharpness = @qualitySharpness, quality_exposure = @qualityExposure,
        quality_clipped = @qualityClipped, head_yaw = @headYaw, head_pitch = @headPitch, head_roll = @headRoll, updated_at = @now WHERE id = @id`)
      .run({
        ...f.box,
        confidence: f.confidence,
        landmarks: JSON.stringify(f.landmarks.map(([x, y]) => [round2(x), round2(y)])),
        detector: f.detector,
        embedding: encodeEmbedding(f.embedding),
        embedder: f.embedder,
        ...qualityParams(f.quality),
        now,
        id,
      });
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

  /** Faces whose vector another embedder made (or none): to embed again with the current one. */
  staleCount(): number {
    return this.#db.prepare(`SELECT COUNT(*) FROM faces WHERE landmarks IS NOT NULL AND (embedder IS NULL OR embedder != ?)`).pluck().get(EMBEDDER_MODEL) as number;
  }

  /** The next stale faces in asset order after `afterAsset`, with their photo's path, a whole photo at a time. */
  staleBatch(afterAsset: string, limit: number): StaleFace[] {
    return this.#db
      .prepare(`SELECT f.id, f.asset_id, a.path, a.mime, a.width, a.height, f.landmarks FROM faces f JOIN assets a ON a.id = f.asset_id
        WHERE f.landmarks IS NOT NULL AND (f.embedder IS NULL OR f.embedder != ?) AND a.presence = 'present' AND f.asset_id > ?
          AND f.asset_id IN (SELECT DISTINCT f2.asset_id FROM faces f2 WHERE f2.asset_id > ? AND f2.landmarks IS NOT NULL
            AND (f2.embedder IS NULL OR f2.embedder != ?) ORDER BY f2.asset_id LIMIT ?)
        ORDER BY f.asset_id, f.id`)
      .all(EMBEDDER_MODEL, afterAsset, afterAsset, EMBEDDER_MODEL, limit) as StaleFace[];
  }

  setEmbedding(id: FaceId, embedding: Float32Array, embedder: string, now = Date.now()): void {
    this.#db.prepare('UPDATE faces SET embedding = ?, embedder = ?, updated_at = ? WHERE id = ?').run(encodeEmbedding(embedding), embedder, now, id);
  }

  /** Faces of a library that have an embedding: the size the people engine's bars scale with. */
  countEmbedded(libraryId: LibraryId): number {
    return this.#db.prepare('SELECT COUNT(*) FROM faces WHERE library_id = ? AND embedding IS NOT NULL').pluck().get(libraryId) as number;
  }

  /**
   * Place a face automatically, unless something got there first: only a face that is still unplaced
   * (no person, no user decision) moves.
   */
  placeAuto(id: FaceId, personId: PersonId, now = Date.now()): boolean {
    return this.#db.prepare(`UPDATE faces SET person_id = ?, assignment = 'auto', updated_at = ? WHERE id = ? AND person_id IS NULL AND assignment IS NULL`).run(personId, now, id).changes > 0;
  }

  /** Faces with an embedding that no person holds and no user decision pins. */
  countUnplaced(libraryId: LibraryId): number {
    return this.#db.prepare('SELECT COUNT(*) FROM faces WHERE library_id = ? AND person_id IS NULL AND embedding IS NOT NULL').pluck().get(libraryId) as number;
  }

  countPlacedAuto(libraryId: LibraryId): number {
    return this.#db.prepare(`SELECT COUNT(*) FROM faces WHERE library_id = ? AND assignment = 'auto'`).pluck().get(libraryId) as number;
  }

  /**
   * A person's faces leave it as a user decision (the person was deleted): they stay out of automatic
   * placement instead of rejoining someone on the next import.
   */
  releaseAsUserDecision(personId: PersonId, now = Date.now()): number {
    return this.#db.prepare(`UPDATE faces SET person_id = NULL, assignment = 'user', updated_at = ? WHERE person_id = ?`).run(now, personId).changes;
  }

  /** Move a face to another person keeping how it got there (undoing a merge restores, it does not decide). */
  setPersonKeepingAssignment(id: FaceId, personId: PersonId, now = Date.now()): void {
    this.#db.prepare('UPDATE faces SET person_id = ?, updated_at = ? WHERE id = ?').run(personId, now, id);
  }

  /** Newest faces a review may ask about: unplaced, or placed automatically (in the person, when given). */
  reviewCandidates(libraryId: LibraryId, personId: PersonId | undefined, limit: number): FaceId[] {
    return this.#db
      .prepare(`SELECT id FROM faces WHERE library_id = ? AND embedding IS NOT NULL AND (assignment IS NULL OR assignment = 'auto' OR person_id IS NULL)
        ${personId ? 'AND (person_id IS NULL OR person_id = ?)' : ''} ORDER BY created_at DESC LIMIT ?`)
      .pluck()
      .all(...(personId ? [libraryId, personId, limit] : [libraryId, limit])) as FaceId[];
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
const round3 = (v: number): number => Math.round(v * 1000) / 1000;

function qualityParams(q: NewFace['quality']) {
  const m = q?.measures;
  return {
    quality: q?.level ?? null,
    qualitySize: m ? round2(m.sizePx) : null,
    qualitySharpness: m ? round2(m.sharpness) : null,
    qualityExposure: m ? round3(m.exposure) : null,
    qualityClipped: m ? round3(m.clipped) : null,
    headYaw: m?.yaw ?? null,
    headPitch: m?.pitch ?? null,
    headRoll: m?.roll ?? null,
  };
}

function toQuality(r: FaceRow): FaceQuality | null {
  if (r.quality === null || r.quality_sharpness === null || r.quality_exposure === null) return null;
  return {
    quality_for_recognition: r.quality,
    head_pose: { yaw: r.head_yaw ?? 0, pitch: r.head_pitch ?? 0, roll: r.head_roll ?? 0 },
    blur: blurOf(r.quality_sharpness),
    exposure: exposureOf(r.quality_exposure),
    face_size_px: r.quality_size ?? 0,
    sharpness: r.quality_sharpness,
  };
}

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
    quality: toQuality(r),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}
