// Runs in a worker thread: decoding and inference never block the core's event loop.
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { FaceDetector } from '../vision/face-detector.ts';
import { FaceEmbedder } from '../vision/face-embedder.ts';
import { collectGarbage } from './collect-garbage.ts';
import { analyzeFile, type AnalyzeOutcome, type AnalyzeTask, type VisionModels } from './analyze.ts';
import type { AnalyzerWorkerData } from './analyzer-pool.ts';
import { BigPhotoGate } from './big-photo-gate.ts';
import { LargePhotoLock } from './large-photo-lock.ts';
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
const large = new LargePhotoLock();

async function loadModels(): Promise<VisionModels> {
  const [detector, embedder] = await Promise.all([
    FaceDetector.create(data.models.detector.path, { threads: data.inferenceThreads }),
    FaceEmbedder.create(data.models.embedder.path, { threads: data.inferenceThreads }),
  ]);
  return { detector, embedder, detectorId: data.models.detector.id, embedderId: data.models.embedder.id };
}

// Loaded as the worker starts (the pool is made as an import begins, so this overlaps the folder
// scan), not on its first photo: ~0.5 s of model loading per worker was in every import's first
// second. A failure is the first task's to report.
const models = loadModels();
models.catch(() => {});

export default async function analyze(task: AnalyzeTask): Promise<AnalyzeOutcome | VideoFound> {
  const outcome = await analyzeFile(task, data.settings, await models, data.cacheDir, gate, large);
  // Peak memory is bounded by what each worker holds: one photo at a time, its garbage freed before the next.
  const t0 = performance.now();
  if (collectGarbage()) outcome.timings.gc = performance.now() - t0;
  return outcome;
}

export async function embedRegion(task: RegionTask): Promise<RegionOutcome> {
  return embedRegionIn(task, data.settings, await models, data.cacheDir);
}

export async function analyzeVideoWindow(task: VideoWindowTask): Promise<VideoWindowOutcome> {
  return analyzeVideoWindowIn(task, data.settings, await models, data.cacheDir);
}

export async function detectBuffer(task: BufferTask): Promise<BufferOutcome> {
  return detectBufferIn(task, data.settings, await models);
}

export async function reembed(task: ReembedTask): Promise<ReembedOutcome> {
  return reembedFaces(task, data.settings, await models);
}
