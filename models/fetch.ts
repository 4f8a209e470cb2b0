import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveModel } from './derive.ts';
import { getModel, selectModels, type ModelEntry, type ModelId } from './manifest.ts';
import { resolveCacheDir, resolveMirrorDir, ENV_MIRROR } from './paths.ts';
import { discard, placeVerified } from './place.ts';
import { describeUpstream, errorText, fromUpstream } from './upstream.ts';
import { checkFile, NOT_PRESENT, sizeProblem } from './verify.ts';

export type SourceKind = 'cache' | 'mirror' | 'upstream' | 'derive';
export type ModelStatus = 'cached' | 'mirror' | 'upstream' | 'derived' | 'missing';

export interface Attempt {
  source: SourceKind;
  /** The path or URL that was tried, when there was one. */
  location?: string;
  error: string;
}

export interface ModelReport {
  id: ModelId;
  file: string;
  status: ModelStatus;
  /** Absolute path of the verified file in the cache (absent when missing). */
  path?: string;
  /** Every source that did not yield a good file, in the order tried. */
  tried: Attempt[];
}

export interface EnsureOptions {
  /** Default: $KINDRED_MODELS_DIR, else <repo>/models/cache. */
  cacheDir?: string;
  /** Directory holding copies of the files. Default: $KINDRED_MODEL_MIRROR; null disables. */
  mirror?: string | null;
  /** Download from the upstream URL / npm package when cache and mirror fail. Default true. */
  allowUpstream?: boolean;
  /** Default: every model in the manifest. */
  ids?: readonly ModelId[];
  log?: (line: string) => void;
  /** URL downloads give up after this long without data. Default 30 s. */
  timeoutMs?: number;
  /** Limit for one whole `npm pack`. Default 10 min. */
  npmTimeoutMs?: number;
}

/**
 * Makes sure each model is in the cache as a verified file, trying cache → mirror → upstream.
 * Never throws for an unavailable model: the report says what happened per model.
 */
export async function ensureModels(opts: EnsureOptions = {}): Promise<ModelReport[]> {
  const { ids, ...rest } = opts;
  // Resolve env-derived dirs once so every model in a run uses the same ones.
  const shared = { ...rest, cacheDir: resolveCacheDir(rest.cacheDir), mirror: resolveMirrorDir(rest.mirror) ?? null };
  const reports: ModelReport[] = [];
  for (const model of selectModels(ids)) reports.push(await ensureModel(model, shared));
  return reports;
}

/** ensureModels for one entry, which need not come from the manifest (tests point upstream elsewhere). */
export async function ensureModel(model: ModelEntry, opts: Omit<EnsureOptions, 'ids'> = {}): Promise<ModelReport> {
  const o = { ...opts, cacheDir: resolveCacheDir(opts.cacheDir), mirrorDir: resolveMirrorDir(opts.mirror), log: opts.log ?? (() => undefined) };
  const tried: Attempt[] = [];
  const done = (status: ModelStatus, path?: string): ModelReport =>
    ({ id: model.id, file: model.file, status, ...(path ? { path } : {}), tried });

  const cached = join(o.cacheDir, model.file);
  const bad = await checkFile(cached, model);
  if (!bad) return done('cached', cached);
  tried.push({ source: 'cache', location: cached, error: bad });
  if (bad !== NOT_PRESENT) {
    o.log(`${model.id}: cached copy rejected (${bad}); removing it`);
    // If it cannot be removed, a verified replacement still renames over it below.
    await discard(cached).catch((e: unknown) => o.log(`${model.id}: could not remove ${cached}: ${errorText(e)}`));
  }

  if (o.mirrorDir) {
    const src = join(o.mirrorDir, model.file);
    const pre = await sizeProblem(src, model.size);
    if (pre) tried.push({ source: 'mirror', location: src, error: pre });
    else {
      o.log(`${model.id}: copying from mirror ${src}`);
      const path = await attempt(tried, 'mirror', src, () => placeVerified(createReadStream(src), model, o.cacheDir));
      if (path) return done('mirror', path);
    }
  } else {
    tried.push({ source: 'mirror', error: `no mirror configured (set ${ENV_MIRROR})` });
  }

  const where = describeUpstream(model.upstream);
  if (model.upstream.kind === 'derived') {
    const { from, recipe } = model.upstream;
    // The source goes through the same chain (cache, mirror, upstream), so it is verified before use.
    const source = await ensureModel(getModel(from), opts);
    if (!source.path) {
      tried.push({ source: 'derive', location: where, error: `source model ${from} is unavailable` }, ...source.tried);
      return done('missing');
    }
    o.log(`${model.id}: deriving from ${source.path} (${recipe})`);
    const path = await attempt(tried, 'derive', where, async () => {
      const bytes = deriveModel(recipe, await readFile(source.path!));
      return placeVerified((async function* () { yield bytes; })(), model, o.cacheDir);
    });
    return path ? done('derived', path) : done('missing');
  }
  if (o.allowUpstream === false) {
    tried.push({ source: 'upstream', location: where, error: 'upstream downloads disabled' });
    return done('missing');
  }
  o.log(`${model.id}: fetching ${where}`);
  const upstream = model.upstream;
  const timeout = upstream.kind === 'url' ? (o.timeoutMs ?? 30_000) : (o.npmTimeoutMs ?? 600_000);
  const path = await attempt(tried, 'upstream', where, () => placeVerified(fromUpstream(upstream, timeout), model, o.cacheDir));
  return path ? done('upstream', path) : done('missing');
}

async function attempt(tried: Attempt[], source: SourceKind, location: string, fn: () => Promise<string>): Promise<string | null> {
  try {
    return await fn();
  } catch (e) {
    tried.push({ source, location, error: errorText(e) });
    return null;
  }
}
