// The only bridge between a page and the app: window.kindred (declared in shared/bridge.ts). Sandboxed, so it
// may use only contextBridge, ipcRenderer and webUtils; it is bundled to one CommonJS file.
// The page never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ErrorPayload } from '../../shared/errors.ts';
import { BRIDGE_GLOBAL, MENU_COMMANDS, type KindredBridge, type MenuCommand } from '../../shared/bridge.ts';
import { desktopMediaUrl, isMediaKind, type MediaKind } from '../../shared/media.ts';
import type { StartupStatus } from '../../shared/startup.ts';
import type { Envelope } from '../utility/protocol.ts';
import { IPC } from '../main/ipc-channels.ts';
import { addDropFallback, editableHasFocus, type DomLike } from './dom.ts';

const dom = globalThis as unknown as DomLike;

function unwrap<T>(p: Promise<Envelope<T>>): Promise<T> {
  return p.then(
    (env) => (env.ok ? env.value : Promise.reject(env.error)),
    (e: unknown) => Promise.reject({ code: 'internal', message: e instanceof Error ? e.message : String(e) } satisfies ErrorPayload),
  );
}

function invoke(op: string, input?: unknown): Promise<unknown> {
  if (typeof op !== 'string') return Promise.reject({ code: 'unknown_operation', message: 'Operation names are strings.' } satisfies ErrorPayload);
  return unwrap(ipcRenderer.invoke(IPC.invoke, op, input ?? {}) as Promise<Envelope>);
}

/** One IPC listener per channel, fanned out to page listeners; removing the last one is cheap. */
function channel<A extends unknown[]>(name: string) {
  const listeners = new Set<(...args: A) => void>();
  ipcRenderer.on(name, (_e, ...args) => {
    for (const l of [...listeners]) {
      try {
        l(...(args as A));
      } catch (err) {
        console.error(err);
      }
    }
  });
  return (listener: (...args: A) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
}

const onEvent = channel<[string, unknown]>(IPC.event);
const onMenuRaw = channel<[MenuCommand]>(IPC.menu);
const onStartup = channel<[StartupStatus]>(IPC.startupChanged);
const onStartupLog = channel<[string]>(IPC.startupLog);

const menuListeners = new Set<(c: MenuCommand) => void>();
onMenuRaw((command) => {
  if (!MENU_COMMANDS.includes(command)) return;
  // In a text field, Undo/Redo mean the text; elsewhere they are the app's (merge, assign, …).
  if ((command === 'undo' || command === 'redo') && editableHasFocus(dom)) dom.document.execCommand(command);
  else for (const l of [...menuListeners]) l(command);
});

function pathsForFiles(files: readonly unknown[]): string[] {
  if (!Array.isArray(files)) return [];
  const out: string[] = [];
  for (const f of files.slice(0, 1000)) {
    try {
      const p = webUtils.getPathForFile(f as File);
      if (p) out.push(p);
    } catch {
      // not a File from a drop or a file input
    }
  }
  return out;
}

const bridge = {
  transport: 'electron-ipc',
  invoke: invoke as KindredBridge['invoke'],
  on: ((event: string, listener: (payload: unknown) => void) =>
    onEvent((name, payload) => {
      if (name === event) listener(payload);
    })) as KindredBridge['on'],
  pathsForFiles,
  chooseFolders: () => unwrap(ipcRenderer.invoke(IPC.chooseFolders) as Promise<Envelope<string[]>>),
  mediaUrl: (kind: MediaKind, id: string) => {
    if (!isMediaKind(kind)) throw new TypeError(`unknown media kind ${String(kind)}`);
    return desktopMediaUrl(kind, String(id));
  },
  onMenu: (listener: (command: MenuCommand) => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    menuListeners.add(listener);
    return () => void menuListeners.delete(listener);
  },
  startup: {
    status: () => unwrap(ipcRenderer.invoke(IPC.startupStatus) as Promise<Envelope<StartupStatus>>),
    retry: () => unwrap(ipcRenderer.invoke(IPC.startupRetry) as Promise<Envelope<StartupStatus>>),
    onChange: (listener: (status: StartupStatus) => void) => onStartup(listener),
    onLog: (listener: (line: string) => void) => onStartupLog(listener),
  },
} satisfies KindredBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

// Dropping folders anywhere on the window imports them, unless the page handled the drop itself.
addDropFallback(dom, (files) => pathsForFiles(files), (paths) => {
  invoke('import.start', { paths }).catch((e: unknown) => console.error('kindred: import of dropped folders failed', e));
});
