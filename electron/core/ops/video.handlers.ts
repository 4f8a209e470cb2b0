import type { Handlers } from '../../../shared/contract.ts';
import type { SpeechChunk, TimeRange } from '../../../shared/domain/video.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { AssetId, PersonId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { livePerson } from '../people/decisions.ts';
import type { Segment } from '../video/tracks.ts';
import type { CoreContext } from './context.ts';

type VideoOps = 'videos.timeline' | 'videos.face_at_frame' | 'people.chunks';

const range = (s: Segment): TimeRange => ({ start_ms: s.startMs, end_ms: s.endMs });
const overlaps = (a: { startMs: number; endMs: number }, b: Segment) => a.startMs < b.endMs && b.startMs < a.endMs;

/** A catalogued video (done), or not_found saying why not. */
function video(catalogue: Catalogue, id: AssetId) {
  const a = catalogue.assets.get(id);
  if (!a) throw new KindredError('not_found', `No file ${id}.`);
  if (a.fps === null || a.duration_ms === null) throw new KindredError('not_found', `File ${id} is not a catalogued video.`);
  return a;
}

/** Each sentence of a video with every person on screen during it. */
function chunksOf(catalogue: Catalogue, assetId: AssetId, fps: number): SpeechChunk[] {
  const people = catalogue.videos.appearances(assetId).filter((p) => p.personId !== null);
  const names = new Map(people.map((p) => [p.personId!, catalogue.people.get(p.personId!)?.name ?? null]));
  return catalogue.videos.chunks(assetId).map((c) => ({
    asset_id: assetId, seq: c.seq, start_ms: c.startMs, end_ms: c.endMs, fps, text: c.text, source: c.source,
    on_screen: people.filter((p) => p.segments.some((g) => overlaps(c, g))).map((p) => ({ person_id: p.personId!, name: names.get(p.personId!) ?? null })),
  }));
}

export function videoHandlers(ctx: CoreContext): Pick<Handlers, VideoOps> {
  const { catalogue } = ctx;
  return {
    'videos.timeline': async ({ asset_id }) => {
      const a = video(catalogue, asset_id);
      const appearances = catalogue.videos.appearances(asset_id).map((p) => ({
        person_id: p.personId, name: p.personId ? (catalogue.people.get(p.personId)?.name ?? null) : null, face_ids: p.faceIds, segments: p.segments.map(range),
      }));
      return {
        asset_id, duration_ms: a.duration_ms!, fps: a.fps!, frame_count: a.frame_count ?? Math.round((a.duration_ms! * a.fps!) / 1000),
        appearances, sightings: catalogue.videos.sightings(asset_id), chunks: chunksOf(catalogue, asset_id, a.fps!),
      };
    },

    'videos.face_at_frame': async ({ asset_id, frame_number, frame_index }) => {
      video(catalogue, asset_id);
      const id = catalogue.videos.faceAtFrame(asset_id, frame_number, frame_index);
      const face = id && catalogue.faces.get(id);
      if (!face) throw new KindredError('not_found', `No face ${frame_number}_${frame_index} in file ${asset_id}.`);
      return face;
    },

    'people.chunks': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      const out: SpeechChunk[] = [];
      for (const [assetId, segments] of catalogue.videos.personSegments(person_id as PersonId)) {
        const a = catalogue.assets.get(assetId);
        if (!a?.fps) continue;
        out.push(...chunksOf(catalogue, assetId, a.fps).filter((c) => segments.some((g) => overlaps({ startMs: c.start_ms, endMs: c.end_ms }, g))));
      }
      return out.sort((x, y) => (x.asset_id < y.asset_id ? -1 : x.asset_id > y.asset_id ? 1 : x.seq - y.seq));
    },
  };
}
