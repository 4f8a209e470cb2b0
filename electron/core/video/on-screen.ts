import type { SpeechChunk } from '../../../shared/domain/video.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Segment } from './tracks.ts';

export const overlaps = (a: { startMs: number; endMs: number }, b: Segment) => a.startMs < b.endMs && b.startMs < a.endMs;

/** Each sentence of a video with every person on screen during it. */
export function chunksOf(catalogue: Catalogue, assetId: AssetId, fps: number): SpeechChunk[] {
  const people = catalogue.videos.appearances(assetId).filter((p) => p.personId !== null);
  const names = new Map(people.map((p) => [p.personId!, catalogue.people.get(p.personId!)?.name ?? null]));
  return catalogue.videos.chunks(assetId).map((c) => ({
    asset_id: assetId, seq: c.seq, start_ms: c.startMs, end_ms: c.endMs, fps, text: c.text, source: c.source,
    on_screen: people.filter((p) => p.segments.some((g) => overlaps(c, g))).map((p) => ({ person_id: p.personId!, name: names.get(p.personId!) ?? null })),
  }));
}
