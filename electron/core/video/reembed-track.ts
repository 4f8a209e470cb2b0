import type { RgbImage } from '../vision/image.ts';
import { l2Normalise, type FaceEmbedder } from '../vision/face-embedder.ts';
import { frameAt } from './frames.ts';

type Point = [number, number];

/** One sighting of a track: its moment and its landmarks in display-space pixels. */
export interface TrackSighting {
  ms: number;
  landmarks: Point[];
}

/** What a video's faces are embedded again from: the size its frames were analysed at, and each face's sightings. */
export interface VideoReembed {
  width: number;
  height: number;
  displayWidth: number;
  /** Per face, the sightings its import embedded (embeddedSightings). */
  sightings: TrackSighting[][];
}

/**
 * The sightings an import embedded for a track: the first, then the next one at least `embedEveryMs`
 * later, and so on (analyze-window.ts embeds a chain of boxes once per that interval; the import
 * keeps the landmarks of every sighting but not which ones it embedded).
 */
export function embeddedSightings<T extends { ms: number }>(sightings: readonly T[], embedEveryMs: number): T[] {
  const out: T[] = [];
  let last = -Infinity;
  for (const s of [...sightings].sort((a, b) => a.ms - b.ms)) {
    if (s.ms - last < embedEveryMs) continue;
    out.push(s);
    last = s.ms;
  }
  return out;
}

/**
 * Each face of a video embedded again as its import made it: the unit mean of its embedded sightings,
 * each from its frame decoded at the analysis size. Moments are visited in time order and each frame
 * is decoded once for every face it shows, then dropped (a long video's frames never pile up). A face
 * none of whose frames decodes any more gets null.
 */
export async function reembedTracks(path: string, video: VideoReembed, embedder: FaceEmbedder): Promise<Array<Float32Array | null>> {
  const toWorking = video.width / video.displayWidth;
  const byMoment = new Map<number, Array<{ face: number; landmarks: Point[] }>>();
  video.sightings.forEach((list, face) => {
    for (const s of list) byMoment.set(s.ms, [...(byMoment.get(s.ms) ?? []), { face, landmarks: s.landmarks }]);
  });
  const sums: Array<Float32Array | null> = video.sightings.map(() => null);
  for (const ms of [...byMoment.keys()].sort((a, b) => a - b)) {
    const image: RgbImage | null = await frameAt(path, ms, video.width, video.height);
    if (!image) continue;
    for (const { face, landmarks } of byMoment.get(ms)!) {
      const e = await embedder.embed(image, landmarks.map(([x, y]) => [x * toWorking, y * toWorking] as Point));
      const sum = (sums[face] ??= new Float32Array(e.length));
      for (let i = 0; i < e.length; i++) sum[i]! += e[i]!;
    }
  }
  return sums.map((sum) => sum && l2Normalise(sum));
}
