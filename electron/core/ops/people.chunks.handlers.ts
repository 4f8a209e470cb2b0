import type { peopleChunkOps } from '../../../shared/operations/people.chunks.ops.ts';
import type { SpeechChunk } from '../../../shared/domain/video.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { livePerson } from '../people/decisions.ts';
import type { HandlersOf } from './handler-types.ts';
import type { CoreContext } from './context.ts';
import { chunksOf, overlaps } from '../video/on-screen.ts';

export function peopleChunkHandlers(ctx: CoreContext): HandlersOf<typeof peopleChunkOps> {
  const { catalogue } = ctx;
  return {
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
