import { iou } from '../../../shared/geometry.ts';
import type { FrameDetection } from './analyze-window.ts';
import type { VideoSettings } from './video-settings.ts';

export interface Segment {
  startMs: number;
  endMs: number;
}

/** One face across frames: what becomes one face record. */
export interface FaceTrack {
  detections: FrameDetection[];
  /** The sighting the face record shows: the best-looking one that was embedded and cropped. */
  best: FrameDetection;
  /** Mean of the track's embeddings, unit length. */
  embedding: Float32Array;
  segments: Segment[];
}

interface Open {
  detections: FrameDetection[];
  last: FrameDetection;
  sum: Float32Array | null;
  mean: Float32Array | null;
}

/**
 * Link detections across sampled frames into tracks, frame by frame: a detection continues the open
 * track whose last box it overlaps, unless their faces clearly differ; without overlap (a fast move,
 * a gap) it continues one only when the faces are clearly alike and near. Tracks wait `maxGapMs` for
 * a face to come back and never continue across a cut.
 */
export function linkTracks(all: FrameDetection[], cuts: readonly number[], durationMs: number, s: VideoSettings): FaceTrack[] {
  const byTime = new Map<number, FrameDetection[]>();
  for (const d of [...all].sort((a, b) => a.timestampMs - b.timestampMs || a.idx - b.idx)) {
    const list = byTime.get(d.timestampMs);
    if (list) list.push(d);
    else byTime.set(d.timestampMs, [d]);
  }
  const sortedCuts = [...cuts].sort((a, b) => a - b);
  const cutBetween = (a: number, b: number) => sortedCuts.some((c) => c > a && c <= b);
  const open: Open[] = [];
  const closed: Open[] = [];
  for (const [t, dets] of byTime) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (t - open[i]!.last.timestampMs > s.maxGapMs || cutBetween(open[i]!.last.timestampMs, t)) closed.push(...open.splice(i, 1));
    }
    const pairs: Array<{ o: Open; d: FrameDetection; score: number }> = [];
    for (const o of open) {
      for (const d of dets) {
        const score = linkScore(o, d);
        if (score !== null) pairs.push({ o, d, score });
      }
    }
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<Open>();
    const usedDets = new Set<FrameDetection>();
    for (const p of pairs) {
      if (usedTracks.has(p.o) || usedDets.has(p.d)) continue;
      usedTracks.add(p.o);
      usedDets.add(p.d);
      extend(p.o, p.d);
    }
    for (const d of dets) if (!usedDets.has(d)) open.push(extend({ detections: [], last: d, sum: null, mean: null }, d));
  }
  closed.push(...open);
  const out: FaceTrack[] = [];
  for (const o of closed) {
    if (o.detections.length < s.minTrackDetections || !o.mean) continue;
    const best = o.detections.filter((d) => d.crop && d.embedding).sort((a, b) => b.quality - a.quality)[0];
    if (!best) continue;
    out.push({ detections: o.detections, best, embedding: o.mean, segments: segmentsOf(o.detections, sortedCuts, durationMs, s) });
  }
  return out.sort((a, b) => a.detections[0]!.timestampMs - b.detections[0]!.timestampMs || a.detections[0]!.idx - b.detections[0]!.idx);
}

function linkScore(o: Open, d: FrameDetection): number | null {
  const overlap = iou(o.last.box, d.box);
  const sim = d.embedding && o.mean ? dot(d.embedding, o.mean) : null;
  const size = Math.max(o.last.box.w, d.box.w, 1);
  const dist = Math.hypot(o.last.box.x + o.last.box.w / 2 - (d.box.x + d.box.w / 2), o.last.box.y + o.last.box.h / 2 - (d.box.y + d.box.h / 2)) / size;
  // Overlapping boxes are one face unless the faces disagree; apart, only clearly one face, nearby.
  if (overlap >= 0.3 && (sim === null || sim >= 0.25)) return overlap + (sim ?? 0.5);
  if (sim !== null && sim >= 0.5 && dist <= 3) return sim;
  return null;
}

function extend(o: Open, d: FrameDetection): Open {
  o.detections.push(d);
  o.last = d;
  if (d.embedding) {
    o.sum ??= new Float32Array(d.embedding.length);
    for (let i = 0; i < d.embedding.length; i++) o.sum[i]! += d.embedding[i]!;
    o.mean = unit(o.sum);
  }
  return o;
}

/** Runs of sightings with no gap longer than two and a half samples; each end widened by half a sample (not past a cut or the video). */
function segmentsOf(dets: FrameDetection[], cuts: number[], durationMs: number, s: VideoSettings): Segment[] {
  const half = s.sampleIntervalMs / 2;
  const segments: Segment[] = [];
  let start = dets[0]!.timestampMs;
  let prev = start;
  const close = (a: number, b: number) => {
    const cutAtStart = cuts.includes(a);
    const nextCut = cuts.find((c) => c > b);
    segments.push({ startMs: Math.max(0, cutAtStart ? a : a - half), endMs: Math.min(durationMs, nextCut !== undefined ? Math.min(nextCut, b + half) : b + half) });
  };
  for (const d of dets.slice(1)) {
    if (d.timestampMs - prev > s.sampleIntervalMs * 2.5) {
      close(start, prev);
      start = d.timestampMs;
    }
    prev = d.timestampMs;
  }
  close(start, prev);
  return segments.map((g) => ({ startMs: Math.round(g.startMs), endMs: Math.round(g.endMs) }));
}

/** Union of possibly overlapping segments, sorted. */
export function mergeSegments(segments: Iterable<Segment>): Segment[] {
  const sorted = [...segments].sort((a, b) => a.startMs - b.startMs);
  const out: Segment[] = [];
  for (const g of sorted) {
    const last = out[out.length - 1];
    if (last && g.startMs <= last.endMs) last.endMs = Math.max(last.endMs, g.endMs);
    else out.push({ ...g });
  }
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return Float32Array.from(v, (x) => x / n);
}
