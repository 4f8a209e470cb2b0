import { join } from 'node:path';
import type { AssetId } from '../../../shared/ids.ts';
import { iou, workingBox, workingToImage, type ImageBox, type WorkingBox } from '../../../shared/geometry.ts';
import { cachePaths } from '../media/cache-paths.ts';
import type { AnalyzeSettings, VisionModels } from '../pipeline/analyze.ts';
import { writeFaceCrop, writeThumbnail } from '../pipeline/derive.ts';
import { sampleWindow, type SampledFrame } from './frames.ts';
import type { VideoSettings } from './video-settings.ts';

export interface VideoWindowTask {
  assetId: AssetId;
  path: string;
  window: number;
  fromMs: number;
  toMs: number;
  fps: number;
  /** Upright working size the frames are decoded at, and the display size boxes are reported in. */
  width: number;
  height: number;
  displayWidth: number;
  displayHeight: number;
  /** This window makes the video's poster (the grid thumbnail). */
  poster: boolean;
  video: VideoSettings;
}

/** One face found in one sampled frame; boxes and landmarks in display-space pixels. */
export interface FrameDetection {
  frameNumber: number;
  /** Position among the faces of its frame, left to right: the reference API's `{frame}_{idx}`. */
  idx: number;
  timestampMs: number;
  box: ImageBox;
  score: number;
  landmarks: Array<[number, number]>;
  /** Embedded detections only: enough to link and recognise, far fewer than all (see VideoSettings.embedEveryMs). */
  embedding: Float32Array | null;
  /** A crop of this detection was written (the best of its run in this window): the face record's crop candidate. */
  crop: string | null;
  quality: number;
}

export interface VideoWindowOutcome {
  assetId: AssetId;
  window: number;
  detections: FrameDetection[];
  /** Timestamps (ms) of the frames that follow a cut: tracks never continue across one. */
  cuts: number[];
  sampledFrames: number;
  timings: { decode: number; detect: number; embed: number; derive: number };
}

/** Where a window's crop candidates wait until the tracks are known (one of them becomes the face crop). */
export const candidateDir = (cacheDir: string, assetId: AssetId): string => join(cacheDir, 'video-candidates', assetId);

/**
 * Detect and embed the faces of one window of a video. Runs in an analysis worker. Detections are
 * chained within the window by box overlap only to decide what to embed and crop: the first sighting
 * of a face, one per `embedEveryMs` after that, and the best-looking one of each chain (its crop).
 */
export async function analyzeVideoWindow(task: VideoWindowTask, settings: AnalyzeSettings, models: VisionModels, cacheDir: string): Promise<VideoWindowOutcome> {
  const timings = { decode: 0, detect: 0, embed: 0, derive: 0 };
  let t = performance.now();
  const lap = (k: keyof typeof timings) => {
    const now = performance.now();
    timings[k] += now - t;
    t = now;
  };
  const frames = await sampleWindow({
    path: task.path, fromMs: task.fromMs, toMs: task.toMs, intervalMs: task.video.sampleIntervalMs,
    width: task.width, height: task.height, sceneThreshold: task.video.sceneThreshold,
  });
  lap('decode');
  const toDisplay = task.displayWidth / task.width;
  const detections: FrameDetection[] = [];
  const chains: Chain[] = [];
  const best = new Map<Chain, { d: FrameDetection; frame: SampledFrame; workBox: WorkingBox }>();
  let posterFrame: SampledFrame | null = null;
  let posterScore = -1;
  for (const frame of frames) {
    const found = await models.detector.detect(frame.image, {
      maxSide: Math.max(task.width, task.height), scoreThreshold: settings.minFaceScore, coarseMaxSide: task.video.coarseMaxSide, zoom: false,
    });
    lap('detect');
    found.sort((a, b) => a.box.x - b.box.x);
    const frameNumber = Math.round((frame.timestampMs * task.fps) / 1000);
    const open = chains.filter((c) => frame.timestampMs - c.lastMs <= task.video.sampleIntervalMs * 2.5 && !frame.sceneChange);
    for (const [idx, f] of found.entries()) {
      const box = workingToImage(workingBox(f.box), toDisplay);
      const chain = open.filter((c) => !c.taken).map((c) => ({ c, o: iou(c.lastBox, box) })).sort((a, b) => b.o - a.o)[0];
      let c: Chain;
      if (chain && chain.o >= 0.3) c = chain.c;
      else chains.push((c = { lastBox: box, lastMs: frame.timestampMs, lastEmbedMs: -Infinity, taken: false }));
      c.taken = true;
      const needEmbed = frame.timestampMs - c.lastEmbedMs >= task.video.embedEveryMs;
      const embedding = needEmbed ? await models.embedder.embed(frame.image, f.landmarks) : null;
      lap('embed');
      if (embedding) c.lastEmbedMs = frame.timestampMs;
      c.lastBox = box;
      c.lastMs = frame.timestampMs;
      const d: FrameDetection = {
        frameNumber, idx, timestampMs: frame.timestampMs, box, score: f.score,
        landmarks: f.landmarks.map(([x, y]) => [x * toDisplay, y * toDisplay] as [number, number]),
        embedding, crop: null, quality: f.score * Math.sqrt(box.w * box.h),
      };
      detections.push(d);
      // Only an embedded detection can be a track's face: its crop, frame and embedding agree.
      const b = best.get(c);
      if (embedding && (!b || d.quality > b.d.quality)) best.set(c, { d, frame, workBox: workingBox(f.box) });
    }
    for (const c of chains) c.taken = false;
    const faceScore = found.reduce((s, f) => s + f.score * f.box.w, 0);
    if (task.poster && (posterFrame === null || faceScore > posterScore)) [posterFrame, posterScore] = [frame, faceScore];
  }
  const dir = candidateDir(cacheDir, task.assetId);
  for (const { d, frame, workBox } of best.values()) {
    d.crop = join(dir, `${d.frameNumber}_${d.idx}.jpg`);
    await writeFaceCrop(frame.image, workBox, d.crop, settings.faceCropSize);
  }
  if (posterFrame) await writeThumbnail(posterFrame.image, cachePaths(cacheDir).thumbnail(task.assetId), settings.thumbnailSize);
  lap('derive');
  return {
    assetId: task.assetId, window: task.window, detections,
    cuts: frames.filter((f) => f.sceneChange).map((f) => f.timestampMs),
    sampledFrames: frames.length, timings,
  };
}

interface Chain {
  lastBox: ImageBox;
  lastMs: number;
  lastEmbedMs: number;
  taken: boolean;
}
