// npm run bench:video
// A 60 s 1080p H.264 clip (three faces-dev people, one a ~40 px face) imported into a fresh catalogue
// by a child process with two analysis workers, as the CLI does: analysis time and speed against real
// time, per-stage worker time, tracks found, and peak RSS of the importing process and of it together
// with its ffmpeg children (sampled from /proc every 50 ms). Prints numbers, asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withWorkerAllocator } from '../../electron/core/pipeline/allocator-env.ts';
import { benchClip } from '../support/video-set.ts';

const clip = await benchClip();
const dataDir = mkdtempSync(join(tmpdir(), 'kindred-bench-video-'));

/** RSS in kB of a process and of its whole tree. */
function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    sum += rssKb(p);
    stack.push(...(children.get(p) ?? []));
  }
  return sum;
}

const child = spawn(process.execPath, [new URL('./import-child.ts', import.meta.url).pathname, dataDir, clip.folder], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: withWorkerAllocator(),
});
let out = '';
child.stdout.on('data', (b: Buffer) => (out += b.toString()));
let peakTree = 0;
const timer = setInterval(() => (peakTree = Math.max(peakTree, treeRssKb(child.pid!))), 50);
await new Promise((resolve) => child.on('close', resolve));
clearInterval(timer);
rmSync(dataDir, { recursive: true, force: true });
const r = JSON.parse(out) as {
  job: { state: string };
  stats: { analyzeMs: number; wallMs: number; groupMs: number; video: { windows: number; sampledFrames: number; detections: number; tracks: number; timings: Record<string, number> } | null };
  faces: unknown[];
  maxRssKb: number;
};
const seconds = clip.spec.seconds;
const s = r.stats;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
console.log(`clip: ${clip.spec.width}x${clip.spec.height} ${clip.spec.fps} fps H.264, ${seconds} s; job ${r.job.state}`);
console.log(`analysis: ${(s.analyzeMs / 1000).toFixed(2)} s = ${(seconds / (s.analyzeMs / 1000)).toFixed(2)}x real time (whole import incl. grouping ${(s.wallMs / 1000).toFixed(2)} s)`);
if (s.video) {
  const t = s.video.timings;
  console.log(`windows ${s.video.windows}, sampled frames ${s.video.sampledFrames}, sightings ${s.video.detections}, tracks ${s.video.tracks}, faces ${r.faces.length}`);
  console.log(`worker time: decode wait ${(t.decode! / 1000).toFixed(2)} s, detect ${(t.detect! / 1000).toFixed(2)} s, embed ${(t.embed! / 1000).toFixed(2)} s, derive ${(t.derive! / 1000).toFixed(2)} s`);
}
console.log(`peak RSS: importing process ${mb(r.maxRssKb)}; with its ffmpeg children ${mb(peakTree)}`);
