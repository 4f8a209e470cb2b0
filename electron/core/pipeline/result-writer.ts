import { rm } from 'node:fs/promises';
import type { LibraryId } from '../../../shared/ids.ts';
import { iou } from '../../../shared/geometry.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { AnalyzedMeta } from '../catalogue/asset.repository.ts';
import type { NewFace } from '../catalogue/face.repository.ts';
import { cachePaths } from '../media/cache-paths.ts';
import type { AnalyzeOutcome } from './analyze.ts';

export interface WriteTally {
  done: number;
  errors: number;
  duplicates: number;
  faces: number;
}

/**
 * Writes analysis results in batched transactions. An asset leaves 'pending' in the same transaction
 * that stores its faces, so a crash at any point leaves either all of a photo's faces or none.
 */
export class ResultWriter {
  readonly #catalogue: Catalogue;
  readonly #libraryId: LibraryId;
  readonly #cacheDir: string;
  #buffer: AnalyzeOutcome[] = [];

  constructor(catalogue: Catalogue, libraryId: LibraryId, cacheDir: string) {
    this.#catalogue = catalogue;
    this.#libraryId = libraryId;
    this.#cacheDir = cacheDir;
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  add(outcome: AnalyzeOutcome): void {
    this.#buffer.push(outcome);
  }

  /** Write what is buffered; if the catalogue cannot take it, it stays buffered for the next try. */
  flush(): WriteTally {
    const tally: WriteTally = { done: 0, errors: 0, duplicates: 0, faces: 0 };
    if (this.#buffer.length === 0) return tally;
    const batch = this.#buffer;
    this.#buffer = [];
    const orphans: string[] = [];
    try {
      this.#write(batch, tally, orphans);
    } catch (err) {
      this.#buffer = batch.concat(this.#buffer);
      throw err;
    }
    for (const file of orphans) void rm(file, { force: true });
    return tally;
  }

  /** Drop what could not be written (the photos stay pending and are analysed again), with their files. */
  async discard(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    await Promise.all(batch.flatMap((r) => (r.ok ? this.#derivedFiles(r) : [])).map((f) => rm(f, { force: true })));
  }

  #write(batch: AnalyzeOutcome[], tally: WriteTally, orphans: string[]): void {
    const { assets, faces } = this.#catalogue;
    this.#catalogue.tx(() => {
      for (const r of batch) {
        if (!r.ok) {
          assets.markError(r.assetId, r.error, r.mime);
          tally.errors++;
          continue;
        }
        const meta: AnalyzedMeta = {
          contentHash: r.contentHash,
          mime: r.probe.mime,
          width: r.probe.displayWidth,
          height: r.probe.displayHeight,
          orientation: r.probe.orientation,
          takenAt: r.probe.takenAt,
        };
        const original = assets.findDoneByHash(this.#libraryId, r.contentHash);
        if (original && original !== r.assetId) {
          assets.markDuplicate(r.assetId, original, meta);
          orphans.push(...this.#derivedFiles(r));
          tally.duplicates++;
          continue;
        }
        // Re-analysis of a changed photo keeps faces the user drew or decided on.
        faces.deleteReplaceable(r.assetId);
        const kept = faces.keptOnReanalysis(r.assetId);
        const fresh = r.faces.filter((f) => !kept.some((k) => iou(k.bounding_box, f.box) > 0.5));
        const rows: NewFace[] = fresh.map((f) => ({
          id: f.id,
          assetId: r.assetId,
          libraryId: this.#libraryId,
          box: f.box,
          source: 'automatic',
          confidence: f.score,
          landmarks: f.landmarks,
          timestampMs: null,
          detector: r.detectorId,
          embedding: f.embedding,
          embedder: r.embedderId,
        }));
        faces.insertMany(rows);
        assets.markDone(r.assetId, meta, kept.length + rows.length);
        tally.done++;
        tally.faces += rows.length;
      }
    });
  }

  #derivedFiles(r: Extract<AnalyzeOutcome, { ok: true }>): string[] {
    const paths = cachePaths(this.#cacheDir);
    return [paths.thumbnail(r.assetId), ...r.faces.map((f) => paths.faceCrop(f.id))];
  }
}
