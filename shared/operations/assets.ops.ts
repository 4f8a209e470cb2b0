import { z } from 'zod';
import { AssetId, LibraryId, PersonId } from '../ids.ts';
import { Asset, AssetStatus } from '../domain/asset.ts';
import { ONE_CURSOR, Page, cursorOf, cursorPageOf, oneCursor } from '../domain/common.ts';
import { op } from './define.ts';

export const assetOps = {
  'assets.list': op({
    summary: 'Catalogued photos, newest first; filtered by library and by people (all of them must appear).',
    access: 'renderer',
    input: Page.extend({
      library_id: LibraryId.optional(),
      person_ids: z.array(PersonId).max(20).optional(),
      status: AssetStatus.default('done'),
      ...cursorOf(AssetId),
    }).refine(oneCursor, ONE_CURSOR),
    output: cursorPageOf(Asset),
  }),
  'assets.get': op({ summary: 'One asset.', access: 'renderer', input: z.object({ asset_id: AssetId }), output: Asset }),
  'assets.locate': op({
    summary: 'The absolute file path of an asset (trusted hosts only).',
    access: 'host',
    input: z.object({ asset_id: AssetId }),
    output: z.object({ asset_id: AssetId, path: z.string() }),
  }),
};
