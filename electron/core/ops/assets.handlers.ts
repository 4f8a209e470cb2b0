import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

export function assetHandlers({ catalogue }: CoreContext): Pick<Handlers, 'assets.list' | 'assets.get' | 'assets.locate'> {
  return {
    'assets.list': async ({ library_id, person_ids, status, offset, limit, after_id, before_id }) =>
      catalogue.assets.list({ libraryId: library_id, personIds: person_ids, status }, offset, limit, { afterId: after_id, beforeId: before_id }),
    'assets.get': async ({ asset_id }) => found(catalogue.assets.get(asset_id), `asset ${asset_id}`),
    'assets.locate': async ({ asset_id }) => ({ asset_id, path: found(catalogue.assets.path(asset_id), `asset ${asset_id}`) }),
  };
}
