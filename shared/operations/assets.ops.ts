import { z } from 'zod';
import { AssetId, LibraryId, PersonId } from '../ids.ts';
import { Asset, AssetDetails, AssetStatus, TimelineDay } from '../domain/asset.ts';
import { ONE_CURSOR, Page, cursorOf, cursorPageOf, oneCursor } from '../domain/common.ts';
import { op } from './define.ts';

const AssetFilter = z.object({
  library_id: LibraryId.optional(),
  person_ids: z.array(PersonId).max(20).optional(),
  status: AssetStatus.default('done'),
  /** The photos the user hid, instead of the others. */
  hidden: z.boolean().default(false),
});

export const assetOps = {
  'assets.list': op({
    summary: 'Catalogued photos, newest first; filtered by library and by people (all of them must appear).',
    access: 'renderer',
    input: Page.extend({ ...AssetFilter.shape, ...cursorOf(AssetId) }).refine(oneCursor, ONE_CURSOR),
    output: cursorPageOf(Asset),
  }),
  'assets.timeline': op({
    summary: 'How many photos each day holds (local time), newest first, for the same filter as assets.list: the grid lays out its date headers from this.',
    access: 'renderer',
    input: AssetFilter,
    output: z.object({ days: z.array(TimelineDay), total: z.number().int() }),
  }),
  'assets.around': op({
    summary: "An asset's place in assets.list for a filter: its index and its neighbours, for previous / next in the viewer.",
    access: 'renderer',
    input: AssetFilter.extend({ asset_id: AssetId }),
    output: z.object({ index: z.number().int(), total: z.number().int(), previous: AssetId.nullable(), next: AssetId.nullable() }),
  }),
  'assets.details': op({
    summary: 'What the photo file says about itself (camera, lens, exposure), read from its metadata on request.',
    access: 'renderer',
    input: z.object({ asset_id: AssetId }),
    output: AssetDetails,
  }),
  'assets.hide': op({
    summary: 'Hide photos (hidden: false shows them again): out of assets.list and the timeline unless asked for, their faces and people kept. Returns the photos whose state changed, for an exact undo.',
    access: 'renderer',
    effects: ['assets'],
    input: z.object({ asset_ids: z.array(AssetId).min(1).max(5000), hidden: z.boolean().default(true) }),
    output: z.object({ changed: z.array(AssetId) }),
  }),
  'assets.get': op({ summary: 'One asset.', access: 'renderer', input: z.object({ asset_id: AssetId }), output: Asset }),
  'assets.locate': op({
    summary: 'The absolute file path of an asset (trusted hosts only).',
    access: 'host',
    input: z.object({ asset_id: AssetId }),
    output: z.object({ asset_id: AssetId, path: z.string() }),
  }),
};
