import type { videoOps } from '../../../shared/operations/videos.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { TimeRange } from '../../../shared/domain/video.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { Segment } from '../video/tracks.ts';
import type { CoreContext } from './context.ts';
import { chunksOf } from '../video/on-screen.ts';

const range = (s: Segment): TimeRange => ({ start_ms: s.startMs, end_ms: s.endMs });

/** A catalogued video (done), or not_found saying why not. */
function video(catalogue: Catalogue, id: AssetId) {
  const a = catalogue.assets.get(id);
  if (!a) throw new KindredError('not_found', `No file ${id}.`);
  if (a.fps === null || a.duration_ms === null) throw new KindredError('not_found', `File ${id} is not a catalogued video.`);
  return a;
}

export function videoHandlers(ctx: CoreContext): HandlersOf<typeof videoOps> {
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
  };
}
