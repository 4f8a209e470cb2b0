import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';
import { Face, FaceSource } from '../domain/face.ts';
import { Page, pageOf } from '../domain/common.ts';
import { op } from './define.ts';

/** A face row for scripts: the photo's absolute path included, which is why it is host-only. */
export const FaceExport = z.object({
  id: FaceId,
  asset_id: AssetId,
  path: z.string(),
  bounding_box: BoundingBox,
  source: FaceSource,
  confidence: z.number().nullable(),
  person_id: PersonId.nullable(),
});
export type FaceExport = z.infer<typeof FaceExport>;

export const faceOps = {
  'faces.list': op({
    summary: 'Faces, filtered by library, asset, person or unassigned.',
    access: 'renderer',
    input: Page.extend({
      library_id: LibraryId.optional(),
      asset_id: AssetId.optional(),
      person_id: PersonId.optional(),
      unassigned: z.boolean().optional(),
    }),
    output: pageOf(Face),
  }),
  'faces.get': op({ summary: 'One face.', access: 'renderer', input: z.object({ face_id: FaceId }), output: Face }),
  'faces.export': op({
    summary: 'Every face with the absolute path of its photo (trusted hosts only).',
    access: 'host',
    input: z.object({ library_id: LibraryId.optional() }),
    output: z.array(FaceExport),
  }),
};
