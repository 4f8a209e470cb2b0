import { z } from 'zod';
import { FolderId, LibraryId } from '../ids.ts';
import { Timestamp } from './common.ts';

export const Library = z.object({
  id: LibraryId,
  name: z.string(),
  created_at: Timestamp,
  asset_count: z.number().int(),
  face_count: z.number().int(),
  people_count: z.number().int(),
});
export type Library = z.infer<typeof Library>;

export const LibraryName = z.string().trim().min(1, 'a library needs a name').max(200);

export const Folder = z.object({
  id: FolderId,
  library_id: LibraryId,
  /** The folder the user chose; shown so they can recognise it, never used by the renderer to read files. */
  path: z.string(),
  added_at: Timestamp,
});
export type Folder = z.infer<typeof Folder>;
