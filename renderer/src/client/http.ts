import type { KindredClient, OpInput, OpName, OpOutput, Unsubscribe } from '../../../shared/contract.ts';
import { EVENTS_PATH, rpcPath, type EventMessage, type RpcReply } from '../../../shared/bridge.ts';
import type { EventName, EventPayload } from '../../../shared/events.ts';
import { KindredError, statusToCode } from '../../../shared/errors.ts';
import { asKindredError } from './errors.ts';

// Structural stand-ins for fetch and EventSource, so this file needs no DOM types and can be
// exercised against the real server from a Node test (electron/host/server/server.test.ts).
export interface HttpResponseLike {
  status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; credentials: 'same-origin' },
) => Promise<HttpResponseLike>;
export interface EventSourceLike {
  addEventListener(type: string, listener: (e: { data: string }) => void): void;
  close(): void;
}

export interface HttpClientDeps {
  fetch: FetchLike;
  openEvents: (url: string) => EventSourceLike;
  /** Prefix for the host's paths; '' on the served page (same origin). */
  base?: string;
}

/**
 * The client over the local host: POST /rpc/<op> with the input as JSON, and one EventSource on
 * /events fanned out to listeners by event name. The page authenticates with its HttpOnly cookie.
 */
export function createHttpClient(deps: HttpClientDeps): KindredClient & { close(): void } {
  const base = deps.base ?? '';
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;

  async function invoke<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
    let res: HttpResponseLike;
    try {
      res = await deps.fetch(base + rpcPath(op), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new KindredError('io_error', `Kindred's local server cannot be reached (${e instanceof Error ? e.message : String(e)}).`);
    }
    const body = (await res.json().catch(() => null)) as RpcReply<OpOutput<K>> | null;
    if (body && body.ok === true) return body.result;
    if (body && body.ok === false) throw asKindredError(body.error, `The server answered ${res.status}.`);
    throw new KindredError(statusToCode(res.status), `The server answered ${res.status} without a Kindred reply.`);
  }

  function dispatch(name: EventName, data: string): void {
    let message: EventMessage;
    try {
      message = JSON.parse(data) as EventMessage;
    } catch {
      return;
    }
    for (const l of [...(listeners.get(name) ?? [])]) l(message.payload);
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
    const l = listener as (payload: unknown) => void;
    source ??= deps.openEvents(base + EVENTS_PATH);
    let set = listeners.get(event);
    if (!set) {
      listeners.set(event, (set = new Set()));
      source.addEventListener(event, (e) => dispatch(event, e.data));
    }
    set.add(l);
    return () => void set.delete(l);
  }

  return {
    invoke,
    on,
    close() {
      source?.close();
      source = null;
      listeners.clear();
    },
  };
}
