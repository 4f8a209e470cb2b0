import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Kindred keeps its catalogue when nobody says otherwise: the same folder the desktop app uses
 * (Electron's userData), so the CLI and the app share one catalogue.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KINDRED_DATA_DIR) return env.KINDRED_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kindred');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Kindred');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Kindred');
}

export interface DataLayout {
  dataDir: string;
  catalogueFile: string;
  cacheDir: string;
}

export function dataLayout(dataDir: string): DataLayout {
  return { dataDir, catalogueFile: join(dataDir, 'catalogue.sqlite'), cacheDir: join(dataDir, 'cache') };
}
