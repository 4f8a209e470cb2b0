// The messages between Electron's main process and the core's utility process, and the main-side
// request/reply bookkeeping. Structured-clone friendly (plain objects, Uint8Array). No Electron
// imports: tested in plain Node.
import { KindredError, type ErrorPayload } from '../../shared/errors.ts';
import type { EventName } from '../../shared/events.ts';
import type { StartupStatus } from '../core/startup-check.ts';
import type { ImageKind, StreamedKind } from '../../shared/media.ts';

export interface StartParams {
  /** userData: catalogue.sqlite and cache/ live here. */
  dataDir: string;
  /** Models shipped with the app (resources/models), or the repo cache in development. */
  bundledModelsDir?: string;
  /** Where Retry puts fetched models. */
  writableModelsDir: string;
  /** The bundled analysis worker (plain JS). */
  workerFile?: string;
  workers?: number;
}

export type MediaReply = { found: true; mime: string; body: Uint8Array } | { found: false };
/** Where a catalogued original (a video) is, for main's kindred-media:// stream (main reads it; no page sees the path). */
export type OriginalReply = { found: true; path: string; mime: string } | { found: false };
export type ReadyOrModels = Extract<StartupStatus, { state: 'ready' | 'models_unavailable' }>;

/** Each method's params and result. */
export interface CoreMethods {
  start: { params: StartParams; result: StartupStatus };
  status: { params: Record<string, never>; result: StartupStatus };
  repair: { params: Record<string, never>; result: StartupStatus };
  invoke: { params: { op: string; input: unknown }; result: unknown };
  media: { params: { kind: ImageKind; id: string }; result: MediaReply };
  original: { params: { kind: StreamedKind; id: string }; result: OriginalReply };
  close: { params: Record<string, never>; result: { closed: true } };
}
export type CoreMethod = keyof CoreMethods;
export const CORE_METHODS: readonly CoreMethod[] = ['start', 'status', 'repair', 'invoke', 'media', 'original', 'close'];

export interface CoreRequest<M extends CoreMethod = CoreMethod> {
  t: 'req';
  id: number;
  method: M;
  params: CoreMethods[M]['params'];
}

export type CoreReply = { t: 'res'; id: number; ok: true; value: unknown } | { t: 'res'; id: number; ok: false; error: ErrorPayload };

/** Pushed by the core without a request. */
export type CoreNotice =
  | { t: 'event'; name: EventName; payload: unknown }
  | { t: 'status'; status: StartupStatus }
  | { t: 'log'; line: string };

export type FromCore = CoreReply | CoreNotice;

/** What IPC hands back to the preload: never a thrown Error, whose code would not survive IPC. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export class CoreCallError extends Error {
  readonly payload: ErrorPayload;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'CoreCallError';
    this.payload = payload;
  }
}

export function isCoreRequest(m: unknown): m is CoreRequest {
  const r = m as Partial<CoreRequest> | null;
  return (
    typeof r === 'object' && r !== null && r.t === 'req' && Number.isSafeInteger(r.id) &&
    typeof r.method === 'string' && (CORE_METHODS as readonly string[]).includes(r.method) &&
    typeof r.params === 'object' && r.params !== null
  );
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: CoreCallError) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Main side: numbered requests, replies matched by id, notices to listeners, failure of everything in flight when the process dies. */
export class CoreRpc {
  readonly #post: (m: CoreRequest) => void;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(n: CoreNotice) => void>();
  #next = 1;
  #dead: ErrorPayload | null = null;

  constructor(post: (m: CoreRequest) => void) {
    this.#post = post;
  }

  call<M extends CoreMethod>(method: M, params: CoreMethods[M]['params'], timeoutMs?: number): Promise<CoreMethods[M]['result']> {
    if (this.#dead) return Promise.reject(new CoreCallError(this.#dead));
    const id = this.#next++;
    return new Promise<CoreMethods[M]['result']>((resolve, reject) => {
      const timer = timeoutMs
        ? setTimeout(() => {
            this.#pending.delete(id);
            reject(new CoreCallError({ code: 'internal', message: `The core did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.` }));
          }, timeoutMs)
        : undefined;
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        this.#post({ t: 'req', id, method, params });
      } catch (e) {
        this.#settle(id, { t: 'res', id, ok: false, error: { code: 'internal', message: `Could not reach the core: ${(e as Error).message}` } });
      }
    });
  }

  /** Feed every message from the core here. Unknown shapes are ignored. */
  receive(m: unknown): void {
    const msg = m as FromCore | null;
    if (typeof msg !== 'object' || msg === null) return;
    if (msg.t === 'res') this.#settle(msg.id, msg);
    else if (msg.t === 'event' || msg.t === 'status' || msg.t === 'log') for (const l of this.#listeners) l(msg);
  }

  onNotice(listener: (n: CoreNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The process is gone: reject what is in flight and anything asked later. */
  fail(error: ErrorPayload): void {
    this.#dead = error;
    for (const id of [...this.#pending.keys()]) this.#settle(id, { t: 'res', id, ok: false, error });
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  #settle(id: number, reply: CoreReply): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    if (p.timer) clearTimeout(p.timer);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new CoreCallError(reply.error));
  }
}

/** A call's outcome as an IPC envelope. */
export async function toEnvelope<T>(work: Promise<T>): Promise<Envelope<T>> {
  try {
    return { ok: true, value: await work };
  } catch (e) {
    if (e instanceof CoreCallError) return { ok: false, error: e.payload };
    if (e instanceof KindredError) return { ok: false, error: e.toPayload() };
    return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
}
