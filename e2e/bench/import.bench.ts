// npm run bench:import [-- --photos N] [--set lfw] [--no-baseline]
// 12-MP set (default): import generated 12-MP JPEGs (several faces each, mixed EXIF orientations) and
// print throughput, per-stage time, peak RSS per process and detection recall by face size; in the
// same run, each stage alone on one thread (their sum is the pipeline's limit on this machine) and
// a naive baseline on the same photos, so the ratios hold on a machine whose load drifts.
// --set lfw: a plain import of faces-dev + faces-scale-dev (7k small photos).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { withWorkerAllocator } from '../../electron/core/pipeline/allocator-env.ts';
import { SHARED_DATA } from '../../electron/core/testing/fixtures.ts';
import type { FaceExport } from '../../shared/operations/faces.ops.ts';
import { iou } from '../../shared/geometry.ts';
import { make12mpSet, type BenchPhoto } from './make-12mp-set.ts';
import { chosenSum, measureStages, stageTools, STAGES } from './stages.ts';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '200' },
    set: { type: 'string', default: '12mp' },
    'stage-photos': { type: 'string', default: '16' },
    'no-baseline': { type: 'boolean', default: false },
  },
});

interface ImportResult {
  job: { state: string; progress: { files_done: number; faces: number; files_skipped: number } };
  stats: { files: number; faces: number; wallMs: number; analyzeMs: number; analyzeCpuMs: number; groupMs: number; stageMs: Record<string, number> };
  faces: FaceExport[];
  maxRssKb: number;
  arenaMax: string | null;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const cores = availableParallelism();

function runChild<T>(script: string, args: string[]): T {
  // Started as the CLI and the app start their cores: with the workers' allocator settings.
  const out = execFileSync(process.execPath, [new URL(script, import.meta.url).pathname, ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: withWorkerAllocator(),
  });
  return JSON.parse(out) as T;
}

function importFolders(folders: string[]): ImportResult {
  const dataDir = mkdtempSync(join(tmpdir(), 'kindred-bench-data-'));
  try {
    return runChild<ImportResult>('./import-child.ts', [dataDir, ...folders]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printImport(r: ImportResult): number {
  const s = r.stats;
  const sec = s.analyzeMs / 1000;
  console.log(`import: ${r.job.state}, ${s.files} photos, ${s.faces} faces, ${r.job.progress.files_skipped} skipped`);
  console.log(`throughput (analysis phase): ${(s.files / sec).toFixed(2)} photos/s, ${(s.faces / sec).toFixed(1)} faces/s over ${sec.toFixed(1)} s`);
  console.log(`end to end (scan + analysis + grouping): ${(s.files / (s.wallMs / 1000)).toFixed(2)} photos/s over ${(s.wallMs / 1000).toFixed(1)} s; grouping ${s.groupMs.toFixed(0)} ms`);
  // Less noisy than photos/s on a shared machine, and says whether the cores were kept busy.
  console.log(`CPU (all threads, analysis phase): ${(s.analyzeCpuMs / s.files).toFixed(1)} ms a photo, ${(s.analyzeCpuMs / s.analyzeMs).toFixed(2)} of ${cores} cores busy`);
  console.log(`per photo, wall ms summed over workers: ${Object.entries(s.stageMs).map(([k, v]) => `${k} ${(v / s.files).toFixed(1)}`).join(', ')}`);
  console.log(`peak RSS: import process ${mb(r.maxRssKb)} (main thread + ${cores} analysis worker threads; MALLOC_ARENA_MAX=${r.arenaMax ?? 'unset'})`);
  return s.files / sec;
}

type Recall = Map<number, { found: number; total: number }>;

/** Detection recall by pasted face width, matching by IoU ≥ 0.3 against the approximate pasted face box. */
function recallByWidth(photos: BenchPhoto[], found: (file: string) => Array<{ x: number; y: number; w: number; h: number }>): Recall {
  const recall: Recall = new Map();
  for (const p of photos) {
    const boxes = found(p.file);
    for (const f of p.faces) {
      const row = recall.get(f.box.w) ?? { found: 0, total: 0 };
      row.total++;
      if (boxes.some((d) => iou(d, f.box) >= 0.3)) row.found++;
      recall.set(f.box.w, row);
    }
  }
  return recall;
}

const describeRecall = (r: Recall) => [...r.entries()].sort((a, b) => a[0] - b[0]).map(([w, v]) => `${w}px ${v.found}/${v.total}`).join(', ');
const totalFound = (r: Recall) => [...r.values()].reduce((s, v) => s + v.found, 0);

async function bench12mp(): Promise<void> {
  const t0 = performance.now();
  const photos = await make12mpSet(tmpdir(), Number(values.photos));
  const folder = dirname(photos[0]!.file);
  console.log(`set: ${photos.length} photos of 4000×3000 in ${folder} (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // 1. Each stage alone, one thread: the pipeline's compute per photo and so its limit on these cores.
  const tools = await stageTools(false);
  const sample = photos.slice(0, Number(values['stage-photos'])).map((p) => p.file);
  const { results } = await measureStages(sample, tools).finally(() => tools.release());
  const sum = chosenSum(results);
  const limit = (cores * 1000) / sum;
  console.log(`stages alone (${sample.length} photos, one thread, CPU ms a photo): ${STAGES.map((s) => `${s} ${results.find((r) => r.variant.stage === s)!.cpuMs.toFixed(1)}`).join(', ')}`);
  console.log(`summed stage limit: ${sum.toFixed(1)} CPU ms a photo = ${limit.toFixed(2)} photos/s on ${cores} cores`);

  // 2. The import itself.
  const r = importFolders([folder]);
  const rate = printImport(r);
  const byFile = new Map<string, FaceExport[]>();
  for (const f of r.faces) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  const ours = recallByWidth(photos, (file) => (byFile.get(file) ?? []).map((f) => f.bounding_box));
  console.log(`detection recall by face width: ${describeRecall(ours)}`);
  console.log(`ratio to the summed stage limit: ${(rate / limit).toFixed(3)}`);

  // 3. The naive baseline on the same photos, same cores.
  if (values['no-baseline']) return;
  const naive = runChild<{ wallMs: number; faces: Record<string, Array<{ x: number; y: number; w: number; h: number }>>; maxRssKb: number }>(
    './naive-child.ts',
    photos.map((p) => p.file),
  );
  const naiveRate = photos.length / (naive.wallMs / 1000);
  const theirs = recallByWidth(photos, (file) => naive.faces[file] ?? []);
  console.log(`naive baseline (full decode, one 640 pass, float input, one face a run at 'extended', no catalogue): ${naiveRate.toFixed(2)} photos/s, peak RSS ${mb(naive.maxRssKb)}`);
  console.log(`naive baseline recall by face width: ${describeRecall(theirs)}`);
  console.log(`paired: import ${(rate / naiveRate).toFixed(2)}x the naive baseline's photos/s, finding ${totalFound(ours)} of the pasted faces to its ${totalFound(theirs)}`);
}

function benchLfw(): void {
  const folders = [join(SHARED_DATA, 'faces-dev'), join(SHARED_DATA, 'faces-scale-dev')];
  console.log(`set: ${folders.join(' + ')}`);
  printImport(importFolders(folders));
}

if (values.set === 'lfw') benchLfw();
else await bench12mp();
console.log(`bench process (stage timing and reporting) peak RSS: ${mb(process.resourceUsage().maxRSS)}`);
