// What the desktop app checks before it opens the catalogue: are the face models there and intact?
// Plain Node on purpose (the Electron shell only forwards the typed status to a first-run screen),
// so every branch is tested without Electron.
import { resolve } from 'node:path';
import { ensureModels, type Attempt, type EnsureOptions, type ModelReport } from '../../models/fetch.ts';
import { checkCache, type CacheCheck } from '../../models/locate.ts';
import { selectModels, type ModelId } from '../../models/manifest.ts';
import { howToFix } from '../../models/remedy.ts';
import { describeUpstream } from '../../models/upstream.ts';
import type { StartupStatus } from '../../shared/startup.ts';
import { toKindredError } from './errors.ts';
import { DETECTOR_FILE, EMBEDDER_FILE } from './vision-models.ts';

/** The models the core cannot import without (see vision-models.ts). */
export const REQUIRED_MODELS: readonly ModelId[] = [DETECTOR_FILE, EMBEDDER_FILE];

export interface ModelDirs {
  /** Read-only copies shipped with the app (resources/models); checked first. */
  bundledDir?: string;
  /** A folder the app may write: where a repair puts fetched files (userData/models). */
  writableDir: string;
  /** Default: REQUIRED_MODELS. */
  ids?: readonly ModelId[];
}

export type { ManualStep, ModelProblem, StartupState, StartupStatus } from '../../shared/startup.ts';

function candidates(dirs: ModelDirs): string[] {
  const list = [dirs.bundledDir, dirs.writableDir].filter((d): d is string => !!d).map((d) => resolve(d));
  return [...new Set(list)];
}

/**
 * Finds a folder holding every required model with the right size and sha256 (bundled first, then
 * the writable one). Never downloads and never throws for a missing or corrupt file.
 */
export async function checkModels(dirs: ModelDirs): Promise<Extract<StartupStatus, { state: 'ready' | 'models_unavailable' }>> {
  const t0 = performance.now();
  const ids = dirs.ids ?? REQUIRED_MODELS;
  const searched = candidates(dirs);
  let first: CacheCheck[] | undefined;
  for (const dir of searched) {
    const checks = await checkCache({ cacheDir: dir, ids });
    if (checks.every((c) => c.problem === null)) return { state: 'ready', modelsDir: dir, checkedMs: Math.round(performance.now() - t0) };
    first ??= checks;
  }
  // Report against the first folder (the app's own copy when packaged): that is what is broken.
  const bad = (first ?? []).filter((c) => c.problem !== null);
  const repairDir = resolve(dirs.writableDir);
  const models = selectModels(bad.map((c) => c.id));
  return {
    state: 'models_unavailable',
    problems: bad.map((c) => ({ id: c.id, file: c.file, path: c.path, reason: c.problem! })),
    searched,
    repairDir,
    manual: models.map((m) => ({ id: m.id, file: m.file, source: describeUpstream(m.upstream), size: m.size, sha256: m.sha256, saveAs: resolve(repairDir, m.file) })),
    hint: howToFix(models, repairDir),
  };
}

export interface RepairOptions extends ModelDirs {
  /** Second-step mirror (default $KINDRED_MODEL_MIRROR; null: none). */
  mirror?: string | null;
  /** Download from upstream when no copy is good. Default true. */
  allowUpstream?: boolean;
  log?: (line: string) => void;
  timeoutMs?: number;
}

export interface RepairResult {
  status: Awaited<ReturnType<typeof checkModels>>;
  /** One per model: the final outcome, with every source tried across both steps. */
  reports: ModelReport[];
}

/**
 * The first-run screen's Retry: the fetch step (models/fetch.ts) into the writable folder. First a
 * local copy from the bundled folder (a file that is good there is never downloaded), then the
 * mirror and upstream sources for whatever is still missing. Every file is sha256-checked.
 */
export async function repairModels(opts: RepairOptions): Promise<RepairResult> {
  const ids = opts.ids ?? REQUIRED_MODELS;
  const writableDir = resolve(opts.writableDir);
  const bundled = opts.bundledDir ? resolve(opts.bundledDir) : undefined;
  const common: EnsureOptions = { cacheDir: writableDir, ...(opts.log ? { log: opts.log } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  const earlier = new Map<ModelId, Attempt[]>();
  let todo: readonly ModelId[] = ids;
  const done: ModelReport[] = [];
  if (bundled && bundled !== writableDir) {
    const local = await ensureModels({ ...common, ids, mirror: bundled, allowUpstream: false });
    for (const r of local) {
      // Keep only the bundled-copy attempt: step two re-checks the cache and owns the upstream try.
      if (r.status === 'missing') earlier.set(r.id, r.tried.filter((a) => a.source === 'mirror').map((a) => ({ ...a, error: `bundled copy: ${a.error}` })));
      else done.push(r);
    }
    todo = ids.filter((id) => earlier.has(id));
  }
  const fetched = todo.length
    ? await ensureModels({ ...common, ids: todo, ...(opts.mirror !== undefined ? { mirror: opts.mirror } : {}), allowUpstream: opts.allowUpstream ?? true })
    : [];
  for (const r of fetched) done.push({ ...r, tried: [...(earlier.get(r.id) ?? []), ...r.tried] });
  const order = new Map(ids.map((id, i) => [id, i]));
  done.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { status: await checkModels({ ...opts, ids }), reports: done };
}

/** The status to show when the catalogue cannot be opened (newer schema, unreadable folder, …). */
export function catalogueProblem(err: unknown, dataDir: string): Extract<StartupStatus, { state: 'catalogue_unavailable' }> {
  const e = toKindredError(err);
  return { state: 'catalogue_unavailable', code: e.code, message: e.message, dataDir };
}

/** One line for logs. */
export function describeStartup(s: StartupStatus): string {
  switch (s.state) {
    case 'ready':
      return `models verified in ${s.modelsDir} (${s.checkedMs} ms)`;
    case 'models_unavailable':
      return `models unavailable: ${s.problems.map((p) => `${p.id} (${p.reason})`).join('; ') || 'no folder holds every model'}; searched ${s.searched.join(', ')}`;
    case 'catalogue_unavailable':
      return `catalogue unavailable in ${s.dataDir}: [${s.code}] ${s.message}`;
  }
}
