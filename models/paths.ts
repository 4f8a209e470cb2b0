import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ENV_CACHE_DIR = 'KINDRED_MODELS_DIR';
export const ENV_MIRROR = 'KINDRED_MODEL_MIRROR';

const REPO_CACHE = fileURLToPath(new URL('./cache/', import.meta.url));

/** Where verified model files live: explicit dir, else $KINDRED_MODELS_DIR, else <repo>/models/cache. */
export function resolveCacheDir(cacheDir?: string): string {
  return resolve(cacheDir ?? (process.env[ENV_CACHE_DIR] || REPO_CACHE));
}

/** A directory holding copies of the model files: explicit (null = none), else $KINDRED_MODEL_MIRROR. */
export function resolveMirrorDir(mirror?: string | null): string | undefined {
  if (mirror === null) return undefined;
  const dir = mirror ?? process.env[ENV_MIRROR];
  return dir ? resolve(dir) : undefined;
}
