// node naive-child.ts FILE... — the naive baseline (naive.worker.ts) on two worker threads, in its own
// process for its own peak RSS; prints one JSON line.
import { Piscina } from 'piscina';
import { locateModels } from '../../models/locate.ts';

const files = process.argv.slice(2);
const paths = await locateModels({ ids: ['yunet_s_dynamic', 'fr_feature'] });
const pool = new Piscina({ filename: new URL('./naive.worker.ts', import.meta.url).href, minThreads: 2, maxThreads: 2, workerData: { detector: paths.yunet_s_dynamic, embedder: paths.fr_feature } });
// One warm-up photo per worker, so model loading is not counted.
await Promise.all([pool.run(files[0]), pool.run(files[1] ?? files[0])]);
const t0 = performance.now();
const boxes = await Promise.all(files.map((f) => pool.run(f) as Promise<Array<{ x: number; y: number; w: number; h: number }>>));
const wallMs = performance.now() - t0;
await pool.destroy();
process.stdout.write(`${JSON.stringify({ wallMs, faces: Object.fromEntries(files.map((f, i) => [f, boxes[i]])), maxRssKb: process.resourceUsage().maxRSS })}\n`);
