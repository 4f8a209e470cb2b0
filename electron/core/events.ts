import { EventEmitter } from 'node:events';
import { events, type EventName, type EventPayload } from '../../shared/events.ts';
import type { Unsubscribe } from '../../shared/contract.ts';

/** The core's typed event bus; hosts subscribe and forward to their clients. */
export class CoreEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.#emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
    this.#emitter.on(event, listener);
    return () => this.#emitter.off(event, listener);
  }

  /** Every event, for hosts that forward them all (IPC, server-sent events). */
  onAny(listener: (event: EventName, payload: unknown) => void): Unsubscribe {
    const names = Object.keys(events) as EventName[]; // every declared event: nothing to keep in sync by hand
    const offs = names.map((n) => this.on(n, (p) => listener(n, p)));
    return () => offs.forEach((off) => off());
  }
}
