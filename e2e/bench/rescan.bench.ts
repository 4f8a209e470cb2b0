// npm run bench:rescan [-- --photos N] — rescan an unchanged library of N photos (default 10,000) and print
// how long `libraries.rescan` (what `kindred rescan` runs) takes, end to end: walking every folder,
// comparing every file with the catalogue, finding nothing moved, changed or gone.
//
// The library: N distinct JPEG files (faces-dev photos, each made unique by bytes after its end
// marker) in folders of 100, catalogued as an import leaves them (one asset per file, analysed) —
// written through the catalogue's repositories, since analysing 10k photos is the import bench's job.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KindredCore } from '../../electron/core/app.ts';
import { FACES_DEV } from '../../electron/core/testing/fixtures.ts';

const { values } = parseArgs({ options: { photos: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const count = Number(values.photos);
const root = join(tmpdir(), `kindred-bench-rescan-${count}`);
const sources = readdirSync(FACES_DEV)
  .filter((n) => /^[A-Z]/.test(n))
  .flatMap((n) => readdirSync(join(FACES_DEV, n)).map((f) => join(FACES_DEV, n, f)))
  .slice(0, 200)
  .map((f) => readFileSync(f));
if (!existsSync(join(root, 'done'))) {
  rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const dir = join(root, 'photos', `folder-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    const tag = Buffer.alloc(8);
    tag.writeUInt32BE(i);
    writeFileSync(join(dir, `IMG_${String(i).padStart(5, '0')}.jpg`), Buffer.concat([sources[i % sources.length]!, tag]));
  }
  writeFileSync(join(root, 'done'), '');
}

const dataDir = mkdtempSync(join(tmpdir(), 'kindred-bench-rescan-data-'));
const core = new KindredCore({ dataDir });
try {
  const photos = join(root, 'photos');
  const library = await core.invoke('libraries.create', { name: 'Bench' });
  const { catalogue } = core;
  const folder = catalogue.folders.ensure(library.id, photos);
  const t0 = performance.now();
  const { scanFolder } = await import('../../electron/core/pipeline/scan.ts');
  await scanFolder(photos, { onBatch: (files) => void catalogue.assets.upsertScanned(library.id, folder.id, files) });
  catalogue.tx(() => {
    for (const a of catalogue.assets.pending([folder.id])) {
      const hash = createHash('sha256').update(readFileSync(a.path)).digest('hex');
      catalogue.assets.markDone(a.id, { contentHash: hash, mime: 'image/jpeg', width: 250, height: 250, orientation: 1, takenAt: null }, 0);
    }
  });
  const catalogued = catalogue.assets.countInFolders([folder.id]).done;
  console.log(`library: ${catalogued} catalogued photos in ${readdirSync(photos).length} folders (set up in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const times: number[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const r0 = performance.now();
    const [job] = await core.invoke('libraries.rescan', { library_id: library.id });
    const done = await core.invoke('jobs.wait', { job_id: job!.id });
    const ms = performance.now() - r0;
    times.push(ms);
    const p = done.progress;
    console.log(`rescan ${run + 1}: ${done.state}, ${p.files_found} files, ${p.moved ?? 0} moved, ${p.missing ?? 0} missing, ${p.offline ?? 0} offline, ${p.files_done - p.files_skipped} unchanged in ${(ms / 1000).toFixed(2)} s`);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log(`rescan of an unchanged ${catalogued}-photo library: median ${(median / 1000).toFixed(2)} s (target < 5 s)`);
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
