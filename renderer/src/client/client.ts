import type { KindredClient, OpInput, OpName, OpOutput, Unsubscribe } from '../../../shared/contract.ts';
import type { EventName, EventPayload } from '../../../shared/events.ts';
import { KindredError, type ErrorPayload } from '../../../shared/errors.ts';
import { desktopBridge } from './bridge.ts';

export type MediaKind = 'thumb' | 'face' | 'photo';

const bridge = desktopBridge();

/** Operations over Electron IPC in the desktop app, else HTTP RPC to the local host. */
async function invoke<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
  if (bridge) {
    try {
      return await bridge.invoke(op, input);
    } catch (e) {
      throw KindredError.fromPayload(e as ErrorPayload);
    }
  }
  const res = await fetch(`rpc/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}), credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as { ok: true; result: OpOutput<K> } | { ok: false; error: ErrorPayload } | null;
  if (!body) throw new KindredError('internal', `The server answered ${res.status} without a body.`);
  if (!body.ok) throw KindredError.fromPayload(body.error);
  return body.result;
}

let source: EventSource | null = null;

function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
  if (bridge) return bridge.on(event, listener);
  source ??= new EventSource('events', { withCredentials: true });
  const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as EventPayload<E>);
  source.addEventListener(event, handler);
  return () => source?.removeEventListener(event, handler);
}

export const client: KindredClient = { invoke, on };

/** An <img src> for media by id: never a path. */
export function mediaUrl(kind: MediaKind, id: string): string {
  if (bridge) return bridge.mediaUrl(kind === 'thumb' ? 'thumbnail' : kind, id);
  return `media/${kind}/${encodeURIComponent(id)}`;
}

export const isDesktop = bridge !== null;
export { bridge };
