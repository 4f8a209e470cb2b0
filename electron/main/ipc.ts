// IPC handlers, registered from the contract's operation map. Every handler first checks that the
// message comes from one of the app's own pages (the sending frame's URL), then hands the input to
// the core, which validates it with the operation's zod schema before any handler sees it.
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { rendererOpNames } from '../../shared/contract.ts';
import type { ErrorPayload } from '../../shared/errors.ts';
import { toEnvelope, type Envelope } from '../utility/protocol.ts';
import type { CoreProcess } from './core-process.ts';
import { IPC } from './ipc-channels.ts';
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

export function registerIpc({ core, log }: IpcDeps): void {
  // One handler per renderer operation, looked up by name: host-only operations (absolute paths
  // out, exports, blocking waits) simply are not in the map.
  const handlers = new Map(rendererOpNames().map((op) => [op, (input: unknown) => core.invoke(op, input)] as const));

  ipcMain.handle(IPC.invoke, (e, op: unknown, input: unknown): Promise<Envelope> | Envelope => {
    if (!fromApp(e, ['app'])) {
      log(`ipc: refused ${String(op).slice(0, 60)} from ${e.senderFrame?.url ?? 'a destroyed frame'}`);
      return refuse({ code: 'forbidden', message: 'Not an app page.' });
    }
    const handler = typeof op === 'string' ? handlers.get(op as never) : undefined;
    if (!handler) return refuse({ code: 'unknown_operation', message: `Unknown operation: ${String(op).slice(0, 80)}` });
    return toEnvelope(handler(input));
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
