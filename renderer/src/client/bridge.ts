import type { KindredClient } from '../../../shared/contract.ts';

/** The part of the desktop preload's window.kindred the renderer uses (electron/preload/bridge.ts). */
export interface DesktopBridge {
  readonly transport: 'electron-ipc';
  invoke: KindredClient['invoke'];
  on: KindredClient['on'];
  pathsForFiles(files: readonly object[]): string[];
  chooseFolders(): Promise<string[]>;
  mediaUrl(kind: 'thumbnail' | 'face' | 'photo', id: string): string;
}

export function desktopBridge(): DesktopBridge | null {
  return (window as unknown as { kindred?: DesktopBridge }).kindred ?? null;
}
