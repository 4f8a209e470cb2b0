import { realpath, stat } from 'node:fs/promises';
import type { ImportProgress, Job } from '../../../shared/domain/job.ts';
import type { OpParsed } from '../../../shared/contract.ts';
import type { JobId, LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { ImportPayload } from '../catalogue/job.repository.ts';
import type { CoreEvents } from '../events.ts';
import type { AnalyzerPool } from './analyzer-pool.ts';
import type { StageTimings } from './analyze.ts';
import { RateMeter } from './rate-meter.ts';
import { ResultWriter, type WriteTally } from './result-writer.ts';
import { VideoAnalysis } from '../video/video-analysis.ts';
import { DEFAULT_VIDEO_SETTINGS, type VideoSettings } from '../video/video-settings.ts';
import { scanFolder } from './scan.ts';
import { resolveLibrary } from './resolve-library.ts';

export interface ImportRunnerDeps {
  catalogue: Catalogue;
  events: CoreEvents;
  cacheDir: string;
  /** Created on first use: opening models costs time the CLI's listing commands should not pay. */
  pool: () => Promise<AnalyzerPool>;
  /** Group the library's new faces into people once analysis is done. */
  /** The people engine's turn once a job's faces are in: assignment, then grouping. */
  placeFaces: (libraryId: LibraryId) => Promise<unknown>;
  video?: VideoSettings;
}

/** What the last run measured, for benchmarks and logs. */
export interface RunStats {
  jobId: JobId;
  files: number;
  faces: number;
  wallMs: number;
  analyzeMs: number;
  groupMs: number;
  stageMs: Required<StageTimings>;
  /** Videos only: windows, sampled frames, sightings, tracks and per-stage worker time. */
  video: VideoAnalysis['stats'] | null;
}

type Control = { paused: boolean; cancelled: boolean; wake: (() => void) | null };

const WRITE_BATCH = 32;
const WRITE_INTERVAL_MS = 400;
const PROGRESS_INTERVAL_MS = 250;
const CHANGED_INTERVAL_MS = 2000;

/** Runs imports one at a time from a persisted queue; an interrupted import resumes where it stopped. */
export class ImportRunner {
  readonly #deps: ImportRunnerDeps;
  readonly #queue: JobId[] = [];
  readonly #controls = new Map<JobId, Control>();
  readonly #waiters = new Map<JobId, Array<(job: Job) => void>>();
  #active: Promise<void> | null = null;
  #closing = false;
  lastStats: RunStats | null = null;

  constructor(deps: ImportRunnerDeps) {
    this.#deps = deps;
  }

  async start(input: OpParsed<'import.start'>): Promise<Job> {
    const { catalogue } = this.#deps;
    const folders = await Promise.all(input.paths.map(checkFolder));
    const library = resolveLibrary(catalogue, input.library_id, input.library_name);
    const folderRows = catalogue.tx(() => folders.map((p) => catalogue.folders.ensure(library.id, p)));
    const folderIds = folderRows.map((f) => f.id);
    const existing = catalogue.jobs.findUnfinishedImport(library.id, folderIds);
    const job = existing ?? catalogue.jobs.createImport(library.id, { paths: folders, folderIds });
    if (existing?.state === 'paused') catalogue.jobs.setState(job.id, 'queued');
    this.#enqueue(job.id);
    return catalogue.jobs.get(job.id)!;
  }

  /** Resume imports that were queued or running when the process stopped. */
  resumeInterrupted(): Job[] {
    const jobs = this.#deps.catalogue.jobs.interrupted();
    for (const j of jobs) this.#enqueue(j.id);
    return jobs;
  }

  pause(id: JobId): Job {
    const job = this.#get(id);
    if (job.state !== 'running' && job.state !== 'queued') throw new KindredError('conflict', `Job ${id} is ${job.state}; only a running or queued job can be paused.`);
    const control = this.#controls.get(id);
    if (control) control.paused = true;
    this.#deps.catalogue.jobs.setState(id, 'paused');
    return this.#publish(id);
  }

  resume(id: JobId): Job {
    const job = this.#get(id);
    if (job.state !== 'paused' && !(job.state === 'queued' && !this.#queue.includes(id) && !this.#controls.has(id))) {
      throw new KindredError('conflict', `Job ${id} is ${job.state}; only a paused job can be resumed.`);
    }
    const control = this.#controls.get(id);
    this.#deps.catalogue.jobs.setState(id, control ? 'running' : 'queued');
    if (control) {
      control.paused = false;
      control.wake?.();
    } else this.#enqueue(id);
    return this.#publish(id);
  }

  cancel(id: JobId): Job {
    const job = this.#get(id);
    if (!['queued', 'running', 'paused'].includes(job.state)) throw new KindredError('conflict', `Job ${id} is already ${job.state}.`);
    const control = this.#controls.get(id);
    if (control) {
      control.cancelled = true;
      control.paused = false;
      control.wake?.();
      return job;
    }
    const queued = this.#queue.indexOf(id);
    if (queued >= 0) this.#queue.splice(queued, 1);
    this.#finishCancelled(id);
    return this.#get(id);
  }

  wait(id: JobId): Promise<Job> {
    const job = this.#get(id);
    if (!['queued', 'running'].includes(job.state)) return Promise.resolve(job);
    return new Promise((resolve) => {
      const list = this.#waiters.get(id) ?? [];
      list.push(resolve);
      this.#waiters.set(id, list);
    });
  }

  /** Stop taking new files, let in-flight ones land, and leave the queue to resume next time. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#queue.length = 0;
    for (const c of this.#controls.values()) {
      c.paused = false;
      c.wake?.();
    }
    await this.#active;
  }

  #get(id: JobId): Job {
    const job = this.#deps.catalogue.jobs.get(id);
    if (!job) throw new KindredError('not_found', `No job ${id}.`);
    return job;
  }

  #publish(id: JobId): Job {
    const job = this.#get(id);
    this.#deps.events.emit('job.progress', job);
    return job;
  }

  #enqueue(id: JobId): void {
    if (this.#closing || this.#queue.includes(id) || this.#controls.has(id)) return;
    this.#queue.push(id);
    this.#active ??= this.#drain().finally(() => {
      this.#active = null;
    });
  }

  async #drain(): Promise<void> {
    for (let id = this.#queue.shift(); id; id = this.#queue.shift()) {
      try {
        await this.#run(id);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.#deps.catalogue.jobs.setState(id, 'failed', message);
        this.#settle(id);
      }
    }
  }

  async #run(id: JobId): Promise<void> {
    const { catalogue, events } = this.#deps;
    const job = this.#get(id);
    if (job.state === 'paused' || job.state === 'cancelled' || job.state === 'done') return;
    const payload = catalogue.jobs.payload(id)!;
    const control: Control = { paused: false, cancelled: false, wake: null };
    this.#controls.set(id, control);
    const t0 = performance.now();
    let cancelReport = () => {};
    try {
      catalogue.jobs.setState(id, 'running');
      const progress: ImportProgress = { ...job.progress, phase: 'scanning', rate: null, eta_seconds: null };
      const report = throttle(() => {
        catalogue.jobs.setProgress(id, progress);
        events.emit('job.progress', this.#get(id));
      }, PROGRESS_INTERVAL_MS);
      report.now();
      cancelReport = report.cancel;

      await this.#scan(job.library_id, payload, progress, control, report);
      const stats = await this.#analyze(job.library_id, payload, progress, control, report);
      if (this.#closing && !control.cancelled) {
        report.now();
        return; // state stays 'running': the next start resumes it
      }
      if (control.cancelled) {
        report.now();
        this.#finishCancelled(id);
        return;
      }
      progress.phase = 'grouping';
      report.now();
      const g0 = performance.now();
      await this.#deps.placeFaces(job.library_id);
      const groupMs = performance.now() - g0;
      progress.phase = 'finished';
      progress.eta_seconds = 0;
      report.now();
      catalogue.jobs.setState(id, 'done');
      this.lastStats = { ...stats, jobId: id, wallMs: performance.now() - t0, groupMs };
      events.emit('catalogue.changed', { library_id: job.library_id, topics: ['libraries', 'assets', 'faces', 'people'] });
      this.#settle(id);
    } finally {
      cancelReport();
      this.#controls.delete(id);
    }
  }

  async #scan(libraryId: LibraryId, payload: ImportPayload, progress: ImportProgress, control: Control, report: Throttled): Promise<void> {
    const { catalogue } = this.#deps;
    let found = 0;
    for (const [i, folderId] of payload.folderIds.entries()) {
      await scanFolder(payload.paths[i]!, {
        shouldStop: () => control.cancelled || this.#closing,
        onBatch: (files) => {
          catalogue.assets.upsertScanned(libraryId, folderId, files);
          found += files.length;
          progress.files_found = found;
          report();
        },
      });
    }
  }

  async #analyze(
    libraryId: LibraryId,
    payload: ImportPayload,
    progress: ImportProgress,
    control: Control,
    report: Throttled,
  ): Promise<Omit<RunStats, 'jobId' | 'wallMs' | 'groupMs'>> {
    const { catalogue, events, cacheDir } = this.#deps;
    const counts = catalogue.assets.countInFolders(payload.folderIds);
    const pending = catalogue.assets.pending(payload.folderIds);
    progress.phase = 'analyzing';
    progress.files_found = counts.pending + counts.done + counts.error + counts.duplicate;
    progress.files_done = counts.done + counts.error + counts.duplicate;
    progress.files_skipped = counts.error;
    progress.duplicates = counts.duplicate;
    progress.faces = catalogue.faces.countForLibrary(libraryId);
    report.now();
    const stageMs: Required<StageTimings> = { read: 0, hash: 0, probe: 0, decode: 0, detect: 0, embed: 0, derive: 0 };
    const stats: Omit<RunStats, 'jobId' | 'wallMs' | 'groupMs'> = { files: 0, faces: 0, analyzeMs: 0, stageMs, video: null };
    if (pending.length === 0) return stats;

    const pool = await this.#deps.pool();
    const writer = new ResultWriter(catalogue, libraryId, cacheDir);
    const meter = new RateMeter();
    meter.record(progress.files_done);
    const changed = throttle(() => events.emit('catalogue.changed', { library_id: libraryId, topics: ['assets', 'faces'] }), CHANGED_INTERVAL_MS);
    let lastWrite = performance.now();
    const videos = new VideoAnalysis(catalogue, libraryId, cacheDir, pool, this.#deps.video ?? DEFAULT_VIDEO_SETTINGS);
    stats.video = videos.stats;
    const flush = (videoTally?: WriteTally) => {
      const t = videoTally ?? writer.flush();
      lastWrite = performance.now();
      progress.files_done += t.done + t.errors + t.duplicates;
      progress.files_skipped += t.errors;
      progress.duplicates += t.duplicates;
      progress.faces += t.faces;
      stats.faces += t.faces;
      meter.record(progress.files_done);
      progress.rate = meter.rate();
      progress.eta_seconds = meter.eta(progress.files_found - progress.files_done);
      report();
      changed();
    };

    const a0 = performance.now();
    const inFlight = new Set<Promise<void>>();
    const limit = pool.threads * 2;
    for (const asset of pending) {
      while (control.paused && !control.cancelled && !this.#closing) {
        await Promise.all(inFlight);
        flush();
        await new Promise<void>((resolve) => (control.wake = resolve));
        control.wake = null;
      }
      if (control.cancelled || this.#closing) break;
      const task = pool.run({ assetId: asset.id, path: asset.path }).then((outcome) => {
        for (const [k, v] of Object.entries(outcome.timings)) stageMs[k as keyof StageTimings] += v;
        stats.files++;
        if ('video' in outcome) {
          const ids = pool.modelIds;
          return videos.run(outcome, asset.path, () => control.cancelled || this.#closing, ids).then((t) => flush(t));
        }
        writer.add(outcome);
        if (writer.buffered >= WRITE_BATCH || performance.now() - lastWrite > WRITE_INTERVAL_MS) flush();
      });
      const tracked: Promise<void> = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    flush();
    changed.now();
    changed.cancel();
    stats.analyzeMs = performance.now() - a0;
    return stats;
  }

  #finishCancelled(id: JobId): void {
    const { catalogue, events } = this.#deps;
    const payload = catalogue.jobs.payload(id);
    if (payload) catalogue.assets.dropPending(payload.folderIds);
    catalogue.jobs.setState(id, 'cancelled');
    const job = this.#get(id);
    events.emit('catalogue.changed', { library_id: job.library_id, topics: ['libraries', 'assets', 'faces'] });
    this.#settle(id);
  }

  #settle(id: JobId): void {
    const job = this.#get(id);
    this.#deps.events.emit('job.finished', job);
    for (const resolve of this.#waiters.get(id) ?? []) resolve(job);
    this.#waiters.delete(id);
  }
}

async function checkFolder(path: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new KindredError('not_found', `Folder not found: ${path}`);
  }
  if (!info.isDirectory()) throw new KindredError('invalid_input', `Not a folder: ${path}`);
  return realpath(path);
}

interface Throttled {
  (): void;
  now(): void;
  cancel(): void;
}

function throttle(fn: () => void, ms: number): Throttled {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    last = performance.now();
    if (timer) clearTimeout(timer);
    timer = null;
    fn();
  };
  const t = (() => {
    const wait = ms - (performance.now() - last);
    if (wait <= 0) run();
    else timer ??= setTimeout(run, wait);
  }) as Throttled;
  t.now = run;
  t.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return t;
}
