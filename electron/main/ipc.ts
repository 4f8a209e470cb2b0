// IPC handlers, registered from the contract's operation map. Every handler first checks that the
// message comes from one of the app's own pages (the sending frame's URL), then hands the input to
// the core, which validates it with the operation's zod schema before any handler sees it. What would
// open the library beyond this computer (shared/operations/privileged.ts) runs only after the person
// says yes in a native dialog this process shows: the page can ask for it, never grant it.
import { BrowserWindow, dialog, ipcMain } from 'electron';
import type { ErrorPayload } from '../../shared/errors.ts';
import type { Ask } from '../../shared/operations/privileged.ts';
import { toEnvelope, type Envelope } from '../utility/protocol.ts';
import type { CoreProcess } from './core-process.ts';
import { IPC } from './ipc-channels.ts';
import { rendererCalls } from './renderer-calls.ts';
import { fromApp } from './sender.ts';

export interface IpcDeps {
  core: CoreProcess;
  log: (line: string) => void;
}

const refuse = (error: ErrorPayload): Envelope<never> => ({ ok: false, error });

export async function chooseFolders(win: BrowserWindow | null): Promise<string[]> {
  const opts: Electron.OpenDialogOptions = { title: 'Add folders to Kindred', buttonLabel: 'Add', properties: ['openDirectory', 'multiSelections', 'createDirectory'] };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled ? [] : r.filePaths;
}

/** The question as a native dialog over the window that asked; Cancel is the default. */
function askIn(win: BrowserWindow | null): Ask {
  return async (q) => {
    const opts: Electron.MessageBoxOptions = { type: 'warning', title: q.title, message: q.message, detail: q.detail, buttons: [q.confirm, 'Cancel'], defaultId: 1, cancelId: 1, noLink: true };
    return (win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts)).response === 0;
  };
}

export function registerIpc({ core, log }: IpcDeps): void {
  const handlers = rendererCalls(core);

  ipcMain.handle(IPC.invoke, (e, op: unknown, input: unknown): Promise<Envelope> | Envelope => {
    if (!fromApp(e, ['app'])) {
      log(`ipc: refused ${String(op).slice(0, 60)} from ${e.senderFrame?.url ?? 'a destroyed frame'}`);
      return refuse({ code: 'forbidden', message: 'Not an app page.' });
    }
    const handler = typeof op === 'string' ? handlers.get(op) : undefined;
    if (!handler) return refuse({ code: 'unknown_operation', message: `Unknown operation: ${String(op).slice(0, 80)}` });
    return toEnvelope(handler(input, askIn(BrowserWindow.fromWebContents(e.sender))));
  });

  ipcMain.handle(IPC.chooseFolders, (e): Promise<Envelope<string[]>> | Envelope<never> => {
    if (!fromApp(e, ['app'])) return refuse({ code: 'forbidden', message: 'Not an app page.' });
    return toEnvelope(chooseFolders(BrowserWindow.fromWebContents(e.sender)));
  });

  ipcMain.handle(IPC.startupStatus, (e) => {
    if (!fromApp(e, ['app', 'setup'])) return refuse({ code: 'forbidden', message: 'Not an app page.' });
    return toEnvelope(core.currentStatus());
  });

  ipcMain.handle(IPC.startupRetry, (e) => {
    if (!fromApp(e, ['setup'])) return refuse({ code: 'forbidden', message: 'Not an app page.' });
    return toEnvelope(core.repair());
  });
}
