import type { KindredClient } from './contract.ts';
import type { ErrorPayload } from './errors.ts';
import type { EventName } from './events.ts';
import type { StartupStatus } from './startup.ts';
import type { MediaKind } from './media.ts';

// How a page reaches a host. First the desktop preload's `window.kindred`: declared once, here.
// electron/preload/preload.ts builds it with `satisfies KindredBridge`, and the renderer types its
// Electron transport from here and from nowhere else.

/** The global the preload exposes with contextBridge.exposeInMainWorld. */
export const BRIDGE_GLOBAL = 'kindred';

/** Menu commands the page acts on (Edit › Undo / Redo when no text field has focus; File › Write Face Regions). */
export const MENU_COMMANDS = ['undo', 'redo', 'write-xmp'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** A File from a drop or an <input type=file>, as the page holds it. */
export type DroppedFile = object;

export interface KindredBridge {
  readonly transport: 'electron-ipc';
  /**
   * Run a contract operation (access 'renderer' only). Rejects with a plain ErrorPayload
   * `{ code, message, issues? }`: an Error's own fields would not survive the context bridge;
   * `KindredError.fromPayload(e)` turns it back into a KindredError.
   */
  invoke: KindredClient['invoke'];
  /** Subscribe to a core event by name (shared/events.ts); returns the unsubscribe function. */
  on: KindredClient['on'];
  /** Absolute paths of dropped files or folders (webUtils.getPathForFile); pass `Array.from(dataTransfer.files)`. */
  pathsForFiles(files: readonly DroppedFile[]): string[];
  /** The native folder dialog; [] when cancelled. */
  chooseFolders(): Promise<string[]>;
  /** kindred-media://<kind>/<id>, the same string as desktopMediaUrl (shared/media.ts). */
  mediaUrl(kind: MediaKind, id: string): string;
  /** Edit › Undo / Redo when no text field has focus (in a text field the preload undoes the text). */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** The first-run screen's view of the start-up check. */
  startup: {
    status(): Promise<StartupStatus>;
    retry(): Promise<StartupStatus>;
    onChange(listener: (status: StartupStatus) => void): () => void;
    onLog(listener: (line: string) => void): () => void;
  };
}

// ---------------------------------------------------------------------------------------------
// The other transport: the local HTTP host (electron/host/server), for a browser, tests and
// scripts. The server and the renderer's HTTP client both read these, so the wire is declared once.

/** Scripts authenticate with this header; a browser page uses the HttpOnly cookie it got at sign-in. */
export const TOKEN_HEADER = 'x-kindred-token';
export const EVENTS_PATH = '/events';
export const SIGN_IN_PATH = '/auth';

export function rpcPath(op: string): string {
  return `/rpc/${encodeURIComponent(op)}`;
}

/** The body of every /rpc reply. */
export type RpcReply<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload };

/** The data of each server-sent event; the SSE `event:` field carries the same name. */
export interface EventMessage {
  event: EventName;
  payload: unknown;
}
