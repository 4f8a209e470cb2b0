import type { ApiSettings, ApiStatus } from '../../../shared/domain/api-key.ts';
import type { KindredCore } from '../../core/app.ts';
import { createApiServer, type ApiServer } from './api-server.ts';

export type ApiServiceState = Exclude<ApiStatus, { state: 'unmanaged' }>;

/**
 * The desktop app's local REST API: follows the user's settings (on/off, host, port), starting,
 * moving or stopping the server when they change. A port already in use is a state with a message,
 * never a crash of the core.
 */
export class ApiService {
  readonly #core: KindredCore;
  readonly #log: (line: string) => void;
  #server: ApiServer | null = null;
  #bound: string | null = null;
  #state: ApiServiceState = { state: 'off' };
  #queue: Promise<void> = Promise.resolve();
  #off: (() => void) | null = null;

  constructor(core: KindredCore, log: (line: string) => void = () => {}) {
    this.#core = core;
    this.#log = log;
  }

  get state(): ApiServiceState {
    return this.#state;
  }

  /** Apply the stored settings now, and again whenever they change. Resolves once the first apply is done. */
  async start(): Promise<ApiServiceState> {
    this.#off ??= this.#core.on('settings.changed', ({ api }) => void this.#apply(api));
    this.#setState(this.#state); // this process now manages the API: Settings shows off/serving, not "unmanaged"
    await this.#apply(await this.#core.invoke('settings.api', {}));
    return this.#state;
  }

  /** Changes are applied one after another, so a quick off-on-off ends off. */
  #apply(settings: ApiSettings): Promise<void> {
    this.#queue = this.#queue.then(() => this.#applyNow(settings));
    return this.#queue;
  }

  async #applyNow(s: ApiSettings): Promise<void> {
    const wanted = s.api_enabled ? `${s.api_host}:${s.api_port}` : null;
    if (wanted === this.#bound && this.#state.state !== 'failed') return;
    await this.#stopServer();
    if (!wanted) {
      this.#setState({ state: 'off' });
      return;
    }
    const server = createApiServer({ core: this.#core, host: s.api_host });
    try {
      const { origin } = await server.listen(s.api_port);
      this.#server = server;
      this.#bound = wanted;
      this.#setState({ state: 'serving', origin });
      this.#log(`Local REST API at ${origin}/api (OpenAPI: ${origin}/api/openapi.json)`);
    } catch (e) {
      await server.close().catch(() => undefined);
      const code = (e as NodeJS.ErrnoException).code;
      const message =
        code === 'EADDRINUSE'
          ? `Port ${s.api_port} is in use by another program; choose another port for the local API.`
          : code === 'EADDRNOTAVAIL'
            ? `This computer has no address ${s.api_host}; choose 127.0.0.1 or one of its own addresses.`
            : `The local API could not start: ${(e as Error).message}`;
      this.#setState({ state: 'failed', message });
      this.#log(message);
    }
  }

  async #stopServer(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#bound = null;
    await server?.close();
  }

  #setState(s: ApiServiceState): void {
    this.#state = s;
    this.#core.apiStatus.set(s);
  }

  async close(): Promise<void> {
    this.#off?.();
    this.#off = null;
    await this.#queue;
    await this.#stopServer();
    this.#setState({ state: 'off' });
  }
}
