import { join } from 'node:path';
import { rendererOpNames, isOpName, operations, type Handlers, type KindredClient, type OpInput, type OpName, type OpOutput, type Unsubscribe } from '../../shared/contract.ts';
import type { EventName, EventPayload } from '../../shared/events.ts';
import { KindredError, invalidInput } from '../../shared/errors.ts';
import { Catalogue } from './catalogue/catalogue.ts';
import { dataLayout, type DataLayout } from './data-dir.ts';
import { toKindredError } from './errors.ts';
import { StorageProblem, type StorageContext } from './storage-problem.ts';
import { CoreEvents } from './events.ts';
import { ApiStatusSlot } from './api-status.ts';
import { cachePaths } from './media/cache-paths.ts';
import { MediaSource } from './media/media-source.ts';
import { createHandlers } from './ops/handlers.ts';
import { AnalyzerPool } from './pipeline/analyzer-pool.ts';
import { DEFAULT_ANALYZE_SETTINGS, type AnalyzeSettings } from './pipeline/analyze.ts';
import { ImportRunner } from './pipeline/import.runner.ts';
import { Reembedder } from './pipeline/reembed.runner.ts';
import { FolderWatcher } from './pipeline/folder-watcher.ts';
import { sweepCache, type SweepResult } from './media/cache-sweep.ts';
import { PeopleEngine } from './people/engine.ts';
import { resolveVisionModels } from './vision-models.ts';

export interface CoreOptions {
  dataDir: string;
  /** Folder of verified model files; defaults to the fetch step's cache. */
  modelsDir?: string;
  /** Analysis worker threads; defaults to the number of cores. */
  workers?: number;
  analyzeSettings?: Partial<AnalyzeSettings>;
  /** Pick up imports a previous process left unfinished (the desktop app does; one-shot CLI commands do not). */
  resumeInterrupted?: boolean;
  /** Check every operation's output against its schema (tests turn this on). */
  validateOutputs?: boolean;
  workerFile?: string;
  /** Remove derived files no catalogue row owns before any import resumes (the app, serve and import do). */
  sweepCache?: boolean;
  /** How long an import held up by a full or read-only data folder waits before it tries again. */
  storageRetryMs?: number;
  /** Watch the imported folders and rescan a library when its files change (the desktop app and `serve` do). */
  watchFolders?: boolean;
  /** Quiet time after a change before the rescan (default 2 s). */
  watchSettleMs?: number;
  /** Photos per re-embedding step (tests make it small to stop between steps). */
  reembedBatch?: number;
}

/** The application: catalogue, pipeline and people engine behind one typed operation map. */
export class KindredCore implements KindredClient {
  readonly layout: DataLayout;
  readonly catalogue: Catalogue;
  readonly events = new CoreEvents();
  /** The desktop API server's state, for Settings (set by the host that runs it). */
  readonly apiStatus = new ApiStatusSlot(this.events);
  readonly imports: ImportRunner;
  readonly people: PeopleEngine;
  /** Re-embeds faces another embedder made (after a model change), from their landmarks and the originals. */
  readonly reembedder: Reembedder;
  /** Catalogued media by id, for every transport (HTTP host, Electron protocol, REST API). */
  readonly media: MediaSource;
  readonly #handlers: Handlers;
  readonly #watcher: FolderWatcher | null = null;
  readonly #validateOutputs: boolean;
  /** The start-up sweep of orphaned derived files; imports start once it is done. */
  readonly swept: Promise<SweepResult | null>;
  #pool: Promise<AnalyzerPool> | null = null;
  #closed = false;

