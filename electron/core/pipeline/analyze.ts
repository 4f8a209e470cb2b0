import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { AssetId, FaceId } from '../../../shared/ids.ts';
import { imageToWorking, workingBox, workingToImage, type Box, type ImageBox } from '../../../shared/geometry.ts';
import type { FaceDetector } from '../vision/face-detector.ts';
import type { FaceEmbedder } from '../vision/face-embedder.ts';
import { alignFace } from '../vision/align.ts';
import { freeNow } from '../vision/free-now.ts';
import type { RgbImage } from '../vision/image.ts';
import { isStorageCode } from '../storage-problem.ts';
import { newId } from '../ids.ts';
import { cachePaths } from '../media/cache-paths.ts';
import { decodeUpright, type SourceFile } from './decode.ts';
import { thumbnailPixels, writeFaceCrop, writePreview, writeThumbnail, type Thumbnail } from './derive.ts';
import { FileProblem } from './file-problem.ts';
import { BIG_PHOTO_PIXELS, type BigPhotoGate } from './big-photo-gate.ts';
import { isLargePhoto, type LargePhotoLock } from './large-photo-lock.ts';
import { faceQuality, type MeasuredQuality } from './face-quality.stage.ts';
import { refineAll } from '../vision/refine-landmarks.ts';
import { admitBytes, admitFile, probeImage, type Admitted, type Header, type ImageSource, type Probe } from './probe.ts';
import { findVideo, sniffVideo, type VideoFound } from '../video/video-file.ts';
import { facesForRegions } from './region-faces.ts';
import { readRegions } from './xmp-regions.ts';
import { perceptualHash } from './stacks.ts';
import type { SkipReason } from '../../../shared/domain/skip-reason.ts';

export interface AnalyzeSettings {
  /** Longest side of the decoded working image that detection, alignment and thumbnails share. */
  workingMaxSide: number;
  /**
   * Longest side the detector's fine pass sees; sets the smallest face that can be found. The whole
   * working image: on the 12-MP bench 108 of 125 faces 40 px wide are found at 2048 against 29 at
   * 1280, for about 60 ms more detection per photo (e2e/bench/import.bench.ts).
   */
  detectMaxSide: number;
  minFaceScore: number;
  maxPixels: number;
  maxFileBytes: number;
  thumbnailSize: number;
  faceCropSize: number;
}

export const DEFAULT_ANALYZE_SETTINGS: AnalyzeSettings = {
  workingMaxSide: 2048,
  detectMaxSide: 2048,
  minFaceScore: 0.6,
  maxPixels: 200_000_000,
  maxFileBytes: 1024 * 1024 * 1024,
  thumbnailSize: 480,
  faceCropSize: 160,
};

export interface VisionModels {
  detector: FaceDetector;
  embedder: FaceEmbedder;
  detectorId: string;
  embedderId: string;
}

export interface AnalyzeTask {
  assetId: AssetId;
  path: string;
}

export interface AnalyzedFace {
  id: FaceId;
  box: ImageBox;
  score: number;
  landmarks: Array<[number, number]>;
  embedding: Float32Array;
  quality: MeasuredQuality;
  /** A face made for a named region of the photo's XMP that no detection matched. */
  manual?: boolean;
}

export type StageTimings = Partial<Record<'read' | 'hash' | 'probe' | 'decode' | 'detect' | 'embed' | 'derive' | 'gc', number>>;

/** A derived file could not be written to the cache (disk full, read-only): the photo is fine, try it again later. */
export interface StorageFault {
  code: string;
  message: string;
}

export type AnalyzeOutcome =
  | {
      ok: true;
      assetId: AssetId;
      contentHash: string;
      probe: Probe;
      /** Catalogued despite a problem ("damaged file: …"), or null. */
      note: string | null;
      faces: AnalyzedFace[];
      /** Perceptual hash of the upright image (near-duplicate stacks). */
      phash: string;
      /** Names the photo's XMP face regions give its faces. */
      named: Array<{ faceId: FaceId; name: string }>;
      detectorId: string;
      embedderId: string;
      timings: StageTimings;
    }
  | { ok: false; assetId: AssetId; error: string; reason: SkipReason; mime: string | null; timings: StageTimings; storage?: StorageFault };

/**
 * Everything Kindred learns from one photo, in one decode. A video only gets its first look here (hash
 * and probe); its frames are analysed window by window (video/analyze-window.ts). The original is only
 * ever read.
 */
