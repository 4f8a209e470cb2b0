import { rename, rm } from 'node:fs/promises';
import type { LibraryId } from '../../../shared/ids.ts';
import { iou } from '../../../shared/geometry.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { AnalyzedMeta } from '../catalogue/asset.repository.ts';
import type { NewFace } from '../catalogue/face.repository.ts';
import { cachePaths } from '../media/cache-paths.ts';
import { StackIndex, type Hashed } from './stacks.ts';
import type { AnalyzeOutcome, AnalyzedFace } from './analyze.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { AssetId, FaceId } from '../../../shared/ids.ts';

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
  #stacks: StackIndex | null = null;

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
    const renames: Array<[string, string]> = [];
    try {
      this.#write(batch, tally, orphans, renames);
    } catch (err) {
      this.#buffer = batch.concat(this.#buffer);
      throw err;
    }
    for (const file of orphans) void rm(file, { force: true });
    // Faces found again keep their ids: their fresh crops take the old names.
    for (const [from, to] of renames) void rename(from, to).catch(() => undefined);
    return tally;
  }

  /** Drop what could not be written (the photos stay pending and are analysed again), with their files. */
  async discard(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    await Promise.all(batch.flatMap((r) => (r.ok ? this.#derivedFiles(r) : [])).map((f) => rm(f, { force: true })));
  }

  #write(batch: AnalyzeOutcome[], tally: WriteTally, orphans: string[], renames: Array<[string, string]>): void {
    const paths = cachePaths(this.#cacheDir);
    const { assets, faces } = this.#catalogue;
    this.#catalogue.tx(() => {
      for (const r of batch) {
        if (!r.ok) {
          assets.markError(r.assetId, r.error, r.mime, r.reason);
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
          phash: r.phash,
          note: r.note,
        };
        const original = assets.findDoneByHash(this.#libraryId, r.contentHash);
        if (original && original !== r.assetId) {
          assets.markDuplicate(r.assetId, original, meta);
          orphans.push(...this.#derivedFiles(r));
          tally.duplicates++;
          continue;
        }
        // Re-analysis (an edited photo): faces still found where they were keep their id, person and every
        // decision (now with the new box and embedding); hand-drawn ones stay while they fit; the rest went.
        const plan = reconcile(faces.byAsset(r.assetId), r.faces, r.probe.displayWidth, r.probe.displayHeight);
        for (const [old, f] of plan.refreshed) {
          faces.refresh(old, { box: f.box, confidence: f.score, landmarks: f.landmarks, detector: r.detectorId, embedding: f.embedding, embedder: r.embedderId, quality: f.quality });
          renames.push([paths.faceCrop(f.id), paths.faceCrop(old)]);
        }
        for (const id of plan.deleted) faces.delete(id);
        for (const f of plan.dropped) orphans.push(paths.faceCrop(f.id));
        const rows: NewFace[] = plan.added.map((f) => ({
          id: f.id,
          assetId: r.assetId,
          libraryId: this.#libraryId,
          box: f.box,
          source: f.manual ? 'manual' : 'automatic',
          confidence: f.manual ? null : f.score,
          landmarks: f.landmarks,
          timestampMs: null,
          detector: r.detectorId,
          embedding: f.embedding,
          embedder: r.embedderId,
          quality: f.quality,
        }));
        faces.insertMany(rows);
        this.#applyNames(r.assetId, r.named.filter((n) => rows.some((row) => row.id === n.faceId)));
        assets.markDone(r.assetId, meta, plan.kept + rows.length);
        this.#stack(r.assetId, r.phash, r.probe.displayWidth, r.probe.displayHeight);
        tally.done++;
        tally.faces += rows.length;
      }
    });
  }

  /** A near-duplicate joins its original's stack; the largest copy stands for the stack. */
  #stack(id: AssetId, phash: string, width: number, height: number): void {
    const { assets } = this.#catalogue;
    this.#stacks ??= new StackIndex(assets.hashes(this.#libraryId));
    const me: Hashed = { id, phash, width, height, stack_id: null };
    const near = this.#stacks.nearest(me);
    if (near) {
      const rep = near.stack_id ?? near.id;
      const repSize = this.#stacks.size(rep);
      if (width * height > repSize) {
        const members = [...assets.stackMembers(rep), rep, id];
        assets.setStack(members, id);
        this.#stacks.repoint(rep, id);
        near.stack_id ??= id;
        me.stack_id = id;
      } else {
        assets.setStack([id, near.id], rep);
        near.stack_id = rep;
        me.stack_id = rep;
      }
    }
    this.#stacks.add(me);
  }

  /**
   * Named XMP regions make user decisions: the face goes to the person of that name (made if there is
   * none), as if the user had put it there. Only faces new to the catalogue: a face the user already
   * decided on keeps that decision. One person at most once per photo.
   */
  #applyNames(assetId: AssetId, named: Array<{ faceId: FaceId; name: string }>): void {
    if (named.length === 0) return;
    const { people, faces } = this.#catalogue;
    const present = this.#catalogue.faces.peopleInAssets([assetId]).get(assetId) ?? new Set();
    for (const { faceId, name } of named) {
      const personId = people.findByName(this.#libraryId, name) ?? people.create({ libraryId: this.#libraryId, name, source: 'user_defined', status: 'confirmed' });
      if (present.has(personId)) continue;
      faces.setPerson(faceId, personId, 'user');
      present.add(personId);
    }
  }

  #derivedFiles(r: Extract<AnalyzeOutcome, { ok: true }>): string[] {
    const paths = cachePaths(this.#cacheDir);
    return [paths.thumbnail(r.assetId), ...r.faces.map((f) => paths.faceCrop(f.id))];
  }
}

interface Reconciled {
  refreshed: Array<[FaceId, AnalyzedFace]>;
  added: AnalyzedFace[];
  /** Detections that are a face the user drew: the drawn one stays. */
  dropped: AnalyzedFace[];
  deleted: FaceId[];
  kept: number;
}

/** Match what a photo had to what its new analysis found, by overlap (IoU > 0.5), best pairs first. */
export function reconcile(old: Face[], found: AnalyzedFace[], width: number, height: number): Reconciled {
  const pairs: Array<{ o: Face; f: AnalyzedFace; score: number }> = [];
  for (const o of old) for (const f of found) {
    const score = iou(o.bounding_box, f.box);
    if (score > 0.5) pairs.push({ o, f, score });
  }
  pairs.sort((a, b) => b.score - a.score);
  const byOld = new Map<FaceId, AnalyzedFace>();
  const taken = new Set<AnalyzedFace>();
  for (const p of pairs) {
    if (byOld.has(p.o.id) || taken.has(p.f)) continue;
    byOld.set(p.o.id, p.f);
    taken.add(p.f);
  }
  const out: Reconciled = { refreshed: [], added: found.filter((f) => !taken.has(f)), dropped: [], deleted: [], kept: 0 };
  for (const o of old) {
    const f = byOld.get(o.id);
    const b = o.bounding_box;
    if (o.source === 'manual') {
      if (f) out.dropped.push(f);
      if (b.x + b.w <= width + 0.5 && b.y + b.h <= height + 0.5) out.kept++;
      else out.deleted.push(o.id);
    } else if (f) {
      out.refreshed.push([o.id, f]);
      out.kept++;
    } else out.deleted.push(o.id);
  }
  return out;
}
