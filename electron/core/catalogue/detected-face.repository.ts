import type { Db } from './database.ts';
import type { ImageBox } from '../../../shared/geometry.ts';
import type { DetectedFaceId } from '../../../shared/ids.ts';
import { decodeEmbedding, encodeEmbedding } from './embedding.codec.ts';

/** A face found in an uploaded image, as detect stores it until it expires. */
export interface NewDetectedFace {
  id: DetectedFaceId;
  imageHash: string;
  /** Display-space pixels of the uploaded image. */
  box: ImageBox;
  landmarks: Array<[number, number]>;
  confidence: number;
  embedding: Float32Array;
  embedder: string;
  expiresAt: number;
}

export interface DetectedFaceVector {
  embedding: Float32Array;
  /** Faces with the same hash came from the same picture. */
  imageHash: string;
  box: { x: number; y: number; w: number; h: number };
}

/**
 * Faces of uploaded images (the cloud API's faceIds). Reads never return an expired face; expired rows
 * are deleted when new faces are stored and when a read meets one, not on every read (group and
 * find-similar read up to a thousand faces per request).
 */
export class DetectedFaceRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  insertMany(faces: NewDetectedFace[], now = Date.now()): void {
    this.purgeExpired(now);
    const stmt = this.#db.prepare(`INSERT INTO detected_faces (id, image_hash, x, y, w, h, landmarks, confidence, embedding, embedder, created_at, expires_at)
      VALUES (@id, @imageHash, @x, @y, @w, @h, @landmarks, @confidence, @embedding, @embedder, @now, @expiresAt)`);
    this.#db.transaction(() => {
      for (const f of faces) {
        stmt.run({
          id: f.id,
          imageHash: f.imageHash,
          ...f.box,
          landmarks: JSON.stringify(f.landmarks.map(([x, y]) => [round2(x), round2(y)])),
          confidence: f.confidence,
          embedding: encodeEmbedding(f.embedding),
          embedder: f.embedder,
          now,
          expiresAt: f.expiresAt,
        });
      }
    })();
  }

  /** The embedding of a face that has not expired; undefined for an expired or unknown id. */
  vector(id: DetectedFaceId, now = Date.now()): DetectedFaceVector | undefined {
    const row = this.#db.prepare('SELECT embedding, image_hash, expires_at, x, y, w, h FROM detected_faces WHERE id = ?').get(id) as
      | { embedding: Buffer; image_hash: string; expires_at: number; x: number; y: number; w: number; h: number }
      | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.purgeExpired(now);
      return undefined;
    }
    return { embedding: decodeEmbedding(row.embedding), imageHash: row.image_hash, box: { x: row.x, y: row.y, w: row.w, h: row.h } };
  }

  /** How many faces are kept right now (for tests and diagnostics). */
  count(now = Date.now()): number {
    this.purgeExpired(now);
    return this.#db.prepare('SELECT COUNT(*) FROM detected_faces').pluck().get() as number;
  }

  purgeExpired(now = Date.now()): number {
    return this.#db.prepare('DELETE FROM detected_faces WHERE expires_at <= ?').run(now).changes;
  }
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
