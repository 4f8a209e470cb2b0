import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runTool } from '../video/ffmpeg.ts';
import { copyInto, identitiesWith } from './fixtures.ts';

// Test videos made in test setup, with the bundled ffmpeg, from faces-dev photos: each appearance is a
// photo of one identity on a plain moving-noise background, on screen for a known time range. The
// ranges are the ground truth of the video tests and evaluation. Never committed.

export interface Appearance {
  /** Ground-truth identity (the faces-dev folder name). */
  identity: string;
  /** A faces-dev photo (250×250, the face ~110 px wide). */
  photo: string;
  /** On screen from `from` to `to` seconds. */
  from: number;
  to: number;
  /** Top-left corner and side of the photo on the upright picture, in px. */
  x: number;
  y: number;
  size: number;
  /** Drift, px per second (so the face moves like a filmed one). */
  dx?: number;
  dy?: number;
}

export interface SubtitleCue {
  from: number;
  to: number;
  text: string;
}

export interface VideoSpec {
  /** Upright (display) size. */
  width: number;
  height: number;
  fps: number;
  seconds: number;
  appearances: readonly Appearance[];
  container: 'mp4' | 'mov' | 'm4v' | 'mkv' | 'webm' | 'avi' | '3gp';
  codec: 'h264' | 'hevc' | 'vp9' | 'mpeg4';
  /** Stored sideways with a display matrix, as phones record portrait video. */
  rotate?: 90 | 270;
  audio?: boolean;
  /** A subtitle stream inside the file (mkv, mp4/mov). */
  subtitles?: SubtitleCue[];
  creationTime?: string;
  /** QuickTime content identifier (a Live Photo's motion half). */
  contentIdentifier?: string;
}

const CODEC_ARGS: Record<VideoSpec['codec'], string[]> = {
  h264: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-g', '60'],
  hevc: ['-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '26', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1', '-x265-params', 'log-level=error'],
  vp9: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-pix_fmt', 'yuv420p'],
  mpeg4: ['-c:v', 'mpeg4', '-q:v', '5', '-pix_fmt', 'yuv420p'],
};

const FORMAT: Record<VideoSpec['container'], string> = { mp4: 'mp4', mov: 'mov', m4v: 'mp4', mkv: 'matroska', webm: 'webm', avi: 'avi', '3gp': '3gp' };

function audioArgs(spec: VideoSpec): string[] {
  if (!spec.audio) return [];
  if (spec.container === 'webm') return ['-c:a', 'libopus', '-b:a', '48k'];
  if (spec.container === 'avi') return ['-c:a', 'libmp3lame', '-b:a', '64k'];
  return ['-c:a', 'aac', '-b:a', '64k'];
}

export function srtText(cues: SubtitleCue[]): string {
  const t = (s: number) => {
    const ms = Math.round(s * 1000);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
  };
  return cues.map((c, i) => `${i + 1}\n${t(c.from)} --> ${t(c.to)}\n${c.text}\n`).join('\n');
}

export function vttText(cues: SubtitleCue[]): string {
  return `WEBVTT\n\n${srtText(cues).replace(/(\d\d:\d\d:\d\d),(\d\d\d)/g, '$1.$2')}`;
}

