// Imports a folder in a process of its own, so its peak RSS is the pipeline's alone (the odd-file
// bench, the bounded-memory test). node import-child.ts DATA_DIR FOLDER [WORKERS]; prints one JSON line.
// Start it with withWorkerAllocator()'s environment, as the CLI and the app start their cores.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KindredCore } from '../app.ts';

const [dataDir, folder, workers] = process.argv.slice(2);
const core = new KindredCore({ dataDir: dataDir!, workers: Number(workers ?? 2) });
const t0 = performance.now();
const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [folder!] })).id });
const wallMs = performance.now() - t0;
const assets = await core.invoke('assets.list', { limit: 1000 });
const report = await core.invoke('import.report', { job_id: job.id });
await core.close();
// assets.list shows a stack of near-duplicates as its top photo only; the others are catalogued too.
const db = new Database(join(dataDir!, 'catalogue.sqlite'), { readonly: true });
const stacked = db
  .prepare('SELECT a.rel_path AS file_name, t.rel_path AS shown_as FROM assets a JOIN assets t ON t.id = a.stack_id WHERE a.stack_id != a.id')
  .all();
db.close();
process.stdout.write(`${JSON.stringify({ state: job.state, wallMs, assets: assets.items, stacked, skipped: report.skipped, maxRssKb: process.resourceUsage().maxRSS })}\n`);
