import { spawn } from 'node:child_process';
import type { RgbImage } from '../vision/image.ts';
import { runTool, toolPath } from './ffmpeg.ts';

export interface SampledFrame {
  /** Milliseconds from the start of the video (the frame's presentation time). */
  timestampMs: number;
  /** Upright RGB at the working size. */
  image: RgbImage;
  /** Taken because the picture changed abruptly (a cut), not by the regular sampling. */
  sceneChange: boolean;
}

export interface SampleWindow {
  path: string;
  fromMs: number;
  toMs: number;
  /** Regular sampling interval. */
  intervalMs: number;
  /** Upright working size (even numbers). */
  width: number;
  height: number;
  /** ffmpeg's scene score (0..1) above which a cut is taken, measured on a 64×36 copy. */
  sceneThreshold: number;
}

const SHOWINFO = /^\[showinfo@(main|cut) @ [^\]]+\] n:\s*\d+ pts:\s*-?\d+ pts_time:(-?[\d.e+-]+)/;

/**
 * Frames of one window of a video, decoded once by ffmpeg: a frame every `intervalMs` (upright, at the
 * working size), plus the first frame after each cut. Cuts are found on a 64×36 copy of every decoded
 * frame, which costs almost nothing, and fetched with a second short seek. Frames no other frame
 * refers to are not decoded at all: sampling never needs them, and skipping them saves about a third
 * of H.264 decoding.
 */
export async function sampleWindow(w: SampleWindow): Promise<SampledFrame[]> {
  const { frames, cuts } = await decodeSamples(w);
  const out: SampledFrame[] = frames.map(({ t, data }) => ({ timestampMs: w.fromMs + t, image: { data, width: w.width, height: w.height }, sceneChange: false }));
  for (const cutMs of cuts) {
    const at = w.fromMs + cutMs;
    if (at >= w.toMs || out.some((f) => Math.abs(f.timestampMs - at) < w.intervalMs / 3)) continue;
    const image = await frameAt(w.path, at, w.width, w.height);
    if (image) out.push({ timestampMs: at, image, sceneChange: true });
  }
  return out.sort((a, b) => a.timestampMs - b.timestampMs);
}

function decodeSamples(w: SampleWindow): Promise<{ frames: Array<{ t: number; data: Uint8Array }>; cuts: number[] }> {
  const interval = (w.intervalMs / 1000).toFixed(4);
  const graph = [
    '[0:v]split[a][b]',
    `[b]scale=64:36:flags=fast_bilinear,select='gt(scene\\,${w.sceneThreshold})',showinfo@cut,nullsink`,
    `[a]select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${interval})',scale=${w.width}:${w.height}:flags=bilinear,showinfo@main[out]`,
  ].join(';');
  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'info', '-threads', '1', '-skip_frame', 'noref',
    '-ss', (w.fromMs / 1000).toFixed(3), '-t', ((w.toMs - w.fromMs) / 1000).toFixed(3), '-i', w.path,
    '-an', '-sn', '-dn', '-filter_complex', graph, '-map', '[out]', '-vsync', '0', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ];
  const frameBytes = w.width * w.height * 3;
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath('ffmpeg'), args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const frames: Array<{ t: number; data: Uint8Array }> = [];
    const times: number[] = [];
    const cuts: number[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let errTail = '';
    let line = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        frames.push({ t: NaN, data: new Uint8Array(all.buffer.slice(all.byteOffset, all.byteOffset + frameBytes)) });
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = line + chunk.toString('utf8');
      const lines = text.split('\n');
      line = lines.pop()!;
      for (const l of lines) {
        const m = SHOWINFO.exec(l);
        if (m) (m[1] === 'main' ? times : cuts).push(Math.round(Number(m[2]) * 1000));
        else if (!l.startsWith('[showinfo')) errTail = (errTail + l + '\n').slice(-4000);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg could not decode the video: ${errTail.trim().split('\n').slice(-2).join(' | ')}`));
      const n = Math.min(frames.length, times.length);
      resolve({ frames: frames.slice(0, n).map((f, i) => ({ t: times[i]!, data: f.data })), cuts });
    });
  });
}

/** One upright frame at a time, or null past the end. */
export async function frameAt(path: string, ms: number, width: number, height: number): Promise<RgbImage | null> {
  const { stdout } = await runTool('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-threads', '1', '-ss', (ms / 1000).toFixed(3), '-i', path,
    '-an', '-sn', '-frames:v', '1', '-vf', `scale=${width}:${height}`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ]);
  return stdout.length >= width * height * 3 ? { data: new Uint8Array(stdout.buffer, stdout.byteOffset, width * height * 3), width, height } : null;
}

/** Working size for detection: the longest side at most `maxSide`, even numbers (the scaler wants them). */
export function workingSize(displayWidth: number, displayHeight: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(displayWidth, displayHeight));
  const even = (v: number) => Math.max(2, Math.round((v * s) / 2) * 2);
  return { width: even(displayWidth), height: even(displayHeight) };
}
