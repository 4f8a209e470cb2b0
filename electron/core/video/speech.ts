import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { SpeechChunkRow } from '../catalogue/video.repository.ts';
import { SUBTITLE_EXTENSIONS } from '../pipeline/formats.ts';
import { runTool } from './ffmpeg.ts';
import type { VideoProbe } from './probe-video.ts';

/** A timed piece of text: a subtitle cue, or what a recogniser heard. */
export interface TimedText {
  startMs: number;
  endMs: number;
  text: string;
}

/**
 * Where spoken text comes from. Today: subtitles, as a sidecar file beside the video or a text stream
 * inside it. A speech recogniser (a Whisper-style model run on the audio stream) would be one more
 * source here; none is bundled, because no such model can be installed offline on the machines this
 * is built on. The first source with text wins.
 */
export interface ChunkSource {
  /** Recorded with each chunk ("sidecar:clip.srt", "stream:2"). */
  name: string;
  read(videoPath: string, probe: VideoProbe): Promise<Array<{ source: string; cues: TimedText[] }>>;
}


/** clip.srt, clip.vtt, clip.en.srt … next to clip.mp4. */
export const sidecarSubtitles: ChunkSource = {
  name: 'sidecar',
  async read(videoPath) {
    const dir = dirname(videoPath);
    const stem = basename(videoPath, extname(videoPath));
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const mine = names.filter((n) => SUBTITLE_EXTENSIONS.has(extname(n).toLowerCase()) && (n.slice(0, -extname(n).length) === stem || n.startsWith(`${stem}.`))).sort();
    const out = [];
    for (const n of mine) {
      const cues = await readCues(['-i', join(dir, n)]);
      if (cues.length) out.push({ source: `sidecar:${n}`, cues });
    }
    return out.slice(0, 1);
  },
};

/** Text subtitle streams inside the file (mkv, mp4 mov_text …); bitmap subtitles cannot be read as text. */
export const subtitleStreams: ChunkSource = {
  name: 'stream',
  async read(videoPath, probe) {
    for (const s of probe.subtitles.filter((x) => x.text)) {
      const cues = await readCues(['-i', videoPath, '-map', `0:${s.index}`]);
      if (cues.length) return [{ source: `stream:${s.index}`, cues }];
    }
    return [];
  },
};

export const CHUNK_SOURCES: readonly ChunkSource[] = [sidecarSubtitles, subtitleStreams];

/** The sentences spoken in a video, from the first source that has any; a broken subtitle file costs only its text. */
export async function speechChunks(videoPath: string, probe: VideoProbe, sources: readonly ChunkSource[] = CHUNK_SOURCES): Promise<SpeechChunkRow[]> {
  for (const src of sources) {
    let found: Array<{ source: string; cues: TimedText[] }>;
    try {
      found = await src.read(videoPath, probe);
    } catch {
      continue;
    }
    const first = found[0];
    if (first) return toSentences(first.cues).map((c, seq) => ({ seq, ...c, source: first.source }));
  }
  return [];
}

/** Any subtitle ffmpeg reads (SRT, WebVTT, ASS, mov_text), normalised through its SRT writer. */
async function readCues(input: string[]): Promise<TimedText[]> {
  const { stdout } = await runTool('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...input, '-f', 'srt', 'pipe:1'], { timeoutMs: 60_000 });
  return parseSrt(stdout.toString('utf8'));
}

const TIME = /(\d+):(\d\d):(\d\d)[,.](\d{3})\s*-->\s*(\d+):(\d\d):(\d\d)[,.](\d{3})/;

export function parseSrt(text: string): TimedText[] {
  const out: TimedText[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((l) => TIME.test(l));
    if (at < 0) continue;
    const m = TIME.exec(lines[at]!)!.slice(1).map(Number);
    const ms = (h: number, mi: number, s: number, f: number) => ((h * 60 + mi) * 60 + s) * 1000 + f;
    const body = lines.slice(at + 1).join(' ').replace(/<[^>]+>/g, '').replace(/\{\\[^}]*\}/g, '').replace(/\s+/g, ' ').trim();
    if (body) out.push({ startMs: ms(m[0]!, m[1]!, m[2]!, m[3]!), endMs: ms(m[4]!, m[5]!, m[6]!, m[7]!), text: body });
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

const ENDS_SENTENCE = /[.!?…。！？]["'”’)\]]*$/;

/**
 * Subtitle cues into sentences: a cue that does not end a sentence runs on into the next (if that
 * follows within a second); a cue holding several sentences is split, its time shared out by length.
 */
export function toSentences(cues: TimedText[]): TimedText[] {
  const joined: TimedText[] = [];
  for (const c of cues) {
    const last = joined[joined.length - 1];
    if (last && !ENDS_SENTENCE.test(last.text) && c.startMs - last.endMs <= 1000) {
      last.text = `${last.text} ${c.text}`;
      last.endMs = Math.max(last.endMs, c.endMs);
    } else joined.push({ ...c });
  }
  const out: TimedText[] = [];
  for (const c of joined) {
    const parts = c.text.match(/[^.!?…。！？]+(?:[.!?…。！？]+["'”’)\]]*|$)/g)?.map((p) => p.trim()).filter(Boolean) ?? [c.text];
    const total = parts.reduce((s, p) => s + p.length, 0);
    let t = c.startMs;
    for (const p of parts) {
      const end = parts.length === 1 ? c.endMs : Math.round(t + ((c.endMs - c.startMs) * p.length) / total);
      out.push({ startMs: t, endMs: end, text: p });
      t = end;
    }
  }
  return out;
}
