import { KindredError } from '../../../shared/errors.ts';
import type { assetOps } from '../../../shared/operations/assets.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { mutation } from './mutation.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import { readPhotoDetails } from '../media/photo-details.ts';

export function assetHandlers(ctx: CoreContext): HandlersOf<typeof assetOps> {
  const { catalogue } = ctx;
  return {
    'assets.list': async ({ library_id, person_ids, status, hidden, offset, limit, after_id, before_id }) =>
      catalogue.assets.list({ libraryId: library_id, personIds: person_ids, status, hidden }, offset, limit, { afterId: after_id, beforeId: before_id }),
    'assets.timeline': async ({ library_id, person_ids, status, hidden }) => catalogue.assets.timeline({ libraryId: library_id, personIds: person_ids, status, hidden }),
    'assets.around': async ({ asset_id, library_id, person_ids, status, hidden }) =>
      found(catalogue.assets.around(asset_id, { libraryId: library_id, personIds: person_ids, status, hidden }), `asset ${asset_id}`),
    'assets.hide': ({ asset_ids, hidden }) =>
      mutation(ctx, 'assets.hide', (log) => {
        const known = catalogue.assets.existing(asset_ids);
        const unknown = asset_ids.filter((id) => !known.has(id));
        if (unknown.length) throw new KindredError('not_found', `No asset ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` (and ${unknown.length - 3} more)` : ''}: nothing was ${hidden ? 'hidden' : 'shown'}.`);
        const done = catalogue.assets.setHidden(asset_ids, hidden);
        for (const lib of done.libraries) log.changed(lib);
        return { changed: done.changed };
      }),
    'assets.details': async ({ asset_id }) => {
      const asset = found(catalogue.assets.get(asset_id), `asset ${asset_id}`);
      const path = found(catalogue.assets.path(asset_id), `asset ${asset_id}`);
      return { asset_id, ...(await readPhotoDetails(path)), taken_at: asset.taken_at, sort_at: new Date(catalogue.assets.sortAt(asset_id) ?? 0).toISOString() };
    },
    'assets.get': async ({ asset_id }) => found(catalogue.assets.get(asset_id), `asset ${asset_id}`),
    'assets.locate': async ({ asset_id }) => ({ asset_id, path: found(catalogue.assets.path(asset_id), `asset ${asset_id}`) }),
  };
}
