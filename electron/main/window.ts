import { BrowserWindow, screen } from 'electron';
import { fitToDisplays, loadWindowState, MIN_SIZE, saveWindowState, type WindowState } from './window-state.ts';
import { secureWebPreferences } from './security.ts';

export interface WindowOptions {
  preload: string;
  url: string;
  stateFile: string;
  devTools: boolean;
  icon: string | undefined;
  log: (line: string) => void;
}

/** The main window, where it was last time, with the only web preferences the app uses. */
export function createMainWindow(o: WindowOptions): BrowserWindow {
  const saved = fitToDisplays(loadWindowState(o.stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Kindred',
    show: false,
    backgroundColor: '#15171c',
    ...(o.icon ? { icon: o.icon } : {}),
    webPreferences: secureWebPreferences(o.preload, o.devTools),
  });
  if (saved.maximized) win.maximize();
  if (saved.fullScreen) win.setFullScreen(true);
  win.once('ready-to-show', () => win.show());

  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { ...b, maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
    try {
      saveWindowState(o.stateFile, state);
    } catch (e) {
      o.log(`could not save window state: ${(e as Error).message}`);
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });

  void win.loadURL(o.url).catch((e: unknown) => o.log(`could not load ${o.url}: ${(e as Error).message}`));
  return win;
}
