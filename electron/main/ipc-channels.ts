// IPC channel names shared by main and the preload (the preload bundles this file).
export const IPC = {
  /** renderer -> main: (op, input) -> Envelope. Only contract operations with access 'renderer'. */
  invoke: 'kindred:invoke',
  /** main -> renderer: (name, payload) for every core event. */
  event: 'kindred:event',
  /** renderer -> main: () -> Envelope<string[]> from the native folder dialog. */
  chooseFolders: 'kindred:choose-folders',
  /** setup page -> main: () -> Envelope<StartupStatus>. */
  startupStatus: 'kindred:startup-status',
  /** setup page -> main: () -> Envelope<StartupStatus> after running the fetch step. */
  startupRetry: 'kindred:startup-retry',
  /** main -> pages: (StartupStatus) whenever it changes. */
  startupChanged: 'kindred:startup-changed',
  /** main -> setup page: (line) progress of a repair. */
  startupLog: 'kindred:startup-log',
  /** main -> renderer: (command) from the application menu. */
  menu: 'kindred:menu',
} as const;
