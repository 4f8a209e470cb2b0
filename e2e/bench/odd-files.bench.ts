// npm run bench:odd-files [-- --keep DIR]: builds the odd-file corpus (odd-corpus.ts), imports it with
// two workers in a child process (with the CLI's allocator settings), and prints what became of each file and the import's peak RSS.
// Prints numbers; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importInChild } from '../../electron/core/testing/odd-files.ts';
import { buildOddCorpus } from './odd-corpus.ts';

const { values } = parseArgs({ options: { keep: { type: 'string' } } });
const root = values.keep ?? mkdtempSync(join(tmpdir(), 'kindred-odd-'));
const corpus = join(root, 'corpus');
try {
  const t0 = performance.now();
  const entries = await buildOddCorpus(corpus);
  console.log(`corpus: ${entries.length} entries in ${corpus} (built in ${Math.round(performance.now() - t0)} ms)`);
  const out = importInChild(join(root, 'data'), corpus, 2);
  const byName = new Map<string, string>();
  for (const a of out.assets) byName.set(a.file_name, `catalogued, ${a.face_count} faces${a.note ? `; note: ${a.note}` : ''}`);
  for (const s of out.stacked) byName.set(s.file_name, `catalogued, in the stack of ${s.shown_as} (the same picture)`);
  for (const s of out.skipped) byName.set(s.path.slice(s.path.lastIndexOf('/') + 1), `skipped: ${s.error}`);
  for (const e of entries.filter((x) => !x.name.startsWith('photo-'))) console.log(`  ${e.name.padEnd(24)} ${(byName.get(e.name) ?? 'not catalogued, not reported').slice(0, 160)}`);
  const photos = entries.filter((x) => x.name.startsWith('photo-')).length;
  const catalogued = [...out.assets.map((a) => a.file_name), ...out.stacked.map((s) => s.file_name)];
  console.log(`photos: ${catalogued.filter((name) => name.startsWith('photo-')).length}/${photos} catalogued`);
  console.log(`import: ${out.state} in ${(out.wallMs / 1000).toFixed(1)} s with 2 workers; peak RSS ${Math.round(out.maxRssKb / 1024)} MB`);
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
