// Main's handle on the core, which runs in an Electron utility process (electron/utility/entry.ts).
//
// Why not in main: better-sqlite3 is synchronous and the people engine clusters on the core's own
// thread (piscina only takes decode and inference), so a re-cluster or a large listing would
// freeze window management, menus and every IPC reply if it ran in main. In a utility process it
// cannot, and a native crash (onnxruntime, libvips, SQLite) costs a core restart, not the app.
// The price is one message hop per call and copying image bytes once for the media protocol.
import { utilityProcess, type UtilityProcess } from 'electron';
import { withWorkerAllocator } from '../core/pipeline/allocator-env.ts';
import type { StartupStatus } from '../core/startup-check.ts';
import { CoreCallError, CoreRpc, type CoreNotice, type MediaReply, type OriginalReply, type StartParams } from '../utility/protocol.ts';
import type { ImageKind, StreamedKind } from '../../shared/media.ts';

export interface CoreProcessOptions {
  /** dist/electron/core.cjs */
  entry: string;
  start: StartParams;
  log: (line: string) => void;
}

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 3;

export class CoreProcess {
  readonly #opts: CoreProcessOptions;
  readonly #listeners = new Set<(n: CoreNotice) => void>();
  #child: UtilityProcess | null = null;
  #rpc: CoreRpc | null = null;
  #started: Promise<StartupStatus> | null = null;
  #status: StartupStatus | null = null;
  #closing = false;
  #restarts: number[] = [];

  constructor(opts: CoreProcessOptions) {
    this.#opts = opts;
  }

  /** Fork the process and run the start-up check; resolves with the first status. */
  start(): Promise<StartupStatus> {
    this.#started ??= this.#spawn();
    return this.#started;
  }

  get status(): StartupStatus | null {
    return this.#status;
  }

  onNotice(listener: (n: CoreNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  invoke(op: string, input: unknown): Promise<unknown> {
    return this.#call((rpc) => rpc.call('invoke', { op, input }));
  }

  media(kind: ImageKind, id: string): Promise<MediaReply> {
    return this.#call((rpc) => rpc.call('media', { kind, id }, 30_000));
  }

  original(kind: StreamedKind, id: string): Promise<OriginalReply> {
    return this.#call((rpc) => rpc.call('original', { kind, id }, 30_000));
  }

  repair(): Promise<StartupStatus> {
    return this.#call((rpc) => rpc.call('repair', {}));
  }

  currentStatus(): Promise<StartupStatus> {
    return this.#status ? Promise.resolve(this.#status) : this.start();
  }

  /** Ask the core to checkpoint and close (import runner, workers, catalogue), then end the process. */
  async close(timeoutMs: number): Promise<void> {
    this.#closing = true;
    const child = this.#child;
    const rpc = this.#rpc;
    if (!child || !rpc) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await rpc.call('close', {}, timeoutMs);
      this.#opts.log('core closed cleanly');
    } catch (e) {
      this.#opts.log(`core did not close cleanly: ${(e as Error).message}`);
    }
    child.kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  }

  async #call<T>(fn: (rpc: CoreRpc) => Promise<T>): Promise<T> {
    if (this.#started && !this.#child && !this.#closing) {
      // It gave up restarting after repeated crashes; the user asked again (Retry), so try afresh.
      this.#restarts = [];
      this.#started = this.#spawn();
    }
    await this.start();
    if (!this.#rpc) throw new CoreCallError({ code: 'internal', message: 'The Kindred core is not running.' });
    return fn(this.#rpc);
  }

  #emit(n: CoreNotice): void {
    if (n.t === 'status') this.#status = n.status;
    for (const l of this.#listeners) l(n);
  }

  #spawn(): Promise<StartupStatus> {
    // The core runs the analysis workers, so it starts with their allocator settings.
    const child = utilityProcess.fork(this.#opts.entry, [], { serviceName: 'Kindred core', stdio: 'inherit', env: withWorkerAllocator() });
    const rpc = new CoreRpc((m) => child.postMessage(m));
    child.on('message', (m: unknown) => rpc.receive(m));
    rpc.onNotice((n) => {
      if (n.t === 'log') this.#opts.log(n.line);
      this.#emit(n);
    });
    child.once('exit', (code: number) => {
      rpc.fail({ code: 'internal', message: `The Kindred core stopped (exit code ${code}).` });
      if (this.#child !== child) return;
      this.#child = null;
      this.#rpc = null;
      if (!this.#closing) this.#unexpectedExit(code);
    });
    this.#child = child;
    this.#rpc = rpc;
    return rpc.call('start', this.#opts.start).then((s) => {
      this.#status = s;
      return s;
    });
  }

  /** Restart a crashed core a few times; if it keeps dying, say so on the setup screen. */
  #unexpectedExit(code: number): void {
    const now = Date.now();
    this.#restarts = this.#restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    this.#opts.log(`core exited unexpectedly (code ${code})`);
    if (this.#restarts.length >= MAX_RESTARTS) {
      this.#emit({
        t: 'status',
        status: { state: 'catalogue_unavailable', code: 'internal', message: `The Kindred core stopped ${MAX_RESTARTS + 1} times in a minute (last exit code ${code}).`, dataDir: this.#opts.start.dataDir },
      });
      return;
    }
    this.#restarts.push(now);
    this.#started = this.#spawn();
    this.#started.then(
      (s) => this.#emit({ t: 'status', status: s }),
      (e: unknown) => this.#opts.log(`core restart failed: ${(e as Error).message}`),
    );
  }
}
