import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/bridge.ts';

export interface MenuActions {
  addFolders: () => void;
  /** To the focused page; the preload turns undo/redo into text-field undo when a field has focus. */
  send: (command: MenuCommand) => void;
  openDataFolder: () => void;
  about: () => void;
  isMac: boolean;
  devTools: boolean;
}

export function buildMenu(a: MenuActions): Menu {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [
    ...(a.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { id: 'add-folder', label: 'Add Folder…', accelerator: 'CmdOrCtrl+O', click: () => a.addFolders() },
        { id: 'write-xmp', label: 'Write Face Regions to XMP Sidecars', click: () => a.send('write-xmp') },
        sep,
        a.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { id: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => a.send('undo') },
        { id: 'redo', label: 'Redo', accelerator: a.isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y', click: () => a.send('redo') },
        sep,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(a.devTools ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, sep] as MenuItemConstructorOptions[]) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
      ],
    },
    ...(a.isMac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { id: 'about', label: 'About Kindred', click: () => a.about() },
        { id: 'open-data-folder', label: 'Open Data Folder', click: () => a.openDataFolder() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
