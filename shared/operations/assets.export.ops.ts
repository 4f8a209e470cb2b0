import { z } from 'zod';
import { AssetId, PersonId } from '../ids.ts';
import { AbsolutePath } from './import.ops.ts';
import { op } from './define.ts';

export const exportOps = {
  'assets.export': op({
    summary:
      "Copy a person's photos, or chosen photos, into a folder (originals byte for byte; a name already taken gets a number), optionally each with an .xmp sidecar of its named faces (MWG regions).",
    access: 'renderer',
    input: z
      .object({ person_id: PersonId.optional(), asset_ids: z.array(AssetId).min(1).max(5000).optional(), folder: AbsolutePath, sidecars: z.boolean().default(false) })
      .refine((v) => v.person_id || v.asset_ids, 'give person_id or asset_ids'),
    output: z.object({
      exported: z.number().int(),
      sidecars: z.number().int(),
      /** Photos that could not be copied (their file is missing, say), and why. */
      failed: z.array(z.object({ asset_id: AssetId, file_name: z.string(), error: z.string() })),
    }),
  }),
};
