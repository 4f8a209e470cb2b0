// The fault harness: run a scenario in a child process, SIGKILL it at seeded points (before its
// n-th write), restart the core on what is left, and check that nothing was lost or half-done.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { KindredCore } from '../app.ts';
import { cacheProblems } from './cache-check.ts';
import { catalogueIds, catalogueState, type CatalogueState } from './catalogue-state.ts';
import { backupPath, decideOnBase, type FaultScenario } from './fault-scenarios.ts';
import { copyInto, identitiesWith } from './fixtures.ts';
import { rng } from '../people/synthetic.ts';

const CHILD = new URL('./fault-child.ts', import.meta.url).pathname;

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runChild(args: object, killAfterMs?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timers = [setTimeout(() => child.kill('SIGKILL'), 120_000)];
    if (killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      timers.forEach(clearTimeout);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Seeded (the people engine's deterministic PRNG): the same kill points on every run of the suite. */
export const seeded = rng;

/** `count` distinct points in 1..n: the first and last write always, the rest drawn with `random`. */
export function killPoints(n: number, count: number, random: () => number): number[] {
  const points = new Set([1, n].filter((p) => p >= 1));
  while (points.size < Math.min(count, n)) points.add(1 + Math.floor(random() * n));
  return [...points].sort((a, b) => a - b);
}

/** 24 faces-dev photos (8 people × 3), imported, with a user's decisions on top. */
export async function buildBase(root: string): Promise<{ dataDir: string; photos: string }> {
  const photos = join(root, 'photos');
  copyInto(photos, identitiesWith(3, 8).flatMap((id) => id.files.slice(0, 3)));
  const dataDir = join(root, 'base');
  const core = new KindredCore({ dataDir, workers: 2 });
  try {
    const job = await core.invoke('import.start', { paths: [photos] });
    await core.invoke('jobs.wait', { job_id: job.id });
    await decideOnBase(core);
  } finally {
    await core.close();
  }
  return { dataDir, photos };
}

/** Open the catalogue as the app does after a crash: sweep, resume, then what the user does next. */
export async function restart(dataDir: string, scenario?: FaultScenario): Promise<KindredCore> {
  const core = new KindredCore({ dataDir, workers: 1, resumeInterrupted: true, sweepCache: true });
  await core.swept;
  for (const job of await core.invoke('jobs.list', { active: true })) await core.invoke('jobs.wait', { job_id: job.id });
  await scenario?.recover?.(core);
  return core;
}

/** Integrity, foreign keys and the cache: what must hold after any crash. */
export function structuralProblems(core: KindredCore): string[] {
  const db = core.catalogue.db;
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
  const cache = cacheProblems(core.catalogue, core.layout.cacheDir);
  if (cache.orphans.length) problems.push(`${cache.orphans.length} orphaned cache files (${cache.orphans.slice(0, 2).join(', ')})`);
  if (cache.missing.length) problems.push(`missing: ${cache.missing.slice(0, 3).join(', ')}`);
  if (cache.partial.length) problems.push(`partial files: ${cache.partial.slice(0, 3).join(', ')}`);
  return problems;
}

interface Decisions {
  names: Set<string>;
  userAssignments: Set<string>;
  rejections: Set<string>;
  merges: Set<string>;
  facedPeople: Set<string>;
  people: Set<string>;
}

/** The user's decisions, and who has faces, as sets of comparable strings. */
function decisions(db: Database.Database): Decisions {
  const set = (sql: string) => new Set((db.prepare(sql).raw().all() as unknown[][]).map((r) => r.join('|')));
  return {
    names: set('SELECT id, name FROM people WHERE name IS NOT NULL'),
    userAssignments: set(`SELECT id, person_id FROM faces WHERE assignment = 'user'`),
    rejections: set('SELECT face_id, person_id FROM face_rejections'),
    merges: set('SELECT id, undone_at IS NULL FROM merges'),
    facedPeople: set('SELECT DISTINCT person_id FROM faces WHERE person_id IS NOT NULL'),
    people: set('SELECT id FROM people'),
  };
}

/**
 * Every decision of the base is still there unless the uninterrupted run changed it too; no person who
 * had faces lost them all unless the uninterrupted run emptied them as well; ids stay as they were.
 */
export function decisionProblems(base: Database.Database, uninterrupted: Database.Database, now: Database.Database): string[] {
  const [b, u, n] = [decisions(base), decisions(uninterrupted), decisions(now)];
  const problems: string[] = [];
  const words: Record<keyof Decisions, string> = {
    names: 'name lost',
    userAssignments: 'user assignment lost',
    rejections: '"not this person" lost',
    merges: 'merge lost or undone',
    facedPeople: 'person emptied',
    people: 'person id gone',
  };
  for (const key of Object.keys(words) as Array<keyof Decisions>) {
    for (const d of b[key]) if (u[key].has(d) && !n[key].has(d)) problems.push(`${words[key]}: ${d}`);
  }
  return problems;
}

export interface KillReport {
  scenario: string;
  /** Writes the uninterrupted run made (the kill points to choose from). */
  writes: number;
  points: number[];
  /** Kill points after which every check held. */
  survived: number;
  failures: string[];
}

/**
 * One scenario under fire: an uninterrupted run (counting writes, recording the state after each
 * step), then one killed run per point, each restarted and checked. After a kill the catalogue must
 * be exactly as it was before some step or after it — never in between.
 */
export async function killScenario(scenario: FaultScenario, baseDir: string, work: string, opts: { seed: number; points: number }): Promise<KillReport> {
  const dry = join(work, `${scenario.name}-uninterrupted`, 'data');
  cpSync(baseDir, dry, { recursive: true });
  const statesFile = join(work, `${scenario.name}-states.json`);
  const measured = await runChild({ dataDir: dry, scenario: scenario.name, killAt: null, statesFile });
  if (measured.code !== 0) throw new Error(`the uninterrupted ${scenario.name} failed: ${measured.stderr}`);
  const { writes } = JSON.parse(measured.stdout.trim().split('\n').at(-1)!) as { writes: number };
  const prefixes = JSON.parse(readFileSync(statesFile, 'utf8')) as CatalogueState[];
  const baseDb = new Database(join(baseDir, 'catalogue.sqlite'), { readonly: true });
  const dryDb = new Database(join(dry, 'catalogue.sqlite'), { readonly: true });
  const known = catalogueIds(baseDb);
  const report: KillReport = { scenario: scenario.name, writes, points: killPoints(writes, opts.points, seeded(opts.seed)), survived: 0, failures: [] };
  try {
    for (const at of report.points) {
      const dataDir = join(work, `${scenario.name}-kill-${at}`, 'data');
      cpSync(baseDir, dataDir, { recursive: true });
      const killed = await runChild({ dataDir, scenario: scenario.name, killAt: at });
      const problems: string[] = [];
      if (killed.signal !== 'SIGKILL') problems.push(`not killed (exit ${killed.code}): ${killed.stderr.slice(0, 300)}`);
      const core = await restart(dataDir, scenario);
      try {
        problems.push(...structuralProblems(core));
        const state = catalogueState(core.catalogue.db, known);
        const step = prefixes.findIndex((p) => JSON.stringify(p) === JSON.stringify(state));
        if (step < 0) problems.push(`the catalogue is in no state an uninterrupted run passes through; ${nearestDifference(prefixes, state)}`);
        problems.push(...decisionProblems(baseDb, dryDb, core.catalogue.db));
        if (scenario.name === 'backup') problems.push(...backupProblems(dataDir));
      } finally {
        await core.close();
      }
      if (problems.length) report.failures.push(`kill before write ${at}: ${problems.join('; ')}`);
      else {
        report.survived++;
        rmSync(join(work, `${scenario.name}-kill-${at}`), { recursive: true, force: true });
      }
    }
  } finally {
    baseDb.close();
    dryDb.close();
  }
  return report;
}

function backupProblems(dataDir: string): string[] {
  const dest = backupPath(dataDir);
  if (!existsSync(dest)) return ['no backup after the backup was run again'];
  const partial = readdirSync(dirname(dest)).filter((n) => n.includes('.partial-'));
  if (partial.length) return [`a killed backup's temp file is still there: ${partial.join(', ')}`];
  const db = new Database(dest, { readonly: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    return ok === 'ok' ? [] : [`the backup is damaged: ${String(ok)}`];
  } finally {
    db.close();
  }
}

/** How `state` differs from the nearest state an uninterrupted run passes through. */
function nearestDifference(prefixes: CatalogueState[], state: CatalogueState): string {
  const diffs = prefixes.map((ref, step) => {
    const lines: string[] = [];
    for (const table of new Set([...Object.keys(ref), ...Object.keys(state)])) {
      const have = new Set(state[table] ?? []);
      const want = new Set(ref[table] ?? []);
      for (const r of want) if (!have.has(r)) lines.push(`${table} expected ${r.slice(0, 400)}`);
      for (const r of have) if (!want.has(r)) lines.push(`${table} found ${r.slice(0, 400)}`);
    }
    return { step, lines };
  });
  const near = diffs.sort((a, b) => a.lines.length - b.lines.length)[0]!;
  return `nearest is after step ${near.step} (${near.lines.length} rows differ): ${near.lines.slice(0, 4).join(' | ')}`;
}
