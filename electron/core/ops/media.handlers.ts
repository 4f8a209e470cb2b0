import type { mediaOps } from '../../../shared/operations/media.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { KindredError } from '../../../shared/errors.ts';
import { MEDIA_KINDS } from '../../../shared/media.ts';
import type { CoreContext } from './context.ts';

export function mediaHandlers(ctx: CoreContext): HandlersOf<typeof mediaOps> {
  return {
    'media.get': async ({ kind, id }) => {
      const got = await ctx.media.get(kind, id);
      if (got.found) return { mime: got.mime, bytes: got.body };
      const what = MEDIA_KINDS[kind].idPrefix === 'face' ? 'face' : 'photo';
      if (got.reason === 'invalid_id') throw new KindredError('invalid_input', `Not a ${what} id: ${id.slice(0, 60)}`);
      throw new KindredError('not_found', got.reason === 'unavailable' ? `The image for ${id} cannot be made: its original is missing or unreadable.` : `No ${what} ${id}.`);
    },
  };
}
