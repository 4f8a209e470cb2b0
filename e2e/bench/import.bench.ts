// npm run bench:import [-- --photos N] — import a generated set of 12-MP JPEGs (several faces each, mixed
// EXIF orientations) and print throughput, per-stage time, peak RSS and detection recall by face size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { make12mpSet } from './make-12mp-set.ts';
import type { FaceExport } from '../../shared/operations/faces.ops.ts';
import { iou } from '../../shared/geometry.ts';

const { values } = parseArgs({ options: { photos: { type: 'string', default: '200' } } });
const count = Number(values.photos);
const t0 = performance.now();
const photos = await make12mpSet(tmpdir(), count);
console.log(`set: ${photos.length} photos of 4000×3000 in ${dirname(photos[0]!.file)} (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const dataDir = mkdtempSync(join(tmpdir(), 'kindred-bench-data-'));
try {
  const out = execFileSync(process.execPath, [new URL('./import-child.ts', import.meta.url).pathname, dirname(photos[0]!.file), dataDir], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const r = JSON.parse(out) as {
    job: { state: string; progress: { files_done: number; faces: number; files_skipped: number } };
    stats: { files: number; faces: number; wallMs: number; analyzeMs: number; groupMs: number; stageMs: Record<string, number> };
    faces: FaceExport[];
    maxRssKb: number;
  };
  const s = r.stats;
  const sec = s.analyzeMs / 1000;
  console.log(`import: ${r.job.state}, ${s.files} photos, ${s.faces} faces, ${r.job.progress.files_skipped} skipped`);
  console.log(`throughput (analysis phase): ${(s.files / sec).toFixed(2)} photos/s, ${(s.faces / sec).toFixed(1)} faces/s over ${sec.toFixed(1)} s`);
  console.log(`end to end (scan + analysis + grouping): ${(s.files / (s.wallMs / 1000)).toFixed(2)} photos/s over ${(s.wallMs / 1000).toFixed(1)} s; grouping ${s.groupMs.toFixed(0)} ms`);
  console.log(`per photo, summed over workers (ms): ${Object.entries(s.stageMs).map(([k, v]) => `${k} ${(v / s.files).toFixed(1)}`).join(', ')}`);
  console.log(`peak RSS: ${(r.maxRssKb / 1024).toFixed(0)} MB (main thread and workers together)`);

  // Detection recall by pasted face width, matching by IoU ≥ 0.3 against the approximate pasted face box.
  const byFile = new Map<string, FaceExport[]>();
  for (const f of r.faces) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  const recall = new Map<number, { found: number; total: number }>();
  for (const p of photos) {
    const found = byFile.get(p.file) ?? [];
    for (const f of p.faces) {
      const row = recall.get(f.box.w) ?? { found: 0, total: 0 };
      row.total++;
      if (found.some((d) => iou(d.bounding_box, f.box) >= 0.3)) row.found++;
      recall.set(f.box.w, row);
    }
  }
  console.log(`detection recall by face width: ${[...recall.entries()].sort((a, b) => a[0] - b[0]).map(([w, v]) => `${w}px ${v.found}/${v.total}`).join(', ')}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
