// Where the app's files are at runtime, packaged or not. This module is bundled into
// dist/electron/main.cjs, so `here` is dist/electron (inside app.asar when packaged).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';

const here = dirname(fileURLToPath(import.meta.url));

export interface AppPaths {
  dataDir: string;
  preload: string;
  coreEntry: string;
  workerFile: string;
  rendererDir: string;
  setupDir: string;
  /** Models shipped with the app; in development the repo's models/cache. */
  bundledModelsDir: string;
  /** Where Retry puts fetched models. */
  writableModelsDir: string;
  windowStateFile: string;
  /** A window icon for development (packaged builds get theirs from the installer). */
  devIcon: string | undefined;
}

export function appPaths(dataDir: string): AppPaths {
  const packaged = app.isPackaged;
  const override = process.env.KINDRED_MODELS_DIR || undefined;
  const bundledModelsDir = override ?? (packaged ? join(process.resourcesPath, 'models') : join(app.getAppPath(), 'models', 'cache'));
  return {
    dataDir,
    preload: join(here, 'preload.cjs'),
    coreEntry: join(here, 'core.cjs'),
    workerFile: join(here, 'analyze.worker.cjs'),
    rendererDir: join(here, '..', 'renderer'),
    setupDir: join(here, 'setup'),
    bundledModelsDir,
    // A packaged app cannot write into its own resources; in development `npm run models` and
    // Retry fill the same folder.
    writableModelsDir: packaged ? join(dataDir, 'models') : bundledModelsDir,
    windowStateFile: join(dataDir, 'window-state.json'),
    devIcon: packaged ? undefined : join(app.getAppPath(), 'build', 'icons', '256x256.png'),
  };
}
