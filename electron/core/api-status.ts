import type { ApiStatus } from '../../shared/domain/api-key.ts';
import type { CoreEvents } from './events.ts';

/**
 * Where the desktop app's API server reports what it is doing, so Settings can show "serving at …" or
 * "port in use" truthfully. The server itself lives in the host (electron/host/api), outside the core.
 */
export class ApiStatusSlot {
  #current: ApiStatus = { state: 'unmanaged' };
  readonly #events: CoreEvents;

  constructor(events: CoreEvents) {
    this.#events = events;
  }

  get current(): ApiStatus {
    return this.#current;
  }

  set(status: ApiStatus): void {
    this.#current = status;
    this.#events.emit('api.status', status);
  }
}
