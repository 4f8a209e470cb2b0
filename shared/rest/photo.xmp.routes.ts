import { z } from 'zod';
import { AssetId, LibraryId, PersonId } from '../ids.ts';
import { operations } from '../contract.ts';
import { route } from './define.ts';

/** Writing face regions out for other tools: MWG regions of named faces into .xmp sidecars beside the photos. */
export const xmpRoutes = [
  route({
    api: 'photo',
    method: 'POST',
    path: '/api/xmp/regions',
    summary: 'Write MWG face regions of named faces to XMP sidecars',
    description:
      "For a library, a person's photos or a list of photos: each photo with named faces gets an .xmp sidecar (IMG_0001.xmp, or the sidecar it already has, keeping everything else in it). Photos themselves are never written. With no field, a key limited to a library writes that library's.",
    ops: ['xmp.write_regions'],
    body: {
      kind: 'json',
      schema: z.strictObject({ library_id: LibraryId.optional(), person_id: PersonId.optional(), asset_ids: z.array(AssetId).min(1).max(5000).optional() }),
    },
    response: operations['xmp.write_regions'].output,
    handle: async ({ body, scope }, invoke) => {
      const library_id = body.library_id ?? (body.person_id || body.asset_ids ? undefined : (scope ?? undefined));
      return invoke('xmp.write_regions', { ...body, ...(library_id ? { library_id } : {}) });
    },
  }),
];
