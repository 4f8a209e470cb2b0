import type { Handlers } from '../../../shared/contract.ts';
import { KindredError } from '../../../shared/errors.ts';
import { MediaSource } from '../media/media-source.ts';
import type { CoreContext } from './context.ts';

export function mediaHandlers(ctx: CoreContext): Pick<Handlers, 'media.get'> {
  const media = new MediaSource(ctx.catalogue, ctx.cacheDir);
  return {
    'media.get': async ({ kind, id }) => {
      const got = await media.get(kind, id);
      if (got.found) return { mime: got.mime, bytes: got.body };
      if (got.reason === 'invalid_id') throw new KindredError('invalid_input', `Not a ${kind === 'face' ? 'face' : 'photo'} id: ${id.slice(0, 60)}`);
      throw new KindredError('not_found', got.reason === 'unavailable' ? `The image for ${id} cannot be made: its original is missing or unreadable.` : `No ${kind === 'face' ? 'face' : 'photo'} ${id}.`);
    },
  };
}
