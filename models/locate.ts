import { join } from 'node:path';
import { selectModels, type ModelEntry, type ModelId } from './manifest.ts';
import { resolveCacheDir } from './paths.ts';
import { howToFix } from './remedy.ts';
import { checkFile } from './verify.ts';

export interface MissingModel {
  id: ModelId;
  file: string;
  reason: string;
}

export class ModelsUnavailableError extends Error {
  override name = 'ModelsUnavailableError';
  readonly missing: MissingModel[];
  readonly cacheDir: string;

  constructor(missing: MissingModel[], cacheDir: string, models: readonly ModelEntry[]) {
    const list = missing.map((m) => `  - ${m.id} (${m.file}): ${m.reason}`).join('\n');
    super(`Face models unavailable: ${missing.length} model file(s) missing or invalid in ${cacheDir}\n${list}\n${howToFix(models, cacheDir)}`);
    this.missing = missing;
    this.cacheDir = cacheDir;
  }
}

export interface CacheCheck {
  id: ModelId;
  file: string;
  path: string;
  /** null when the file is present with the right size and sha256. */
  problem: string | null;
}

export interface LocateOptions<I extends ModelId> {
  /** Default: $KINDRED_MODELS_DIR, else <repo>/models/cache. */
  cacheDir?: string;
  /** Default: every model in the manifest. */
  ids?: readonly I[];
}

/** Checks the cached files without changing anything (the CLI's --verify). */
export async function checkCache<I extends ModelId>(opts: LocateOptions<I> = {}): Promise<CacheCheck[]> {
  const cacheDir = resolveCacheDir(opts.cacheDir);
  // Full sha256 every time: the three default files are ~5 MB (a few ms), and a size+mtime
  // shortcut would trust a file that was edited in place with the same size.
  return Promise.all(
    selectModels(opts.ids).map(async (m) => {
      const path = join(cacheDir, m.file);
      return { id: m.id, file: m.file, path, problem: await checkFile(path, m) };
    }),
  );
}

/**
 * Absolute paths of verified model files, for start-up. Never downloads; throws
 * ModelsUnavailableError naming each missing model and how to get it.
 */
export async function locateModels<I extends ModelId = ModelId>(opts: LocateOptions<I> = {}): Promise<Record<I, string>> {
  const cacheDir = resolveCacheDir(opts.cacheDir);
  const checks = await checkCache({ ...opts, cacheDir });
  const bad = checks.filter((c) => c.problem !== null);
  if (bad.length) {
    const models = selectModels(bad.map((c) => c.id));
    throw new ModelsUnavailableError(bad.map((c) => ({ id: c.id, file: c.file, reason: c.problem! })), cacheDir, models);
  }
  return Object.fromEntries(checks.map((c) => [c.id, c.path])) as Record<I, string>;
}
