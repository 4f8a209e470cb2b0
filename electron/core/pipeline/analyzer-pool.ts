import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { AnalyzeOutcome, AnalyzeSettings, AnalyzeTask } from './analyze.ts';
import type { RegionOutcome, RegionTask } from './embed-region.ts';
import type { BufferOutcome, BufferTask } from './detect-buffer.ts';
import type { VideoWindowOutcome, VideoWindowTask } from '../video/analyze-window.ts';
import type { VideoFound } from '../video/video-file.ts';
import type { ReembedOutcome, ReembedTask } from './reembed-faces.ts';
import { newBigPhotoLock } from './big-photo-gate.ts';

export interface ModelRef {
  id: string;
  path: string;
}

export interface AnalyzerWorkerData {
  models: { detector: ModelRef; embedder: ModelRef };
  settings: AnalyzeSettings;
  cacheDir: string;
  inferenceThreads: number;
  /** Shared by every worker: one photo far bigger than a camera's at a time (big-photo-gate.ts). */
  bigPhotoLock: SharedArrayBuffer;
}

export interface AnalyzerPoolOptions extends Omit<AnalyzerWorkerData, 'inferenceThreads' | 'bigPhotoLock'> {
  threads?: number;
  /** Where the worker script is; a bundled build points this at its own copy. */
  workerFile?: string;
}

const WORKER_HEAP_MB = 512;
/**
 * A worker's JavaScript makes small, short-lived objects (pixels live in buffers outside the heap),
 * yet V8's default young generation grows to tens of MB per worker: capped, the odd-file corpus
 * import peaks ~20 MB lower, at the same CPU per photo on the 12-MP bench.
 */
const WORKER_YOUNG_HEAP_MB = 8;
/**
 * Photos each worker has in hand at once. Inference blocks a worker's thread while decodes, encodes
 * and file writes run on libuv's; with one photo the thread idles through those (a third of the time
 * on small photos), with two the second photo's inference fills most of it, with three the rest
 * (faces-dev, paired runs: 45.1 -> 47.9 and 41.8 -> 44.3 photos/s against two; the 12-MP bench and the
 * odd-file corpus's peak RSS unchanged). Memory: a working image per photo (ONNX Runtime's working
 * memory is per session); a large photo's inference runs alone in its worker (large-photo-lock.ts).
 */
export const PHOTOS_PER_WORKER = 3;

/** A pool of analysis workers, one per core, each with single-threaded inference and PHOTOS_PER_WORKER photos in hand. */
export class AnalyzerPool {
  readonly threads: number;
  /** Photos the pool works on at once. */
  readonly capacity: number;
  /** Which detector and embedder the workers run: recorded on every face. */
  readonly modelIds: { detectorId: string; embedderId: string };
  readonly #pool: Piscina;

  constructor(opts: AnalyzerPoolOptions) {
    this.threads = Math.max(1, opts.threads ?? availableParallelism());
    this.capacity = this.threads * PHOTOS_PER_WORKER;
    this.modelIds = { detectorId: opts.models.detector.id, embedderId: opts.models.embedder.id };
    const workerData: AnalyzerWorkerData = { models: opts.models, settings: opts.settings, cacheDir: opts.cacheDir, inferenceThreads: 1, bigPhotoLock: newBigPhotoLock() };
    this.#pool = new Piscina({
      filename: opts.workerFile ?? new URL('./analyze.worker.ts', import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: PHOTOS_PER_WORKER,
      // A JavaScript heap that runs away on one file (a giant XMP packet, say) ends that worker, not the
      // process; the import records the file and piscina starts a fresh worker.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB },
      workerData,
    });
  }

  /** A photo's whole analysis, or a video's first look (hash and probe). */
  run(task: AnalyzeTask): Promise<AnalyzeOutcome | VideoFound> {
    return this.#pool.run(task) as Promise<AnalyzeOutcome | VideoFound>;
  }

  /** Detect and embed the faces of one window of a video. */
  analyzeVideoWindow(task: VideoWindowTask): Promise<VideoWindowOutcome> {
    return this.#pool.run(task, { name: 'analyzeVideoWindow' }) as Promise<VideoWindowOutcome>;
  }

  /** Detect, align and embed the face inside a box the user drew. */
  embedRegion(task: RegionTask): Promise<RegionOutcome> {
    return this.#pool.run(task, { name: 'embedRegion' }) as Promise<RegionOutcome>;
  }

  /** Detect, align and embed every face in image bytes (an upload to the cloud face API). */
  detectBuffer(task: BufferTask): Promise<BufferOutcome> {
    return this.#pool.run(task, { name: 'detectBuffer' }) as Promise<BufferOutcome>;
  }

  /** Embed stored faces again with the current embedder (after a model change). */
  reembed(task: ReembedTask): Promise<ReembedOutcome> {
    return this.#pool.run(task, { name: 'reembed' }) as Promise<ReembedOutcome>;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
