// What the preload puts on window.kindred. Types only. The renderer may not import electron/**
// (eslint), so it mirrors this shape (or the lead moves it to shared/): it is a KindredClient plus
// the few things only the desktop shell can do.
import type { KindredClient } from '../../shared/contract.ts';
import type { ErrorPayload } from '../../shared/errors.ts';
import type { StartupStatus } from '../core/startup-check.ts';
import type { MenuCommand } from '../main/ipc-channels.ts';
import type { MediaKind } from '../main/media-url.ts';

/** A File from a drop or an <input type=file>, as the page holds it. */
export type DroppedFile = object;

export interface KindredBridge {
  readonly transport: 'electron-ipc';
  /**
   * Run a contract operation (access 'renderer' only). Resolves with its output; rejects with a
   * plain ErrorPayload `{ code, message, issues? }` (an Error's fields would not survive the
   * bridge); `KindredError.fromPayload(e)` turns it back into a KindredError.
   */
  invoke: KindredClient['invoke'];
  /** Subscribe to a core event (job.progress, job.finished, catalogue.changed). */
  on: KindredClient['on'];
  /** Absolute paths of dropped files/folders (webUtils.getPathForFile); pass `Array.from(dataTransfer.files)`. */
  pathsForFiles(files: readonly DroppedFile[]): string[];
  /** The native folder dialog; [] when cancelled. */
  chooseFolders(): Promise<string[]>;
  /** kindred-media://<kind>/<id> for <img src>. */
  mediaUrl(kind: MediaKind, id: string): string;
  /** Edit › Undo / Redo when no text field has focus (in a text field the preload undoes the text). */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  startup: {
    status(): Promise<StartupStatus>;
    retry(): Promise<StartupStatus>;
    onChange(listener: (status: StartupStatus) => void): () => void;
    onLog(listener: (line: string) => void): () => void;
  };
}

export type BridgeError = ErrorPayload;
