import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportProgress, Job } from '../../../shared/domain/job.ts';
import type { OpParsed } from '../../../shared/contract.ts';
import type { JobId, LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { ImportPayload } from '../catalogue/job.repository.ts';
import type { PendingAsset } from '../catalogue/asset.repository.ts';
import { asStorageProblem, refineByFreeSpace, type StorageProblem } from '../storage-problem.ts';
import type { CoreEvents } from '../events.ts';
import type { AnalyzerPool } from './analyzer-pool.ts';
import type { StageTimings } from './analyze.ts';
import { RateMeter } from './rate-meter.ts';
import { ResultWriter, type WriteTally } from './result-writer.ts';
import { VideoAnalysis } from '../video/video-analysis.ts';
import { DEFAULT_VIDEO_SETTINGS, type VideoSettings } from '../video/video-settings.ts';
import { scanFolder } from './scan.ts';
import { FolderSync } from './folder-sync.ts';
import { libraryForImport } from '../catalogue/library-choice.ts';

export interface ImportRunnerDeps {
  catalogue: Catalogue;
  events: CoreEvents;
  cacheDir: string;
  /** The data folder, named in messages about it and checked for free space. */
  dataDir?: string;
  /** Created on first use: opening models costs time the CLI's listing commands should not pay. */
  pool: () => Promise<AnalyzerPool>;
  /** Group the library's new faces into people once analysis is done. */
  /** The people engine's turn once a job's faces are in: assignment, then grouping. */
  placeFaces: (libraryId: LibraryId) => Promise<unknown>;
  video?: VideoSettings;
  /** Throws a StorageProblem when the catalogue file is gone and cannot be written back yet. */
  checkCatalogue?: () => void;
  /** Settles when the runner may start work (the start-up sweep of the cache is done). */
  ready?: Promise<unknown>;
  /** How long a job waits for a full or read-only data folder before it tries again (default 3 s). */
  storageRetryMs?: number;
}

/** What the last run measured, for benchmarks and logs. */
export interface RunStats {
  jobId: JobId;
  files: number;
  faces: number;
  wallMs: number;
  analyzeMs: number;
  /** CPU time of the whole process (every thread) over the analysis phase: with analyzeMs, how busy the cores were. */
  analyzeCpuMs: number;
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
const STORAGE_RETRY_MS = 3000;
/** Written and removed again before retrying photos whose crops did not fit: about one photo's files. */
const PROBE_BYTES = 256 * 1024;

/** Runs imports one at a time from a persisted queue; an interrupted import resumes where it stopped. */
export class ImportRunner {
  readonly #deps: ImportRunnerDeps;
  readonly #queue: JobId[] = [];
  readonly #controls = new Map<JobId, Control>();
  readonly #waiters = new Map<JobId, Array<(job: Job) => void>>();
  /** Jobs held up by the data folder (full, read-only…): shown as 'waiting', never written (it may not be writable). */
  readonly #waiting = new Map<JobId, StorageProblem>();
  /** A running job's progress as it is, even when the catalogue could not take the last update. */
  readonly #progress = new Map<JobId, ImportProgress>();
  /** Jobs that failed when even their failure could not be written. */
  readonly #failed = new Map<JobId, string>();
  #active: Promise<void> | null = null;
  #closing = false;
  lastStats: RunStats | null = null;

  constructor(deps: ImportRunnerDeps) {
    this.#deps = deps;
  }

  async start(input: OpParsed<'import.start'>): Promise<Job> {
    const { catalogue } = this.#deps;
    const folders = await Promise.all(input.paths.map(checkFolder));
    const library = libraryForImport(catalogue, input.library_id, input.library_name);
    const folderRows = catalogue.tx(() => folders.map((p) => catalogue.folders.ensure(library.id, p)));
    const folderIds = folderRows.map((f) => f.id);
    const existing = catalogue.jobs.findUnfinishedImport(library.id, folderIds);
    const job = existing ?? catalogue.jobs.createImport(library.id, { paths: folders, folderIds });
    if (existing?.state === 'paused') catalogue.jobs.setState(job.id, 'queued');
    this.#enqueue(job.id);
    return catalogue.jobs.get(job.id)!;
  }

  /**
   * Look at a library's folders again, as they were imported (a folder whose disk is not mounted is not
   * an error here: its photos go offline). An unfinished import of the same folders is resumed instead.
   */
  rescan(libraryId: LibraryId): Job {
    const { catalogue } = this.#deps;
    const folders = catalogue.folders.list(libraryId);
    const folderIds = folders.map((f) => f.id);
    const existing = catalogue.jobs.findUnfinishedImport(libraryId, folderIds);
    const job = existing ?? catalogue.jobs.createImport(libraryId, { paths: folders.map((f) => f.path), folderIds });
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
    if (job.state !== 'running' && job.state !== 'queued' && job.state !== 'waiting') throw new KindredError('conflict', `Job ${id} is ${job.state}; only a running or queued job can be paused.`);
    const control = this.#controls.get(id);
    if (control) control.paused = true;
    this.#deps.catalogue.jobs.setState(id, 'paused');
    return this.#publish(id);
  }

  resume(id: JobId): Job {
    const job = this.#get(id);
    if (job.state === 'waiting') {
      this.#controls.get(id)?.wake?.(); // try the write again now
      return job;
    }
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
    if (!['queued', 'running', 'paused', 'waiting'].includes(job.state)) throw new KindredError('conflict', `Job ${id} is already ${job.state}.`);
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

  /** Resolves when the job stops making progress: finished, failed, cancelled, paused, or waiting for the disk. */
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

  /** A job as the catalogue has it, with what only this process knows: waiting, live progress, an unwritable failure. */
  view(job: Job): Job {
    const waiting = this.#waiting.get(job.id);
    const progress = this.#progress.get(job.id);
    const failed = this.#failed.get(job.id);
    if (failed !== undefined) return { ...job, state: 'failed', error: failed };
    if (!waiting && !progress) return job;
    return { ...job, ...(progress ? { progress: { ...progress } } : {}), ...(waiting ? { state: 'waiting', error: waiting.message } : {}) };
  }

  #get(id: JobId): Job {
    const job = this.#deps.catalogue.jobs.get(id);
    if (!job) throw new KindredError('not_found', `No job ${id}.`);
    return this.view(job);
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
      // A job queued while the loop was finishing would otherwise wait for the next one.
      const next = this.#queue.shift();
      if (next) this.#enqueue(next);
    });
  }

  async #drain(): Promise<void> {
    await this.#deps.ready;
    for (let id = this.#queue.shift(); id; id = this.#queue.shift()) {
      try {
        await this.#run(id);
      } catch (err) {
        this.#fail(id, err);
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
      const progress: ImportProgress = { ...job.progress, phase: 'scanning', rate: null, eta_seconds: null };
      this.#progress.set(id, progress);
      const report = throttle(() => {
        try {
          catalogue.jobs.setProgress(id, progress);
        } catch {
          // Progress is advisory: the next report writes it again; the event below still carries it.
        }
        events.emit('job.progress', this.#get(id));
      }, PROGRESS_INTERVAL_MS);
      cancelReport = report.cancel;
      if (!(await this.#stored(id, control, () => catalogue.jobs.setState(id, 'running')))) return;
      report.now();

      // The analysis workers start and load their models while the folders are scanned; an error
      // (no models yet) is the analysis's to report.
      this.#deps.pool().catch(() => {});
      if (!(await this.#scan(id, job.library_id, payload, progress, control, report))) return this.#stopped(id, control, report);
      const stats = await this.#analyze(id, job.library_id, payload, progress, control, report);
      if (!stats || this.#closing || control.cancelled) return this.#stopped(id, control, report);
      progress.phase = 'grouping';
      report.now();
      const g0 = performance.now();
      if (!(await this.#stored(id, control, () => this.#deps.placeFaces(job.library_id)))) return this.#stopped(id, control, report);
      const groupMs = performance.now() - g0;
      progress.phase = 'finished';
      progress.eta_seconds = 0;
      report.now();
      if (!(await this.#stored(id, control, () => catalogue.jobs.setState(id, 'done')))) return this.#stopped(id, control, report);
      this.lastStats = { ...stats, jobId: id, wallMs: performance.now() - t0, groupMs };
      events.emit('catalogue.changed', { library_id: job.library_id, topics: ['libraries', 'assets', 'faces', 'people'] });
      this.#settle(id);
    } finally {
      cancelReport();
      this.#controls.delete(id);
      this.#progress.delete(id);
      this.#waiting.delete(id);
    }
  }

  /** Closing leaves the job 'running' for the next start to resume; a cancel finishes it. */
  async #stopped(id: JobId, control: Control, report: Throttled): Promise<void> {
    report.now();
    if (!control.cancelled) return;
    const payload = this.#deps.catalogue.jobs.payload(id);
    if (await this.#stored(id, control, () => this.#dropAndCancel(id, payload), () => this.#closing)) this.#announceCancelled(id);
  }

  async #scan(id: JobId, libraryId: LibraryId, payload: ImportPayload, progress: ImportProgress, control: Control, report: Throttled): Promise<boolean> {
    const { catalogue } = this.#deps;
    const stop = () => control.cancelled || this.#closing;
    const sync = new FolderSync(catalogue, libraryId);
    let found = 0;
    let stopped = false;
    for (const [i, folderId] of payload.folderIds.entries()) {
      const root = payload.paths[i]!;
      if (!(await sync.checkRoot(folderId, root))) continue; // its disk is not there: its assets are offline, not gone
      catalogue.scanSkips.clear(folderId);
      await scanFolder(root, {
        shouldStop: () => stopped || stop(),
        onSkip: (skips) => catalogue.scanSkips.add(folderId, skips),
        onUnreadableFolder: (path) => sync.unreadable(path),
        onBatch: async (files) => {
          if (!(await this.#stored(id, control, () => catalogue.assets.upsertScanned(libraryId, folderId, files)))) {
            stopped = true;
            return;
          }
          sync.seen(files.map((f) => f.path));
          found += files.length;
          progress.files_found = found;
          report();
        },
      });
    }
    // Only a complete scan may conclude that a file is gone.
    if (stopped || stop()) return false;
    Object.assign(progress, await sync.finish(stop));
    report();
    return true;
  }

  /** Analyse what is pending; null when the job was stopped (closing, cancelled) before the end. */
  async #analyze(
    id: JobId,
    libraryId: LibraryId,
    payload: ImportPayload,
    progress: ImportProgress,
    control: Control,
    report: Throttled,
  ): Promise<Omit<RunStats, 'jobId' | 'wallMs' | 'groupMs'> | null> {
    const { catalogue, events, cacheDir } = this.#deps;
    const counts = catalogue.assets.countInFolders(payload.folderIds);
    const pending = catalogue.assets.pending(payload.folderIds);
    const setAside = catalogue.scanSkips.count(payload.folderIds);
    progress.phase = 'analyzing';
    progress.files_found = counts.pending + counts.done + counts.error + counts.duplicate + setAside;
    progress.files_done = counts.done + counts.error + counts.duplicate + setAside;
    progress.files_skipped = counts.error + setAside;
    progress.duplicates = counts.duplicate;
    progress.faces = catalogue.faces.countForLibrary(libraryId);
    report.now();
    const stageMs: Required<StageTimings> = { read: 0, hash: 0, probe: 0, decode: 0, detect: 0, embed: 0, derive: 0, gc: 0 };
    const stats: Omit<RunStats, 'jobId' | 'wallMs' | 'groupMs'> = { files: 0, faces: 0, analyzeMs: 0, analyzeCpuMs: 0, stageMs, video: null };
    if (pending.length === 0) return stats;

    const pool = await this.#deps.pool();
    const writer = new ResultWriter(catalogue, libraryId, cacheDir);
    const meter = new RateMeter();
    meter.record(progress.files_done);
    const changed = throttle(() => events.emit('catalogue.changed', { library_id: libraryId, topics: ['assets', 'faces'] }), CHANGED_INTERVAL_MS);
    let lastWrite = performance.now();
    const videos = new VideoAnalysis(catalogue, libraryId, cacheDir, pool, this.#deps.video ?? DEFAULT_VIDEO_SETTINGS);
    stats.video = videos.stats;
    /** The first storage problem since the last successful write: no new photo starts until it is gone. */
    let stall: StorageProblem | null = null;
    const flushOrThrow = () => {
      this.#deps.checkCatalogue?.();
      count(writer.flush());
    };
    const count = (t: WriteTally) => {
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
    const flush = () => {
      try {
        flushOrThrow();
      } catch (err) {
        stall ??= this.#problem(err);
      }
    };

    const a0 = performance.now();
    const cpu0 = process.cpuUsage();
    const inFlight = new Set<Promise<void>>();
    // A photo more per worker than the pool holds: a worker that finishes one has the next at once.
    const limit = pool.capacity + pool.threads;
    /** Photos whose crops did not fit on the disk: analysed again once there is room. */
    const again: PendingAsset[] = [];
    let next = 0;
    const run = (asset: PendingAsset) =>
      pool.run({ assetId: asset.id, path: asset.path }).then(
        (outcome) => {
          for (const [k, v] of Object.entries(outcome.timings)) stageMs[k as keyof StageTimings] += v;
          if (!outcome.ok && outcome.storage) {
            again.push(asset);
            stall ??= this.#problem(outcome.storage);
            return;
          }
          stats.files++;
          if ('video' in outcome) return videos.run(outcome, asset.path, () => control.cancelled || this.#closing, pool.modelIds).then(count);
          writer.add(outcome);
          if (writer.buffered >= WRITE_BATCH || performance.now() - lastWrite > WRITE_INTERVAL_MS) flush();
        },
        (err: unknown) => {
          // A worker that died on this photo (out of memory, a native crash) costs the photo, not the import.
          if (!isWorkerCrash(err)) throw err;
          stats.files++;
          writer.add({ ok: false, assetId: asset.id, error: `the decoder gave up on this file (${(err as Error).message})`, reason: 'corrupt', mime: null, timings: {} });
        },
      );
    for (;;) {
      while (control.paused && !control.cancelled && !this.#closing) {
        await Promise.all(inFlight);
        flush();
        await new Promise<void>((resolve) => (control.wake = resolve));
        control.wake = null;
      }
      if (control.cancelled || this.#closing) break;
      if (stall) {
        await Promise.all(inFlight);
        const resumed = await this.#stored(id, control, () => {
          stall = null;
          flushOrThrow();
          if (again.length > 0) probeWrite(cacheDir);
        }, undefined, stall);
        if (!resumed) break;
        continue;
      }
      const asset = again.shift() ?? pending[next++];
      if (!asset) {
        if (inFlight.size === 0) break;
        await Promise.race(inFlight);
        continue;
      }
      const tracked: Promise<void> = run(asset).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    changed.now();
    changed.cancel();
    if (control.cancelled || this.#closing) {
      // Keep what fits; what does not is analysed again next time (its files go with it).
      flush();
      if (writer.buffered > 0) await writer.discard();
      return null;
    }
    if (!(await this.#stored(id, control, flushOrThrow))) {
      await writer.discard();
      return null;
    }
    stats.analyzeMs = performance.now() - a0;
    const cpu = process.cpuUsage(cpu0);
    stats.analyzeCpuMs = (cpu.user + cpu.system) / 1000;
    return stats;
  }

  /**
   * Run a write; while the data folder cannot take it (full, read-only, I/O errors), the job shows as
   * 'waiting' with one sentence saying why, and the write is tried again every few seconds or on
   * resume. False when the job was stopped meanwhile (closing; cancelled, unless `stop` says otherwise).
   */
  async #stored(id: JobId, control: Control, write: () => unknown, stop?: () => boolean, known?: StorageProblem): Promise<boolean> {
    const stopNow = stop ?? (() => control.cancelled || this.#closing);
    let problem = known ?? null;
    for (;;) {
      if (!problem) {
        try {
          this.#deps.checkCatalogue?.();
          await write();
          if (this.#waiting.delete(id)) this.#publish(id);
          return true;
        } catch (err) {
          problem = this.#problem(err);
        }
      }
      this.#wait(id, problem);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#deps.storageRetryMs ?? STORAGE_RETRY_MS);
        control.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      control.wake = null;
      while (control.paused && !stopNow()) {
        await new Promise<void>((resolve) => (control.wake = resolve));
        control.wake = null;
      }
      if (stopNow()) return false;
      problem = null;
    }
  }

  /** The storage problem behind an error, worded for an import; anything else is rethrown. */
  #problem(err: unknown): StorageProblem {
    let problem = asStorageProblem(err, 'import', this.#deps.dataDir);
    if (!problem) throw err;
    try {
      this.#deps.checkCatalogue?.();
    } catch (gone) {
      problem = asStorageProblem(gone, 'import') ?? problem; // a deleted catalogue is the thing to say first
    }
    return this.#deps.dataDir ? refineByFreeSpace(problem, this.#deps.dataDir) : problem;
  }

  #wait(id: JobId, problem: StorageProblem): void {
    const before = this.#waiting.get(id)?.message;
    this.#waiting.set(id, problem);
    if (before === problem.message) return;
    const job = this.#publish(id);
    // Scripts waiting for the job hear that it is stuck (the CLI exits with the reason).
    for (const resolve of this.#waiters.get(id) ?? []) resolve(job);
    this.#waiters.delete(id);
  }

  #fail(id: JobId, err: unknown): void {
    const problem = asStorageProblem(err);
    const message = problem ? problem.message : err instanceof Error ? err.message : String(err);
    this.#waiting.delete(id);
    try {
      this.#deps.catalogue.jobs.setState(id, 'failed', message);
    } catch {
      // Not even the failure can be written (the catalogue went read-only, say): this process still says so.
      this.#failed.set(id, message);
    }
    this.#settle(id);
  }

  #finishCancelled(id: JobId): void {
    this.#dropAndCancel(id, this.#deps.catalogue.jobs.payload(id));
    this.#announceCancelled(id);
  }

  #dropAndCancel(id: JobId, payload: ImportPayload | undefined): void {
    const { catalogue } = this.#deps;
    catalogue.tx(() => {
      if (payload) catalogue.assets.dropPending(payload.folderIds);
      catalogue.jobs.setState(id, 'cancelled');
    });
  }

  #announceCancelled(id: JobId): void {
    const job = this.#get(id);
    this.#deps.events.emit('catalogue.changed', { library_id: job.library_id, topics: ['libraries', 'assets', 'faces'] });
    this.#settle(id);
  }

  #settle(id: JobId): void {
    const job = this.#get(id);
    this.#deps.events.emit('job.finished', job);
    for (const resolve of this.#waiters.get(id) ?? []) resolve(job);
    this.#waiters.delete(id);
  }
}

/** Piscina's word for a worker that exited under a task (resource limits, a native abort). */
function isWorkerCrash(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || (typeof e?.message === 'string' && /worker (exited|terminated)|terminated/i.test(e.message));
}

/** Can the cache take about one photo's derived files again? Throws the write's error if not. */
function probeWrite(cacheDir: string): void {
  const file = join(cacheDir, `.space-probe-${process.pid}`);
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, Buffer.alloc(PROBE_BYTES));
  } finally {
    rmSync(file, { force: true });
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
