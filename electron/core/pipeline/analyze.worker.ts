// Runs in a worker thread: decoding and inference never block the core's event loop.
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { FaceDetector } from '../vision/face-detector.ts';
import { FaceEmbedder } from '../vision/face-embedder.ts';
import { collectGarbage } from './collect-garbage.ts';
import { analyzeFile, type AnalyzeOutcome, type AnalyzeTask, type VisionModels } from './analyze.ts';
import type { AnalyzerWorkerData } from './analyzer-pool.ts';
import { BigPhotoGate } from './big-photo-gate.ts';
import { embedRegion as embedRegionIn, type RegionOutcome, type RegionTask } from './embed-region.ts';
import { detectBuffer as detectBufferIn, type BufferOutcome, type BufferTask } from './detect-buffer.ts';
import { analyzeVideoWindow as analyzeVideoWindowIn, type VideoWindowOutcome, type VideoWindowTask } from '../video/analyze-window.ts';
import type { VideoFound } from '../video/video-file.ts';
import { reembedFaces, type ReembedOutcome, type ReembedTask } from './reembed-faces.ts';

const data = workerData as AnalyzerWorkerData;

// One libvips thread per worker: the pool, not libvips, decides how many cores are busy.
sharp.concurrency(1);
sharp.cache(false);

const gate = new BigPhotoGate(data.bigPhotoLock);
let models: Promise<VisionModels> | undefined;

async function loadModels(): Promise<VisionModels> {
  const [detector, embedder] = await Promise.all([
    FaceDetector.create(data.models.detector.path, { threads: data.inferenceThreads }),
    FaceEmbedder.create(data.models.embedder.path, { threads: data.inferenceThreads }),
  ]);
  return { detector, embedder, detectorId: data.models.detector.id, embedderId: data.models.embedder.id };
}

export default async function analyze(task: AnalyzeTask): Promise<AnalyzeOutcome | VideoFound> {
  models ??= loadModels();
  const outcome = await analyzeFile(task, data.settings, await models, data.cacheDir, gate);
  // Peak memory is bounded by what each worker holds: one photo at a time, its garbage freed before the next.
  const t0 = performance.now();
  if (collectGarbage()) outcome.timings.gc = performance.now() - t0;
  return outcome;
}

export async function embedRegion(task: RegionTask): Promise<RegionOutcome> {
  models ??= loadModels();
  return embedRegionIn(task, data.settings, await models, data.cacheDir);
}

export async function analyzeVideoWindow(task: VideoWindowTask): Promise<VideoWindowOutcome> {
  models ??= loadModels();
  return analyzeVideoWindowIn(task, data.settings, await models, data.cacheDir);
}

export async function detectBuffer(task: BufferTask): Promise<BufferOutcome> {
  models ??= loadModels();
  return detectBufferIn(task, data.settings, await models);
}

export async function reembed(task: ReembedTask): Promise<ReembedOutcome> {
  models ??= loadModels();
  return reembedFaces(task, data.settings, await models);
}
