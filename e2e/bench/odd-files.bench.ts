// npm run bench:odd-files [-- --keep DIR]: builds the odd-file corpus (odd-corpus.ts), imports it with
// two workers in a child process, and prints what became of each file and the import's peak RSS.
// Prints numbers; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withWorkerAllocator } from '../../electron/core/pipeline/allocator-env.ts';
import { buildOddCorpus } from './odd-corpus.ts';

const { values } = parseArgs({ options: { keep: { type: 'string' } } });
const root = values.keep ?? mkdtempSync(join(tmpdir(), 'kindred-odd-'));
const corpus = join(root, 'corpus');
try {
  const t0 = performance.now();
  const entries = await buildOddCorpus(corpus);
  console.log(`corpus: ${entries.length} entries in ${corpus} (built in ${Math.round(performance.now() - t0)} ms)`);
  // With the allocator settings the CLI and the app run their cores with (allocator-env.ts).
  const child = spawnSync(process.execPath, [new URL('./odd-files.child.ts', import.meta.url).pathname, join(root, 'data'), corpus], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: withWorkerAllocator(),
  });
  if (child.status !== 0) throw new Error(`the import failed: ${child.stderr}`);
  const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    state: string;
    wallMs: number;
    assets: Array<{ file_name: string; note?: string | null; face_count: number }>;
    skipped: Array<{ path: string; error: string }>;
    maxRssKb: number;
  };
  const byName = new Map<string, string>();
  for (const a of out.assets) byName.set(a.file_name, `catalogued, ${a.face_count} faces${a.note ? `; note: ${a.note}` : ''}`);
  for (const s of out.skipped) byName.set(s.path.slice(s.path.lastIndexOf('/') + 1), `skipped: ${s.error}`);
  for (const e of entries.filter((x) => !x.name.startsWith('photo-'))) console.log(`  ${e.name.padEnd(24)} ${(byName.get(e.name) ?? 'not catalogued, not reported').slice(0, 160)}`);
  const photos = entries.filter((x) => x.name.startsWith('photo-')).length;
  console.log(`photos: ${out.assets.filter((a) => a.file_name.startsWith('photo-')).length}/${photos} catalogued`);
  console.log(`import: ${out.state} in ${(out.wallMs / 1000).toFixed(1)} s with 2 workers; peak RSS ${Math.round(out.maxRssKb / 1024)} MB`);
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
