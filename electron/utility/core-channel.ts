// The core's side of the main <-> core channel. It runs in Electron's utility process (see
// entry.ts) but imports nothing from Electron, so it is tested in plain Node with the real
// core: start-up check, model repair, operations, events, media, and a clean close.
import { availableParallelism } from 'node:os';
import { rendererOpNames, type OpName } from '../../shared/contract.ts';
import { KindredError } from '../../shared/errors.ts';
import { KindredCore, type CoreOptions } from '../core/app.ts';
import { toKindredError } from '../core/errors.ts';
import { ApiService } from '../host/api/api-service.ts';
import { catalogueProblem, checkModels, describeStartup, repairModels, type StartupStatus } from '../core/startup-check.ts';
import { isCoreRequest, type CoreMethods, type CoreRequest, type FromCore, type MediaReply, type OriginalReply, type StartParams } from './protocol.ts';
import { mediaUrl, parseMediaUrl } from '../../shared/media-url.ts';
import { isImageKind, type ImageKind, type StreamedKind } from '../../shared/media.ts';

/** Resolves catalogued media by id (electron/core/media/media-source.ts behind an adapter). */
export type MediaResolver = (kind: ImageKind, id: string) => Promise<MediaReply>;

export interface CoreChannelDeps {
  createCore?: (opts: CoreOptions) => KindredCore;
  createMedia: (core: KindredCore) => MediaResolver;
  /** Repair without the network (tests). */
  repair?: { mirror?: string | null; allowUpstream?: boolean };
}

const RENDERER_OPS: ReadonlySet<string> = new Set(rendererOpNames());