/** Render a video to `path` (kept if it is already there: the spec fully decides the content). */
export async function makeVideo(path: string, spec: VideoSpec): Promise<string> {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const { width: W, height: H, fps, seconds } = spec;
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x3a4654:s=${W}x${H}:r=${fps}:d=${seconds}`];
  for (const a of spec.appearances) args.push('-loop', '1', '-framerate', String(fps), '-t', String(seconds), '-i', a.photo);
  let next = 1 + spec.appearances.length;
  let audioIn = -1;
  if (spec.audio) {
    args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
    audioIn = next++;
  }
  let subIn = -1;
  const subFile = join(tmpdir(), `kindred-subs-${process.pid}-${Math.random().toString(36).slice(2)}.srt`);
  if (spec.subtitles) {
    writeFileSync(subFile, srtText(spec.subtitles));
    args.push('-i', subFile);
    subIn = next++;
  }
  // Mild temporal noise: an encoder sees something like camera grain, not a flat colour.
  const chain = ['[0:v]noise=alls=6:allf=t[bg0]'];
  spec.appearances.forEach((a, i) => {
    const x = `${a.x}+${a.dx ?? 0}*(t-${a.from})`;
    const y = `${a.y}+${a.dy ?? 0}*(t-${a.from})`;
    chain.push(`[${i + 1}:v]scale=${a.size}:${a.size}[p${i}]`);
    chain.push(`[bg${i}][p${i}]overlay=x='${x}':y='${y}':enable='between(t,${a.from},${a.to})'[bg${i + 1}]`);
  });
  let last = `bg${spec.appearances.length}`;
  // Stored sideways, shown upright: the display matrix turns it back.
  if (spec.rotate) {
    chain.push(`[${last}]transpose=${spec.rotate === 90 ? 2 : 1}[rot]`);
    last = 'rot';
  }
  args.push('-filter_complex', chain.join(';'), '-map', `[${last}]`);
  if (audioIn >= 0) args.push('-map', `${audioIn}:a`);
  if (subIn >= 0) args.push('-map', `${subIn}:s`, '-c:s', spec.container === 'mkv' ? 'srt' : 'mov_text');
  args.push(...CODEC_ARGS[spec.codec], ...audioArgs(spec), '-r', String(fps), '-t', String(seconds), '-threads', '2');
  if (spec.creationTime) args.push('-metadata', `creation_time=${spec.creationTime}`);
  if (spec.contentIdentifier) args.push('-metadata', `com.apple.quicktime.content.identifier=${spec.contentIdentifier}`, '-movflags', 'use_metadata_tags');
  if (spec.container === 'm4v') args.push('-brand', 'M4V '); // as iTunes and Apple devices write it
  const tmp = `${path}.part`;
  args.push('-f', FORMAT[spec.container], tmp);
  try {
    await runTool('ffmpeg', args, { timeoutMs: 600_000 });
    // ffmpeg drops a rotate tag given while encoding; a remux keeps it. This ffmpeg's muxer writes the
    // tag's angle as a counter-clockwise display matrix, so the clockwise turn is given as its inverse.
    if (spec.rotate) {
      await runTool('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', tmp, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${360 - spec.rotate}`, ...(spec.contentIdentifier ? ['-movflags', 'use_metadata_tags'] : []), '-f', FORMAT[spec.container], `${tmp}.rot`]);
      renameSync(`${tmp}.rot`, tmp);
    }
  } finally {
    rmSync(subFile, { force: true });
  }
  renameSync(tmp, path);
  return path;
}

type Placement = Omit<Appearance, 'identity' | 'photo'>;

/**
 * A library of two faces-dev identities, A and B: three stills of each in photos/, and beside them a
 * 960×540 H.264 video `name` in which each is on screen as placed (from their first photo, which is
 * not among the stills). Returns the two identities.
 */
export async function twoPeopleLibrary(lib: string, name: string, seconds: number, placeA: Placement, placeB: Placement): Promise<Array<{ name: string; files: string[] }>> {
  const [a, b] = identitiesWith(6, 2) as [{ name: string; files: string[] }, { name: string; files: string[] }];
  copyInto(join(lib, 'photos'), [...a.files.slice(1, 4), ...b.files.slice(1, 4)]);
  await makeVideo(join(lib, name), {
    width: 960, height: 540, fps: 25, seconds, container: 'mp4', codec: 'h264',
    appearances: [
      { identity: a.name, photo: a.files[0]!, ...placeA },
      { identity: b.name, photo: b.files[0]!, ...placeB },
    ],
  });
  return [a, b];
}