export async function analyzeFile(
  task: AnalyzeTask,
  settings: AnalyzeSettings,
  models: VisionModels,
  cacheDir: string,
  gate?: BigPhotoGate,
  large?: LargePhotoLock,
): Promise<AnalyzeOutcome | VideoFound> {
  const timings: StageTimings = {};
  const clock = stopwatch(timings);
  let leaveGate = () => {};
  let leaveLarge = () => {};
  try {
    // A file of a photo's size is read whole first: its type and header come from those bytes, once.
    // A larger one is known by its first bytes and header before the rest is read: a huge non-image or a
    // bomb costs a few KB, and large photos sharp reads itself are decoded and hashed from the file.
    const file = await clock('probe', () => stat(task.path));
    const whole = file.size > 0 && file.size <= READ_WHOLE_BYTES ? await clock('read', () => readFile(task.path)) : null;
    let admitted: Admitted;
    let header: Header | undefined;
    if (whole) {
      const known = await clock('probe', () => admitBytes(whole, file.mtimeMs, settings));
      if ('video' in known) return await findVideo(task.assetId, task.path, known.video);
      ({ admitted, header } = known);
    } else {
      const videoMime = await sniffVideo(task.path);
      if (videoMime) return await findVideo(task.assetId, task.path, videoMime);
      admitted = await clock('probe', () => admitFile(task.path, settings));
    }
    if (admitted.pixels > BIG_PHOTO_PIXELS) {
      if (gate) leaveGate = await gate.enter();
      // Its decode can need ~100 MB more than a camera photo's (a 196-MP PNG: ~85 MB of rows in libvips),
      // and the arena an earlier photo's detection left sits idle until then: given back first, grown
      // again by this photo's detection.
      await models.detector.shedArena();
    }
    const { source, contentHash } = await readForAnalysis(task.path, admitted, clock, whole);
    const probe = await clock('probe', () => probeImage(source, { maxPixels: settings.maxPixels }, header));
    const img = await clock('decode', () =>
      decodeUpright(source, { maxSide: settings.workingMaxSide, maxPixels: settings.maxPixels, mime: probe.mime, file: sourceFile(task.path, admitted), meta: header?.meta }),
    );
    const note = admitted.note ?? img.damage;
    // The grid thumbnail's pixels first: the detector's coarse pass is made from them.
    const thumbPixels = await clock('decode', () => thumbnailPixels(img, settings.thumbnailSize));
    if (large && isLargePhoto(admitted.pixels)) leaveLarge = await large.enter();
    // Landmarks are refined with a second look at each face (refine-landmarks.ts): part of finding it.
    const detectOpts = { maxSide: settings.detectMaxSide, scoreThreshold: settings.minFaceScore, coarseSource: thumbPixels };
    const detections = await clock('detect', async () => refineAll(models.detector, img, await models.detector.detect(img, detectOpts)));
    // Aligned crops in, vectors out, batched as the embedder file allows (fr_feature_prelu_max: one a run).
    // The aligned crops serve the face quality too (a second alignment was a third of its time).
    const aligned = await clock('embed', async () => detections.map((d) => alignFace(img, d.landmarks)));
    const embeddings = await clock('embed', () => models.embedder.embedAlignedBatch(aligned));
    leaveLarge();
    leaveGate();
    const toDisplay = probe.displayWidth / img.width;
    const faces: AnalyzedFace[] = detections.map((d, i) => ({
      id: newId('face'),
      box: workingToImage(workingBox(d.box), toDisplay),
      score: d.score,
      landmarks: d.landmarks.map(([x, y]) => [x * toDisplay, y * toDisplay] as [number, number]),
      embedding: embeddings[i]!,
      quality: faceQuality(img, d, aligned[i]),
    }));
    const regions = await clock('embed', async () => facesForRegions(await readRegions(source, task.path), faces, probe, img, models));
    const toWorking = img.width / probe.displayWidth;
    const cropBoxes = [
      ...detections,
      ...regions.manual.map((f) => ({ box: imageToWorking(f.box, toWorking) })),
    ];
    const all = [...faces, ...regions.manual];
    const derived = await clock('derive', () => writeDerived(img, thumbPixels, task.assetId, cropBoxes, all, settings, cacheDir));
    if ('code' in derived) {
      freeNow(img.data);
      return { ok: false, assetId: task.assetId, error: derived.message, reason: 'unreadable', mime: probe.mime, timings, storage: derived };
    }
    // From the thumbnail's pixels: the same picture at a size where the hash costs ~1 ms, not ~20.
    const phash = await clock('derive', () => perceptualHash(derived.pixels));
    freeNow(typeof source === 'string' ? undefined : source, img.data, thumbPixels.data);
    return { ok: true, assetId: task.assetId, contentHash, probe, note, faces: all, phash, named: regions.named, detectorId: models.detectorId, embedderId: models.embedderId, timings };
  } catch (err) {
    const failed = (error: string, reason: SkipReason, mime: string | null = null) => ({ ok: false as const, assetId: task.assetId, error, reason, mime, timings });
    if (err instanceof FileProblem) return failed(err.message, err.reason, err.mime);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return failed('file disappeared before it could be read', 'vanished');
    if (e.code === 'EACCES' || e.code === 'EPERM') return failed('permission denied reading the file', 'unreadable');
    if (e.code === 'EISDIR') return failed('not a file', 'not_regular_file');
    if (e.code === 'ENAMETOOLONG') return failed('path too long for this system to open', 'path_too_long');
    if (e.code === 'EIO') return failed('the disk reported an I/O error reading the file', 'unreadable');
    throw err;
  } finally {
    leaveGate();
    leaveLarge();
  }
}

