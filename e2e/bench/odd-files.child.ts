// Imports the odd-file corpus in its own process (2 workers) so its peak RSS is the pipeline's alone.
// node odd-files.child.ts DATA_DIR FOLDER; prints one JSON line.
import { KindredCore } from '../../electron/core/app.ts';

const [dataDir, folder] = process.argv.slice(2);
const core = new KindredCore({ dataDir: dataDir!, workers: 2 });
const t0 = performance.now();
const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [folder!] })).id });
const wallMs = performance.now() - t0;
const assets = await core.invoke('assets.list', { limit: 1000 });
const report = await core.invoke('import.report', { job_id: job.id });
await core.close();
process.stdout.write(`${JSON.stringify({ state: job.state, wallMs, assets: assets.items, skipped: report.skipped, maxRssKb: process.resourceUsage().maxRSS })}\n`);