/** Leave one core to the UI processes while an import runs. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class CoreChannel {
  readonly #post: (m: FromCore) => void;
  readonly #deps: CoreChannelDeps;
  #params: StartParams | null = null;
  #status: StartupStatus | null = null;
  #core: KindredCore | null = null;
  #media: MediaResolver | null = null;
  #offEvents: (() => void) | null = null;
  #api: ApiService | null = null;
  #repairing: Promise<StartupStatus> | null = null;
  #closed = false;

  constructor(post: (m: FromCore) => void, deps: CoreChannelDeps) {
    this.#post = post;
    this.#deps = deps;
  }

  /** The local REST API service (null until the catalogue is open). */
  get api(): ApiService | null {
    return this.#api;
  }

  get core(): KindredCore | null {
    return this.#core;
  }

  /** Answer one message from main. Anything that is not a well-formed request is ignored. */
  async handle(message: unknown): Promise<void> {
    if (!isCoreRequest(message)) return;
    const { id } = message;
    try {
      const value = await this.#dispatch(message);
      this.#post({ t: 'res', id, ok: true, value });
    } catch (e) {
      this.#post({ t: 'res', id, ok: false, error: toKindredError(e).toPayload() });
    }
  }

  async #dispatch(req: CoreRequest): Promise<unknown> {
    if (this.#closed && req.method !== 'close') throw new KindredError('conflict', 'Kindred is shutting down.');
    switch (req.method) {
      case 'start':
        return this.#start(req.params as StartParams);
      case 'status':
        return this.#started();
      case 'repair':
        return this.#repair();
      case 'invoke':
        return this.#invoke(req.params as CoreMethods['invoke']['params']);
      case 'media':
        return this.#mediaFor(req.params as CoreMethods['media']['params']);
      case 'original':
        return this.#originalFor(req.params as CoreMethods['original']['params']);
      case 'close':
        return this.#close();
    }
  }

  async #start(params: StartParams): Promise<StartupStatus> {
    if (this.#params) return this.#started();
    this.#params = params;
    const models = await checkModels({ writableDir: params.writableModelsDir, ...(params.bundledModelsDir ? { bundledDir: params.bundledModelsDir } : {}) });
    return this.#setStatus(models.state === 'ready' ? this.#open(models.modelsDir, models.checkedMs) : models);
  }

  #started(): StartupStatus {
    if (!this.#status) throw new KindredError('conflict', 'The core has not been started.');
    return this.#status;
  }

  /** Opens the catalogue (migrations run here); a catalogue that cannot open becomes a status, not a crash. */
  #open(modelsDir: string, checkedMs: number): StartupStatus {
    const p = this.#params!;
    const opts: CoreOptions = {
      dataDir: p.dataDir,
      modelsDir,
      resumeInterrupted: true,
      sweepCache: true,
      watchFolders: true,
      workers: p.workers ?? defaultWorkers(),
      ...(p.workerFile ? { workerFile: p.workerFile } : {}),
    };
    try {
      const core = (this.#deps.createCore ?? ((o) => new KindredCore(o)))(opts);
      this.#core = core;
      this.#media = this.#deps.createMedia(core);
      this.#offEvents = core.events.onAny((name, payload) => this.#post({ t: 'event', name, payload }));
      // The local REST API, if the user switched it on in Settings; it follows later changes itself.
      this.#api = new ApiService(core, (line) => this.#post({ t: 'log', line }));
      this.#api.start().catch((e: unknown) => this.#post({ t: 'log', line: `The local API could not start: ${toKindredError(e).message}` }));
      return { state: 'ready', modelsDir, checkedMs };
    } catch (e) {
      return catalogueProblem(e, p.dataDir);
    }
  }

  #setStatus(s: StartupStatus): StartupStatus {
    this.#status = s;
    this.#post({ t: 'log', line: describeStartup(s) });
    this.#post({ t: 'status', status: s });
    return s;
  }

  /** The first-run screen's Retry; one at a time, later callers share the running one. */
  #repair(): Promise<StartupStatus> {
    const current = this.#started();
    if (current.state === 'ready') return Promise.resolve(current);
    this.#repairing ??= this.#doRepair(current).finally(() => (this.#repairing = null));
    return this.#repairing;
  }

  async #doRepair(current: StartupStatus): Promise<StartupStatus> {
    const p = this.#params!;
    if (current.state === 'catalogue_unavailable') {
      // The models were fine; try the catalogue again (the user may have fixed permissions).
      const models = await checkModels({ writableDir: p.writableModelsDir, ...(p.bundledModelsDir ? { bundledDir: p.bundledModelsDir } : {}) });
      return this.#setStatus(models.state === 'ready' ? this.#open(models.modelsDir, models.checkedMs) : models);
    }
    const { status } = await repairModels({
      writableDir: p.writableModelsDir,
      ...(p.bundledModelsDir ? { bundledDir: p.bundledModelsDir } : {}),
      ...this.#deps.repair,
      log: (line) => this.#post({ t: 'log', line }),
    });
    if (this.#closed) return status;
    return this.#setStatus(status.state === 'ready' ? this.#open(status.modelsDir, status.checkedMs) : status);
  }

  #readyCore(): KindredCore {
    if (this.#core) return this.#core;
    const s = this.#status;
    if (s?.state === 'catalogue_unavailable') throw new KindredError(s.code, s.message);
    throw new KindredError('models_unavailable', s?.state === 'models_unavailable' ? describeStartup(s) : 'The core has not been started.');
  }

  #invoke({ op, input }: { op: string; input: unknown }): Promise<unknown> {
    // Main checks this too; the core process serves only the renderer, so it checks again.
    if (typeof op !== 'string' || !RENDERER_OPS.has(op)) throw new KindredError('unknown_operation', `Unknown operation: ${String(op).slice(0, 80)}`);
    return this.#readyCore().invoke(op as OpName, input as never);
  }

  async #mediaFor({ kind, id }: { kind: ImageKind; id: string }): Promise<MediaReply> {
    if (typeof kind !== 'string' || typeof id !== 'string' || !parseMediaUrl(mediaUrl(kind, id)) || !isImageKind(kind)) return { found: false };
    this.#readyCore();
    return this.#media!(kind, id);
  }

  #originalFor({ kind, id }: { kind: StreamedKind; id: string }): OriginalReply {
    if (typeof kind !== 'string' || typeof id !== 'string' || !parseMediaUrl(mediaUrl(kind, id)) || isImageKind(kind)) return { found: false };
    const got = this.#readyCore().media.original(kind, id);
    return got.found ? { found: true, path: got.path, mime: got.mime } : { found: false };
  }

  /** Let the import runner checkpoint, stop the workers, close the catalogue. */
  async #close(): Promise<{ closed: true }> {
    this.#closed = true;
    this.#offEvents?.();
    this.#offEvents = null;
    await this.#api?.close();
    await this.#core?.close();
    return { closed: true };
  }
}
