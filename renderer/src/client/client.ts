import type { KindredClient } from '../../../shared/contract.ts';
import { desktopMediaUrl, mediaPath, type MediaKind } from '../../../shared/media.ts';
import { desktopBridge } from './bridge.ts';
import { createHttpClient } from './http.ts';
import { createBridgeClient } from './ipc.ts';

export type { MediaKind } from '../../../shared/media.ts';

/** window.kindred inside Electron; null in a browser on the local host. */
export const bridge = desktopBridge();
export const isDesktop = bridge !== null;

/**
 * The one client the UI uses: `invoke(op, input)` typed from the contract, `on(event, cb)` for core
 * events. Over Electron IPC in the desktop app, else HTTP RPC and server-sent events to the local
 * host. Failures reject with a KindredError (shared/errors.ts).
 */
export const client: KindredClient = bridge
  ? createBridgeClient(bridge)
  : createHttpClient({
      fetch: (url, init) => fetch(url, init),
      openEvents: (url) => new EventSource(url),
    });

/** An <img> (or a video's <video>) src for catalogued media by id: never a path. `version` (an updated_at) makes a changed image load again. */
export function mediaUrl(kind: MediaKind, id: string, version?: string): string {
  if (bridge) return desktopMediaUrl(kind, id, version);
  return mediaPath(kind, id, version);
}
