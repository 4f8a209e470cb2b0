import type { Db } from './database.ts';
import type { AssetId, FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { imageBox } from '../../../shared/geometry.ts';
import type { FrameDetection } from '../video/analyze-window.ts';
import type { VideoProbe } from '../video/probe-video.ts';
import type { Segment } from '../video/tracks.ts';
import { mergeSegments } from '../video/tracks.ts';
import { decodeEmbedding, encodeEmbedding } from './embedding.codec.ts';

export interface SpeechChunkRow {
  seq: number;
  startMs: number;
  endMs: number;
  text: string;
  source: string;
}

export interface VideoInfoRow {
  contentHash: string;
  rotation: number;
  subtitles: VideoProbe['subtitles'];
  audio: VideoProbe['audio'];
  contentIdentifier: string | null;
}

/** A sighting of a catalogued face at a sampled frame, for the player. Display-space box. */
export interface FrameSighting {
  face_id: FaceId;
  person_id: PersonId | null;
  frame_number: number;
  frame_index: number;
  timestamp_ms: number;
  box: { x: number; y: number; w: number; h: number };
}

interface DetectionRow {
  frame_number: number;
  frame_index: number;
  timestamp_ms: number;
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
  landmarks: string;
  embedding: Buffer | null;
  crop: string | null;
  quality: number;
}

/** The video tables: what ffprobe said, analysis checkpoints, sightings, track segments, speech. */
export class VideoRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Record a video's probe; a changed file (another hash) throws away the checkpoints of the old one. */
  saveInfo(assetId: AssetId, contentHash: string, p: VideoProbe): void {
    const old = this.#db.prepare('SELECT content_hash FROM video_info WHERE asset_id = ?').pluck().get(assetId) as string | undefined;
    if (old !== undefined && old !== contentHash) this.dropCheckpoints(assetId);
    this.#db
      .prepare(`INSERT INTO video_info (asset_id, content_hash, codec, container, rotation, coded_width, coded_height, audio, subtitles, content_identifier)
        VALUES (@assetId, @contentHash, @codec, @container, @rotation, @codedWidth, @codedHeight, @audio, @subtitles, @contentIdentifier)
        ON CONFLICT (asset_id) DO UPDATE SET content_hash = excluded.content_hash, codec = excluded.codec, container = excluded.container,
          rotation = excluded.rotation, coded_width = excluded.coded_width, coded_height = excluded.coded_height, audio = excluded.audio,
          subtitles = excluded.subtitles, content_identifier = excluded.content_identifier`)
      .run({
        assetId, contentHash, codec: p.codec, container: p.container, rotation: p.rotation, codedWidth: p.codedWidth, codedHeight: p.codedHeight,
        audio: JSON.stringify(p.audio), subtitles: JSON.stringify(p.subtitles), contentIdentifier: p.contentIdentifier,
      });
  }

  info(assetId: AssetId): VideoInfoRow | undefined {
    const r = this.#db.prepare('SELECT content_hash, rotation, audio, subtitles, content_identifier FROM video_info WHERE asset_id = ?').get(assetId) as
      | { content_hash: string; rotation: number; audio: string; subtitles: string; content_identifier: string | null }
      | undefined;
    return r && { contentHash: r.content_hash, rotation: r.rotation, audio: JSON.parse(r.audio), subtitles: JSON.parse(r.subtitles), contentIdentifier: r.content_identifier };
  }

  dropCheckpoints(assetId: AssetId): void {
    this.#db.prepare('DELETE FROM video_windows WHERE asset_id = ?').run(assetId);
    this.#db.prepare('DELETE FROM video_detections WHERE asset_id = ? AND face_id IS NULL').run(assetId);
  }

  /** Windows already analysed, with the cuts found in them. */
  doneWindows(assetId: AssetId): Map<number, number[]> {
    const rows = this.#db.prepare('SELECT window, cuts FROM video_windows WHERE asset_id = ?').all(assetId) as Array<{ window: number; cuts: string }>;
    return new Map(rows.map((r) => [r.window, JSON.parse(r.cuts) as number[]]));
  }

  /** A window's sightings and the window itself, in one go (call inside a transaction). */
  saveWindow(assetId: AssetId, window: number, detections: FrameDetection[], cuts: number[]): void {
    const stmt = this.#db.prepare(`INSERT OR REPLACE INTO video_detections
      (asset_id, frame_number, frame_index, timestamp_ms, x, y, w, h, score, landmarks, embedding, crop, quality)
      VALUES (@assetId, @frameNumber, @idx, @timestampMs, @x, @y, @w, @h, @score, @landmarks, @embedding, @crop, @quality)`);
    for (const d of detections) {
      stmt.run({
        assetId, frameNumber: d.frameNumber, idx: d.idx, timestampMs: d.timestampMs, ...d.box, score: d.score,
        landmarks: JSON.stringify(d.landmarks.map(([x, y]) => [round2(x), round2(y)])),
        embedding: d.embedding ? encodeEmbedding(d.embedding) : null, crop: d.crop, quality: d.quality,
      });
    }
    this.#db.prepare('INSERT OR REPLACE INTO video_windows (asset_id, window, cuts) VALUES (?, ?, ?)').run(assetId, window, JSON.stringify(cuts));
  }

  /** Every checkpointed sighting of a video not yet part of a face. */
  pendingDetections(assetId: AssetId): FrameDetection[] {
    const rows = this.#db
      .prepare(`SELECT frame_number, frame_index, timestamp_ms, x, y, w, h, score, landmarks, embedding, crop, quality
        FROM video_detections WHERE asset_id = ? AND face_id IS NULL ORDER BY timestamp_ms, frame_index`)
      .all(assetId) as DetectionRow[];
    return rows.map((r) => ({
      frameNumber: r.frame_number, idx: r.frame_index, timestampMs: r.timestamp_ms, box: imageBox(r), score: r.score,
      landmarks: JSON.parse(r.landmarks) as Array<[number, number]>, embedding: r.embedding ? decodeEmbedding(r.embedding) : null, crop: r.crop, quality: r.quality,
    }));
  }

  /**
   * The analysis of a video is over: sightings become part of their track's face (their embeddings
   * are dropped, the face keeps the track's), strays are deleted, checkpoints go.
   */
  finish(assetId: AssetId, tracks: Array<{ faceId: FaceId; sightings: Array<{ frameNumber: number; idx: number }>; segments: Segment[] }>): void {
    // Sightings of an earlier analysis of this file belong to faces that were replaced or kept.
    this.#db.prepare('DELETE FROM video_detections WHERE asset_id = ? AND face_id IS NOT NULL AND face_id NOT IN (SELECT id FROM faces WHERE asset_id = ?)').run(assetId, assetId);
    const link = this.#db.prepare('UPDATE video_detections SET face_id = ?, embedding = NULL, crop = NULL WHERE asset_id = ? AND frame_number = ? AND frame_index = ?');
    const seg = this.#db.prepare('INSERT OR REPLACE INTO face_segments (face_id, start_ms, end_ms) VALUES (?, ?, ?)');
    for (const t of tracks) {
      for (const s of t.sightings) link.run(t.faceId, assetId, s.frameNumber, s.idx);
      for (const g of t.segments) seg.run(t.faceId, g.startMs, g.endMs);
    }
    this.#db.prepare('DELETE FROM video_detections WHERE asset_id = ? AND face_id IS NULL').run(assetId);
    this.#db.prepare('DELETE FROM video_windows WHERE asset_id = ?').run(assetId);
  }

  segments(faceId: FaceId): Segment[] {
    return (this.#db.prepare('SELECT start_ms, end_ms FROM face_segments WHERE face_id = ? ORDER BY start_ms').all(faceId) as Array<{ start_ms: number; end_ms: number }>).map(
      (r) => ({ startMs: r.start_ms, endMs: r.end_ms }),
    );
  }

  /** Each face of a video with its segments. */
  segmentsByFace(assetId: AssetId): Map<FaceId, Segment[]> {
    const rows = this.#db
      .prepare(`SELECT s.face_id, s.start_ms, s.end_ms FROM face_segments s JOIN faces f ON f.id = s.face_id WHERE f.asset_id = ? ORDER BY s.start_ms`)
      .all(assetId) as Array<{ face_id: FaceId; start_ms: number; end_ms: number }>;
    const out = new Map<FaceId, Segment[]>();
    for (const r of rows) {
      const list = out.get(r.face_id) ?? [];
      list.push({ startMs: r.start_ms, endMs: r.end_ms });
      out.set(r.face_id, list);
    }
    return out;
  }

  /** When each person is on screen in a video: the union of their faces' segments. */
  appearances(assetId: AssetId): Array<{ personId: PersonId | null; faceIds: FaceId[]; segments: Segment[] }> {
    const rows = this.#db
      .prepare(`SELECT f.id, f.person_id, s.start_ms, s.end_ms FROM faces f JOIN face_segments s ON s.face_id = f.id WHERE f.asset_id = ? ORDER BY s.start_ms`)
      .all(assetId) as Array<{ id: FaceId; person_id: PersonId | null; start_ms: number; end_ms: number }>;
    const groups = new Map<string, { personId: PersonId | null; faceIds: Set<FaceId>; segments: Segment[] }>();
    for (const r of rows) {
      const key = r.person_id ?? r.id; // an unplaced face is its own appearance
      const g = groups.get(key) ?? { personId: r.person_id, faceIds: new Set<FaceId>(), segments: [] };
      g.faceIds.add(r.id);
      g.segments.push({ startMs: r.start_ms, endMs: r.end_ms });
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => ({ personId: g.personId, faceIds: [...g.faceIds], segments: mergeSegments(g.segments) }));
  }

  /** A person's on-screen ranges in each of their videos. */
  personSegments(personId: PersonId): Map<AssetId, Segment[]> {
    const rows = this.#db
      .prepare(`SELECT f.asset_id, s.start_ms, s.end_ms FROM faces f JOIN face_segments s ON s.face_id = f.id WHERE f.person_id = ?`)
      .all(personId) as Array<{ asset_id: AssetId; start_ms: number; end_ms: number }>;
    const byAsset = new Map<AssetId, Segment[]>();
    for (const r of rows) {
      const list = byAsset.get(r.asset_id) ?? [];
      list.push({ startMs: r.start_ms, endMs: r.end_ms });
      byAsset.set(r.asset_id, list);
    }
    return new Map([...byAsset].map(([a, s]) => [a, mergeSegments(s)]));
  }

  /** Every sighting of the catalogued faces of a video, in time order: the player draws these. */
  sightings(assetId: AssetId): FrameSighting[] {
    const rows = this.#db
      .prepare(`SELECT d.face_id, f.person_id, d.frame_number, d.frame_index, d.timestamp_ms, d.x, d.y, d.w, d.h
        FROM video_detections d JOIN faces f ON f.id = d.face_id WHERE d.asset_id = ? ORDER BY d.timestamp_ms, d.frame_index`)
      .all(assetId) as Array<{ face_id: FaceId; person_id: PersonId | null; frame_number: number; frame_index: number; timestamp_ms: number; x: number; y: number; w: number; h: number }>;
    return rows.map((r) => ({ face_id: r.face_id, person_id: r.person_id, frame_number: r.frame_number, frame_index: r.frame_index, timestamp_ms: r.timestamp_ms, box: { x: r.x, y: r.y, w: r.w, h: r.h } }));
  }

  /** Each face's sightings, moment and display-space landmarks in time order: what its track is embedded again from. */
  sightingLandmarks(faceIds: readonly FaceId[]): Map<FaceId, Array<{ ms: number; landmarks: Array<[number, number]> }>> {
    const stmt = this.#db.prepare('SELECT timestamp_ms, landmarks FROM video_detections WHERE face_id = ? ORDER BY timestamp_ms, frame_index');
    return new Map(
      faceIds.map((id) => [id, (stmt.all(id) as Array<{ timestamp_ms: number; landmarks: string }>).map((r) => ({ ms: r.timestamp_ms, landmarks: JSON.parse(r.landmarks) as Array<[number, number]> }))]),
    );
  }

  /** The face a `{frame}_{idx}` sighting belongs to. */
  faceAtFrame(assetId: AssetId, frameNumber: number, idx: number): FaceId | undefined {
    return this.#db.prepare('SELECT face_id FROM video_detections WHERE asset_id = ? AND frame_number = ? AND frame_index = ? AND face_id IS NOT NULL').pluck().get(assetId, frameNumber, idx) as
      | FaceId
      | undefined;
  }

  /**
   * Every video face of a library, each with the other faces of its video on screen at some same
   * moment (and their person): the people engine's cannot-links for tracks.
   */
  concurrentFaces(libraryId: LibraryId): Map<FaceId, Array<{ id: FaceId; personId: PersonId | null }>> {
    const out = new Map<FaceId, Array<{ id: FaceId; personId: PersonId | null }>>();
    const all = this.#db.prepare(`SELECT DISTINCT f.id FROM faces f JOIN face_segments s ON s.face_id = f.id WHERE f.library_id = ?`).pluck().all(libraryId) as FaceId[];
    for (const id of all) out.set(id, []);
    const pairs = this.#db
      .prepare(`SELECT DISTINCT fa.id AS a, fb.id AS b, fb.person_id AS person FROM faces fa
        JOIN face_segments sa ON sa.face_id = fa.id
        JOIN faces fb ON fb.asset_id = fa.asset_id AND fb.id != fa.id
        JOIN face_segments sb ON sb.face_id = fb.id AND sb.start_ms < sa.end_ms AND sa.start_ms < sb.end_ms
        WHERE fa.library_id = ?`)
      .all(libraryId) as Array<{ a: FaceId; b: FaceId; person: PersonId | null }>;
    for (const p of pairs) out.get(p.a)?.push({ id: p.b, personId: p.person });
    return out;
  }

  replaceChunks(assetId: AssetId, chunks: SpeechChunkRow[]): void {
    this.#db.prepare('DELETE FROM speech_chunks WHERE asset_id = ?').run(assetId);
    const stmt = this.#db.prepare('INSERT INTO speech_chunks (asset_id, seq, start_ms, end_ms, text, source) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of chunks) stmt.run(assetId, c.seq, c.startMs, c.endMs, c.text, c.source);
  }

  chunks(assetId: AssetId): SpeechChunkRow[] {
    return (this.#db.prepare('SELECT seq, start_ms, end_ms, text, source FROM speech_chunks WHERE asset_id = ? ORDER BY seq').all(assetId) as Array<{
      seq: number; start_ms: number; end_ms: number; text: string; source: string;
    }>).map((r) => ({ seq: r.seq, startMs: r.start_ms, endMs: r.end_ms, text: r.text, source: r.source }));
  }
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
