// Runs one import in its own process so its peak RSS is the pipeline's alone; prints one JSON line.
// node import-child.ts DATA_DIR FOLDER...
import { KindredCore } from '../../electron/core/app.ts';

const [dataDir, ...folders] = process.argv.slice(2);
const core = new KindredCore({ dataDir: dataDir! });
const started = await core.invoke('import.start', { paths: folders });
const job = await core.invoke('jobs.wait', { job_id: started.id });
const faces = await core.invoke('faces.export', {});
const stats = core.imports.lastStats;
await core.close();
process.stdout.write(`${JSON.stringify({ job, stats, faces, maxRssKb: process.resourceUsage().maxRSS, arenaMax: process.env.MALLOC_ARENA_MAX ?? null })}\n`);
