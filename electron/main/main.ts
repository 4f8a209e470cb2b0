// Electron main: windows, menu, security, protocols, IPC, and the core's process. Thin on purpose;
// the application is electron/core, which runs in a utility process (see core-process.ts).
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { defaultDataDir } from '../core/data-dir.ts';
import type { StartupStatus } from '../core/startup-check.ts';
import { appHostOf, SETUP_URL, UI_URL } from './app-origin.ts';
import { CoreProcess } from './core-process.ts';
import { chooseFolders, registerIpc } from './ipc.ts';
import type { MenuCommand } from '../../shared/bridge.ts';
import { IPC } from './ipc-channels.ts';
import { createLog } from './log.ts';
import { buildMenu } from './menu.ts';
import { appPaths } from './paths.ts';
import { handleProtocols, registerSchemes } from './protocols.ts';
import { hardenApp, hardenSession } from './security.ts';
import { createMainWindow } from './window.ts';

// Before 'ready': schemes, sandbox, where data lives. The catalogue lives in userData, the folder
// the CLI also uses ($KINDRED_DATA_DIR overrides both); Chromium's own data goes to a subfolder so
// its "Cache" never meets the catalogue's "cache" on case-insensitive file systems.
registerSchemes();
app.setName('Kindred');
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'chromium'));
app.setAppLogsPath(join(dataDir, 'logs'));
const log = createLog(app.getPath('logs'));
hardenApp(log);

if (!app.requestSingleInstanceLock()) {
  log('another Kindred is running; handing over to it');
  app.quit();
} else {
  run();
}

function run(): void {
  const paths = appPaths(dataDir);
  const devTools = !app.isPackaged;
  const core = new CoreProcess({
    entry: paths.coreEntry,
    start: { dataDir, bundledModelsDir: paths.bundledModelsDir, writableModelsDir: paths.writableModelsDir, workerFile: paths.workerFile },
    log,
  });
  let win: BrowserWindow | null = null;
  let closed = false;
  let closing = false;

  const pageFor = (s: StartupStatus): string => (s.state === 'ready' ? UI_URL : SETUP_URL);
  const openWindow = (status: StartupStatus): void => {
    win = createMainWindow({ preload: paths.preload, url: pageFor(status), stateFile: paths.windowStateFile, devTools, icon: paths.devIcon, log });
    win.on('closed', () => (win = null));
  };
  const send = (command: MenuCommand): void => {
    const w = BrowserWindow.getFocusedWindow() ?? win;
    if (w && appHostOf(w.webContents.getURL()) === 'app') w.webContents.send(IPC.menu, command);
  };
  const addFolders = async (): Promise<void> => {
    const folders = await chooseFolders(win);
    if (folders.length === 0) return;
    try {
      await core.invoke('import.start', { paths: folders });
    } catch (e) {
      await dialog.showMessageBox({ type: 'error', title: 'Kindred', message: 'Could not start the import.', detail: (e as Error).message });
    }
  };

  core.onNotice((n) => {
    for (const w of BrowserWindow.getAllWindows()) {
      const host = appHostOf(w.webContents.getURL());
      if (n.t === 'event' && host === 'app') w.webContents.send(IPC.event, n.name, n.payload);
      if (n.t === 'log' && host === 'setup') w.webContents.send(IPC.startupLog, n.line);
      if (n.t !== 'status' || !host) continue;
      w.webContents.send(IPC.startupChanged, n.status);
      // The setup screen gives way to the app once models verify, and comes back if the core cannot run.
      if ((n.status.state === 'ready') !== (host === 'app')) void w.loadURL(pageFor(n.status));
    }
  });

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) void core.currentStatus().then(openWindow, () => openWindow(fallbackStatus()));
  });
  // Quit waits for the core to checkpoint: the import runner lands in-flight results and the queue
  // resumes next time from exactly there.
  app.on('before-quit', (e) => {
    if (closed) return;
    e.preventDefault();
    if (closing) return;
    closing = true;
    log('quitting: closing the core');
    void core.close(20_000).finally(() => {
      closed = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const fallbackStatus = (): StartupStatus => core.status ?? { state: 'catalogue_unavailable', code: 'internal', message: 'The Kindred core did not start.', dataDir };

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession, log);
    handleProtocols({ roots: { app: paths.rendererDir, setup: paths.setupDir }, media: (kind, id) => core.media(kind, id), original: (kind, id) => core.original(kind, id), log });
    registerIpc({ core, log });
    Menu.setApplicationMenu(
      buildMenu({
        addFolders: () => void addFolders(),
        send,
        openDataFolder: () => void shell.openPath(dataDir),
        about: () =>
          void dialog.showMessageBox({
            title: 'About Kindred',
            message: `Kindred ${app.getVersion()}`,
            detail: `A people-first photo library. Everything stays on this computer.\n\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}\nData: ${dataDir}`,
          }),
        isMac: process.platform === 'darwin',
        devTools,
      }),
    );
    log(`data in ${dataDir}; models from ${paths.bundledModelsDir}`);
    const status = await core.start().catch((e: unknown) => {
      log(`core did not start: ${(e as Error).message}`);
      return fallbackStatus();
    });
    openWindow(status);
  });
}
