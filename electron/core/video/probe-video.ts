import { FileProblem } from '../pipeline/file-problem.ts';
import { runTool, ToolError } from './ffmpeg.ts';

export interface SubtitleStream {
  /** ffmpeg's stream index in the file. */
  index: number;
  codec: string;
  language: string | null;
  title: string | null;
  /** Text subtitles can be read as sentences; bitmap ones (DVD, Blu-ray PGS) cannot. */
  text: boolean;
}

export interface VideoProbe {
  mime: string;
  /** Display size: after the rotation below. Face boxes live in this space. */
  displayWidth: number;
  displayHeight: number;
  /** Stored frame size, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Clockwise degrees the player turns the stored picture (phones record portrait as rotated landscape). */
  rotation: 0 | 90 | 180 | 270;
  durationMs: number;
  fps: number;
  frameCount: number;
  codec: string;
  container: string;
  /** Epoch ms the recording started, from the container's metadata. */
  createdAt: number | null;
  audio: Array<{ index: number; codec: string; channels: number | null; language: string | null }>;
  subtitles: SubtitleStream[];
  /** Apple's content identifier: the key that pairs a Live Photo's still with its motion. */
  contentIdentifier: string | null;
}

const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'mov_text', 'text']);

interface FfStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  channels?: number;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}

interface FfProbeJson {
  streams?: FfStream[];
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
}

/** Read a video's container and streams with ffprobe; a file ffprobe cannot read is a FileProblem, not a crash. */
export async function probeVideo(path: string, mime: string): Promise<VideoProbe> {
  let json: FfProbeJson;
  try {
    const { stdout } = await runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], { timeoutMs: 60_000 });
    json = JSON.parse(stdout.toString('utf8')) as FfProbeJson;
  } catch (err) {
    if (err instanceof ToolError) throw new FileProblem(`corrupt or unreadable video: ${lastLine(err.stderr) || err.message}`, mime);
    throw err;
  }
  return parseProbe(json, mime);
}

export function parseProbe(json: FfProbeJson, mime: string): VideoProbe {
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video) throw new FileProblem('no video stream in the file (audio only, or damaged)', mime);
  const codedWidth = video.width ?? 0;
  const codedHeight = video.height ?? 0;
  if (!codedWidth || !codedHeight) throw new FileProblem(`corrupt video: its ${video.codec_name ?? 'video'} stream has no picture size`, mime);
  const rotation = rotationOf(video);
  const swap = rotation === 90 || rotation === 270;
  const fps = rate(video.avg_frame_rate) ?? rate(video.r_frame_rate) ?? 30;
  const durationS = num(json.format?.duration) ?? num(video.duration) ?? 0;
  const frames = num(video.nb_frames);
  const formatTags = lowerKeys(json.format?.tags);
  return {
    mime,
    displayWidth: swap ? codedHeight : codedWidth,
    displayHeight: swap ? codedWidth : codedHeight,
    codedWidth,
    codedHeight,
    rotation,
    durationMs: Math.round(durationS * 1000),
    fps: Math.round(fps * 1000) / 1000,
    frameCount: frames && frames > 0 ? Math.round(frames) : Math.round(durationS * fps),
    codec: video.codec_name ?? 'unknown',
    container: json.format?.format_name ?? 'unknown',
    createdAt: createdAt(formatTags, lowerKeys(video.tags)),
    audio: streams
      .filter((s) => s.codec_type === 'audio')
      .map((s) => ({ index: s.index, codec: s.codec_name ?? 'unknown', channels: s.channels ?? null, language: language(s) })),
    subtitles: streams
      .filter((s) => s.codec_type === 'subtitle')
      .map((s) => ({ index: s.index, codec: s.codec_name ?? 'unknown', language: language(s), title: s.tags?.title ?? null, text: TEXT_SUBTITLES.has(s.codec_name ?? '') })),
    contentIdentifier: formatTags['com.apple.quicktime.content.identifier'] ?? null,
  };
}

function rotationOf(s: FfStream): VideoProbe['rotation'] {
  // Older muxers write a "rotate" tag (clockwise); the display matrix gives the angle the other way round.
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const tag = num(s.tags?.rotate);
  const cw = matrix !== undefined ? -matrix : (tag ?? 0);
  const r = (((Math.round(cw / 90) * 90) % 360) + 360) % 360;
  return r as VideoProbe['rotation'];
}

function createdAt(format: Record<string, string>, stream: Record<string, string>): number | null {
  // Apple's own date carries the local time zone; creation_time is UTC and often the encode time.
  for (const v of [format['com.apple.quicktime.creationdate'], format.creation_time, stream.creation_time]) {
    if (!v) continue;
    const t = Date.parse(v);
    // 1904-01-01 (QuickTime's zero) and 1970 are "not set".
    if (Number.isFinite(t) && t > Date.UTC(1971, 0, 1)) return t;
  }
  return null;
}

const language = (s: FfStream): string | null => {
  const l = s.tags?.language;
  return l && l !== 'und' ? l : null;
};

function rate(r: string | undefined): number | null {
  if (!r) return null;
  const [n, d] = r.split('/').map(Number);
  const v = d ? n! / d : n!;
  return Number.isFinite(v) && v > 0 && v < 1000 ? v : null;
}

function num(v: string | undefined): number | null {
  if (v === undefined || v === 'N/A') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function lowerKeys(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[k.toLowerCase()] = v;
  return out;
}

const lastLine = (s: string): string => s.trim().split('\n').pop()?.trim().slice(0, 300) ?? '';