/**
 * The thumbnail and face crops, all or none: a write that fails (the cache's disk is full, say) takes
 * the files already written for this photo with it and is reported, not thrown, so the runner can
 * wait for space and try the photo again. Returns the thumbnail when all were written.
 */
async function writeDerived(
  img: RgbImage,
  thumbPixels: RgbImage,
  assetId: AssetId,
  /** Where to crop, in the working image's pixels. */
  detections: Array<{ box: Box }>,
  faces: AnalyzedFace[],
  settings: AnalyzeSettings,
  cacheDir: string,
): Promise<StorageFault | Thumbnail> {
  const paths = cachePaths(cacheDir);
  const written: string[] = [];
  try {
    written.push(paths.thumbnail(assetId));
    const thumbnail = await writeThumbnail(img, paths.thumbnail(assetId), settings.thumbnailSize, thumbPixels);
    written.push(paths.preview(assetId));
    await writePreview(img, paths.preview(assetId), thumbnail);
    for (const [i, d] of detections.entries()) {
      written.push(paths.faceCrop(faces[i]!.id));
      await writeFaceCrop(img, d.box, paths.faceCrop(faces[i]!.id), settings.faceCropSize);
    }
    return thumbnail;
  } catch (err) {
    await Promise.all(written.map((f) => rm(f, { force: true })));
    const e = err as NodeJS.ErrnoException;
    if (!isStorageCode(e.code)) throw err;
    return { code: e.code!, message: e.message };
  }
}

/** Above this, a photo sharp reads itself is not held in memory: decoded from its path, hashed as a stream. */
const HOLD_AT_MOST_BYTES = 32 * 1024 * 1024;
/** Up to this, a file is read whole before it is admitted (a camera's JPEG, a phone's HEIC): one read, one header. */
export const READ_WHOLE_BYTES = 8 * 1024 * 1024;

/** The photo's bytes, or its path when it is large and sharp reads it itself. */
export async function readSource(path: string, admitted: Admitted): Promise<ImageSource> {
  return admitted.streamable && admitted.size > HOLD_AT_MOST_BYTES ? path : readFile(path, { flag: 'r' });
}

/** The file admitted bytes were read from, as admitFile saw it. */
export function sourceFile(path: string, admitted: Admitted): SourceFile {
  return { path, size: admitted.size, mtimeMs: admitted.mtimeMs };
}

async function readForAnalysis(path: string, admitted: Admitted, clock: ReturnType<typeof stopwatch>, whole: Buffer | null): Promise<{ source: ImageSource; contentHash: string }> {
  const source = whole ?? (await clock('read', () => readSource(path, admitted)));
  const contentHash = await clock('hash', async () => (typeof source === 'string' ? hashFile(source) : createHash('sha256').update(source).digest('hex')));
  return { source, contentHash };
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

function stopwatch(timings: StageTimings) {
  return async <T>(stage: keyof StageTimings, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - t0;
    }
  };
}