  constructor(opts: CoreOptions) {
    this.layout = dataLayout(opts.dataDir);
    this.catalogue = Catalogue.open(this.layout.catalogueFile);
    this.#validateOutputs = opts.validateOutputs ?? false;
    const settings: AnalyzeSettings = { ...DEFAULT_ANALYZE_SETTINGS, ...opts.analyzeSettings };
    this.people = new PeopleEngine(this.catalogue);
    this.media = new MediaSource(this.catalogue, this.layout.cacheDir);
    const pool = (): Promise<AnalyzerPool> =>
      (this.#pool ??= resolveVisionModels(opts.modelsDir).then(
        (models) => new AnalyzerPool({ models, settings, cacheDir: this.layout.cacheDir, ...(opts.workers ? { threads: opts.workers } : {}), ...(opts.workerFile ? { workerFile: opts.workerFile } : {}) }),
        (err: unknown) => {
          this.#pool = null; // let a later import retry once models are there
          throw err;
        },
      ));
    const since = Date.now();
    this.swept = opts.sweepCache ? sweepCache(this.catalogue, this.layout.cacheDir, since).catch(() => null) : Promise.resolve(null);
    this.imports = new ImportRunner({
      ready: this.swept,
      catalogue: this.catalogue,
      events: this.events,
      cacheDir: this.layout.cacheDir,
      dataDir: this.layout.dataDir,
      pool,
      checkCatalogue: () => this.#checkCatalogue('import'),
      ...(opts.storageRetryMs ? { storageRetryMs: opts.storageRetryMs } : {}),
      placeFaces: (libraryId) => this.people.exclusive(() => this.people.placeNewFaces(libraryId)),
    });
    this.reembedder = new Reembedder({ catalogue: this.catalogue, events: this.events, pool, ...(opts.reembedBatch ? { batchPhotos: opts.reembedBatch } : {}) });
    this.#handlers = createHandlers({
      reembedder: this.reembedder,
      catalogue: this.catalogue,
      events: this.events,
      imports: this.imports,
      cache: cachePaths(this.layout.cacheDir),
      cacheDir: this.layout.cacheDir,
      snapshotsDir: join(this.layout.dataDir, 'snapshots'),
      apiStatus: this.apiStatus,
      media: this.media,
      people: this.people,
      vision: pool,
    });
    if (opts.watchFolders) {
      const watcher = new FolderWatcher({
        catalogue: this.catalogue,
        rescan: (libraryId) => void Promise.resolve().then(() => this.imports.rescan(libraryId)).catch(() => undefined),
        ...(opts.watchSettleMs ? { settleMs: opts.watchSettleMs } : {}),
      });
      this.#watcher = watcher;
      watcher.refresh();
      this.events.on('job.finished', () => watcher.refresh());
    }
    if (opts.resumeInterrupted) {
      this.imports.resumeInterrupted();
      // Faces left by another embedder (the model changed, or a re-embedding was interrupted).
      if (this.catalogue.faces.staleCount() > 0) void this.reembedder.run().catch(() => undefined);
    }
  }

  async invoke<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
    if (this.#closed) throw new KindredError('conflict', 'Kindred is shutting down.');
    if (typeof op !== 'string' || !isOpName(op)) throw new KindredError('unknown_operation', `Unknown operation: ${String(op)}`);
    const def = operations[op];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) throw invalidInput(op, parsed.error);
    try {
      this.#checkCatalogue('operation');
      const handler = this.#handlers[op] as (input: unknown) => Promise<OpOutput<K>>;
      const output = await handler(parsed.data);
      if (this.#validateOutputs) {
        const checked = def.output.safeParse(output);
        if (!checked.success) throw new KindredError('internal', `Output of ${op} broke its schema: ${checked.error.message}`);
      }
      return output;
    } catch (err) {
      throw toKindredError(err);
    }
  }

  /**
   * The catalogue file deleted under the running app (by hand, by a clean-up tool): SQLite would go on
   * writing to the unlinked copy and lose it all at exit, so it is written back first. Until it can be
   * (the folder is gone and read-only, say), nothing proceeds: every operation says why.
   */
  #checkCatalogue(context: StorageContext): void {
    if (!this.catalogue.isMissing()) return;
    try {
      this.catalogue.restore();
    } catch (err) {
      const cause = err as { code?: unknown; message?: unknown };
      throw new StorageProblem('gone', `${String(cause.code ?? '')}: ${String(cause.message ?? err)}`, context, this.layout.catalogueFile);
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** The operations a renderer may call (hosts for the UI mount only these). */
  rendererOps(): OpName[] {
    return rendererOpNames();
  }

  /** Let in-flight work land, stop the workers, and close the catalogue. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.swept;
    await this.#watcher?.close();
    await this.imports.close();
    await this.reembedder.stop();
    const pool = await this.#pool?.catch(() => null);
    await pool?.close();
    try {
      this.#checkCatalogue('operation');
    } catch {
      // nowhere to write it back to; the catalogue closes as it is
    }
    this.catalogue.close();
  }
}
