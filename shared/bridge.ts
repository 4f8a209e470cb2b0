import type { KindredClient } from './contract.ts';
import type { ErrorPayload } from './errors.ts';
import type { EventName } from './events.ts';

// How the renderer reaches a host. First the desktop preload's `window.kindred`, as the renderer sees it. The preload's own interface
// (electron/preload/bridge.ts) may add desktop-only members, but it must stay assignable to this
// one; the renderer types its Electron transport from here and from nowhere else.

/** The global the preload exposes with contextBridge.exposeInMainWorld. */
export const BRIDGE_GLOBAL = 'kindred';

/** Catalogued images by id under Electron: kindred-media://<kind>/<id> (served by protocol.handle). */
export const MEDIA_SCHEME = 'kindred-media';
export type BridgeMediaKind = 'thumbnail' | 'face' | 'preview' | 'photo';

export interface KindredBridge {
  readonly transport: 'electron-ipc';
  /**
   * Run a contract operation (access 'renderer' only). Rejects with a plain ErrorPayload
   * `{ code, message, issues? }`: an Error's own fields would not survive the context bridge.
   */
  invoke: KindredClient['invoke'];
  /** Subscribe to a core event by name (shared/events.ts); returns the unsubscribe function. */
  on: KindredClient['on'];
  /** Absolute paths of dropped files or folders; pass `Array.from(dataTransfer.files)`. */
  pathsForFiles(files: readonly object[]): string[];
  /** The native folder dialog; [] when cancelled. */
  chooseFolders(): Promise<string[]>;
  /** kindred-media://<kind>/<id>, the same string as desktopMediaUrl. */
  mediaUrl(kind: BridgeMediaKind, id: string): string;
  /** Edit › Undo / Redo from the application menu when no text field has focus. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** Menu commands the desktop shell sends the page (Edit › Undo / Redo); the page runs them from its command registry. */
export const MENU_COMMANDS = ['undo', 'redo'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The <img src> for catalogued media under Electron. The id is a catalogue id, never a path. */
export function desktopMediaUrl(kind: BridgeMediaKind, id: string, version?: string): string {
  return `${MEDIA_SCHEME}://${kind}/${encodeURIComponent(id)}${version ? `?v=${mediaVersion(version)}` : ''}`;
}

/**
 * A media URL may carry `?v=<token>` so a page reloads an image whose bytes changed under the same id
 * (a face crop after its box moved); hosts ignore the token. Letters and digits only.
 */
export function mediaVersion(stamp: string): string {
  return stamp.replace(/[^0-9a-z]/gi, '').slice(-20).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The other transport: the local HTTP host (electron/host/server), for a browser, tests and
// scripts. The server and the renderer's HTTP client both read these, so the wire is declared once.

/** Media kinds in /media/<kind>/<id> URLs. */
export const HTTP_MEDIA_KINDS = ['thumb', 'face', 'preview', 'photo'] as const;
export type HttpMediaKind = (typeof HTTP_MEDIA_KINDS)[number];

/** Scripts authenticate with this header; a browser page uses the HttpOnly cookie it got at sign-in. */
export const TOKEN_HEADER = 'x-kindred-token';
export const EVENTS_PATH = '/events';
export const SIGN_IN_PATH = '/auth';

export function rpcPath(op: string): string {
  return `/rpc/${encodeURIComponent(op)}`;
}

export function mediaPath(kind: HttpMediaKind, id: string, version?: string): string {
  return `/media/${kind}/${encodeURIComponent(id)}${version ? `?v=${mediaVersion(version)}` : ''}`;
}

/** The body of every /rpc reply. */
export type RpcReply<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload };

/** The data of each server-sent event; the SSE `event:` field carries the same name. */
export interface EventMessage {
  event: EventName;
  payload: unknown;
}
