import { z } from 'zod';
import { AssetId, LibraryId, PersonId } from '../ids.ts';
import { op } from './define.ts';

export const xmpOps = {
  'xmp.write_regions': op({
    summary:
      "Write the MWG face regions of named faces to .xmp sidecars beside the photos (never into a photo): of a list of photos, of a person's photos, or of a whole library. An existing sidecar keeps everything but its regions.",
    access: 'renderer',
    input: z
      .object({ asset_ids: z.array(AssetId).min(1).max(5000).optional(), person_id: PersonId.optional(), library_id: LibraryId.optional() })
      .refine((v) => v.asset_ids || v.person_id || v.library_id, 'give asset_ids, person_id or library_id'),
    output: z.object({
      written: z.number().int(),
      /** Photos whose sidecar could not be written, and why. */
      failed: z.array(z.object({ asset_id: AssetId, file_name: z.string(), error: z.string() })),
    }),
  }),
};
