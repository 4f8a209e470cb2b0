import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LibraryId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { NewFace } from '../catalogue/face.repository.ts';
import type { Face } from '../../../shared/domain/face.ts';
import { iou } from '../../../shared/geometry.ts';
import { newId } from '../ids.ts';
import { cachePaths } from '../media/cache-paths.ts';
import type { AnalyzerPool } from '../pipeline/analyzer-pool.ts';
import type { WriteTally } from '../pipeline/result-writer.ts';
import type { FrameDetection, VideoWindowOutcome } from './analyze-window.ts';
import { candidateDir } from './analyze-window.ts';
import { workingSize } from './frames.ts';
import { speechChunks } from './speech.ts';
import { linkTracks, type FaceTrack } from './tracks.ts';
import type { VideoFound } from './video-file.ts';
import type { VideoSettings } from './video-settings.ts';

export interface VideoRunStats {
  windows: number;
  sampledFrames: number;
  detections: number;
  tracks: number;
  timings: VideoWindowOutcome['timings'];
}

/**
 * One video's analysis, driven from the import: its windows go through the analysis pool (so the
 * workers share one long video), each window's sightings are checkpointed as it lands, and once every
 * window is in, the sightings are linked into tracks and written as faces in the same transaction
 * that marks the video done. A killed import finds the windows it finished and does only the rest;
 * faces are only ever written once, at the end.
 */
export class VideoAnalysis {
  readonly #catalogue: Catalogue;
  readonly #libraryId: LibraryId;
  readonly #cacheDir: string;
  readonly #pool: AnalyzerPool;
  readonly #settings: VideoSettings;
  readonly stats: VideoRunStats = { windows: 0, sampledFrames: 0, detections: 0, tracks: 0, timings: { decode: 0, detect: 0, embed: 0, derive: 0 } };

  constructor(catalogue: Catalogue, libraryId: LibraryId, cacheDir: string, pool: AnalyzerPool, settings: VideoSettings) {
    this.#catalogue = catalogue;
    this.#libraryId = libraryId;
    this.#cacheDir = cacheDir;
    this.#pool = pool;
    this.#settings = settings;
  }

  /** Analyse what is left of a video; returns what was written (nothing when stopped before the end). */
  async run(found: VideoFound, path: string, shouldStop: () => boolean, ids: { detectorId: string; embedderId: string }): Promise<WriteTally> {
    const { assetId, probe, contentHash } = found;
    const { assets, videos } = this.#catalogue;
    const tally: WriteTally = { done: 0, errors: 0, duplicates: 0, faces: 0 };
    const meta = { contentHash, mime: probe.mime, width: probe.displayWidth, height: probe.displayHeight, orientation: null, takenAt: probe.createdAt };
    const original = assets.findDoneByHash(this.#libraryId, contentHash);
    if (original && original !== assetId) {
      this.#catalogue.tx(() => assets.markDuplicate(assetId, original, meta));
      return { ...tally, duplicates: 1 };
    }
    this.#catalogue.tx(() => videos.saveInfo(assetId, contentHash, probe));
    const count = Math.max(1, Math.ceil(probe.durationMs / this.#settings.windowMs));
    const done = videos.doneWindows(assetId);
    const size = workingSize(probe.displayWidth, probe.displayHeight, this.#settings.maxSide);
    const todo = [...Array(count).keys()].filter((w) => !done.has(w));
    // As many windows in flight as there are workers: a stop leaves little half-done work behind.
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !shouldStop()) {
        const w = todo[next++]!;
        const out = await this.#pool.analyzeVideoWindow({
          assetId, path, window: w, fromMs: w * this.#settings.windowMs, toMs: Math.min(probe.durationMs || Infinity, (w + 1) * this.#settings.windowMs),
          fps: probe.fps, ...size, displayWidth: probe.displayWidth, displayHeight: probe.displayHeight, poster: w === 0, video: this.#settings,
        });
        this.#catalogue.tx(() => videos.saveWindow(assetId, w, out.detections, out.cuts));
        done.set(w, out.cuts);
        this.stats.windows++;
        this.stats.sampledFrames += out.sampledFrames;
        this.stats.detections += out.detections.length;
        for (const k of Object.keys(out.timings) as Array<keyof VideoRunStats['timings']>) this.stats.timings[k] += out.timings[k];
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#pool.threads, todo.length) }, worker));
    if (done.size < count) return tally; // stopped: the checkpoints stay for the next run

    const detections = videos.pendingDetections(assetId);
    const tracks = linkTracks(detections, [...done.values()].flat(), probe.durationMs, this.#settings);
    this.stats.tracks += tracks.length;
    const chunks = await speechChunks(path, probe);
    const paths = cachePaths(this.#cacheDir);
    const rows = tracks.map((t) => ({ track: t, face: this.#faceRow(assetId, t, ids) }));
    const written = this.#catalogue.tx(() => {
      const again = assets.findDoneByHash(this.#libraryId, contentHash);
      if (again && again !== assetId) {
        assets.markDuplicate(assetId, again, meta);
        videos.dropCheckpoints(assetId);
        return null;
      }
      const { faces } = this.#catalogue;
      // Re-analysis (the file changed): faces the user drew or decided on stay, and a new track that is
      // the same face at the same time is left out; every other old face goes.
      const existing = faces.byAsset(assetId);
      const kept = existing.filter((f) => f.source === 'manual' || f.assignment === 'user');
      for (const f of existing) if (!kept.includes(f)) faces.delete(f.id);
      const fresh = rows.filter(({ track }) => !kept.some((k) => sameFace(k, track)));
      faces.insertMany(fresh.map((r) => r.face));
      videos.finish(assetId, fresh.map(({ track, face }) => ({ faceId: face.id, sightings: track.detections.map((d) => ({ frameNumber: d.frameNumber, idx: d.idx })), segments: track.segments })));
      videos.replaceChunks(assetId, chunks);
      assets.markDone(assetId, meta, kept.length + fresh.length);
      assets.setTimeline(assetId, { durationMs: probe.durationMs, fps: probe.fps, frameCount: probe.frameCount });
      return fresh;
    });
    if (written) {
      for (const { track, face } of written) {
        const to = paths.faceCrop(face.id);
        await mkdir(dirname(to), { recursive: true });
        await rename(track.best.crop!, to).catch(() => undefined); // a lost crop is made again on request
      }
    }
    await rm(candidateDir(this.#cacheDir, assetId), { recursive: true, force: true });
    if (!written) return { ...tally, duplicates: 1 };
    return { ...tally, done: 1, faces: written.length };
  }

  #faceRow(assetId: VideoFound['assetId'], t: FaceTrack, ids: { detectorId: string; embedderId: string }): NewFace {
    const b: FrameDetection = t.best;
    return {
      id: newId('face'), assetId, libraryId: this.#libraryId, box: b.box, source: 'automatic', confidence: b.score, landmarks: b.landmarks,
      timestampMs: b.timestampMs, frameNumber: b.frameNumber, frameIndex: b.idx, detector: ids.detectorId, embedding: t.embedding, embedder: ids.embedderId,
    };
  }
}

/** A kept face is this track when the track was seen near the kept face's moment, in about its place. */
function sameFace(kept: Face, track: FaceTrack): boolean {
  if (kept.timestamp_ms === null) return false;
  const near = track.detections.filter((d) => Math.abs(d.timestampMs - kept.timestamp_ms!) <= 1000);
  return near.some((d) => iou(d.box, kept.bounding_box) > 0.3);
}
