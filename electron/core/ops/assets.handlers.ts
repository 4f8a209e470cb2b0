import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import { readPhotoDetails } from '../media/photo-details.ts';

export function assetHandlers({ catalogue }: CoreContext): Pick<Handlers, 'assets.list' | 'assets.timeline' | 'assets.around' | 'assets.details' | 'assets.get' | 'assets.locate'> {
  return {
    'assets.list': async ({ library_id, person_ids, status, offset, limit }) =>
      catalogue.assets.list({ libraryId: library_id, personIds: person_ids, status }, offset, limit),
    'assets.timeline': async ({ library_id, person_ids, status }) => catalogue.assets.timeline({ libraryId: library_id, personIds: person_ids, status }),
    'assets.around': async ({ asset_id, library_id, person_ids, status }) =>
      found(catalogue.assets.around(asset_id, { libraryId: library_id, personIds: person_ids, status }), `asset ${asset_id}`),
    'assets.details': async ({ asset_id }) => {
      const asset = found(catalogue.assets.get(asset_id), `asset ${asset_id}`);
      const path = found(catalogue.assets.path(asset_id), `asset ${asset_id}`);
      return { asset_id, ...(await readPhotoDetails(path)), taken_at: asset.taken_at, sort_at: new Date(catalogue.assets.sortAt(asset_id) ?? 0).toISOString() };
    },
    'assets.get': async ({ asset_id }) => found(catalogue.assets.get(asset_id), `asset ${asset_id}`),
    'assets.locate': async ({ asset_id }) => ({ asset_id, path: found(catalogue.assets.path(asset_id), `asset ${asset_id}`) }),
  };
}
