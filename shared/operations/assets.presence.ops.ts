import { z } from 'zod';
import { AssetId, LibraryId } from '../ids.ts';
import { Asset } from '../domain/asset.ts';
import { Page, Timestamp, pageOf } from '../domain/common.ts';
import { AbsolutePath } from './import.ops.ts';
import { op } from './define.ts';

/** A catalogued photo whose file went away: out of the grid, its faces and decisions kept until purged. */
export const MissingAsset = z.object({
  asset_id: AssetId,
  library_id: LibraryId,
  file_name: z.string(),
  /** Where it was, relative to its imported folder. */
  relative_path: z.string(),
  /** The imported folder it was in (the user's own choice, shown so they can recognise it). */
  folder: z.string(),
  missing_since: Timestamp,
  face_count: z.number().int(),
});
export type MissingAsset = z.infer<typeof MissingAsset>;

export const assetPresenceOps = {
  'assets.missing': op({
    summary: 'Photos whose file went away, newest loss first.',
    access: 'renderer',
    input: Page.extend({ library_id: LibraryId.optional() }),
    output: pageOf(MissingAsset),
  }),
  'assets.purge': op({
    summary: 'Forget missing photos for good, with their faces (only missing ones; all of a library if no ids are given).',
    access: 'renderer',
    effects: ['assets', 'faces', 'people'],
    input: z
      .object({ asset_ids: z.array(AssetId).min(1).max(5000).optional(), library_id: LibraryId.optional() })
      .refine((v) => v.asset_ids || v.library_id, 'give asset_ids or library_id'),
    output: z.object({ purged: z.number().int() }),
  }),
  'assets.relink': op({
    summary: 'Tell Kindred where a missing photo is now: the file must have the same content; the asset keeps its faces and decisions.',
    access: 'renderer',
    effects: ['assets', 'faces', 'people'],
    input: z.object({ asset_id: AssetId, path: AbsolutePath }),
    output: Asset,
  }),
};
