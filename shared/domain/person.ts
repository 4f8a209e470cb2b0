import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { IsoDate, Timestamp } from './common.ts';

/** Identity-API vocabulary, mapped onto people (see README "Local API" for the mapping). */
export const PersonStatus = z.enum(['confirmed', 'pending', 'inactive']);
export const PersonSource = z.enum(['auto', 'user_defined', 'merged']);

export const Person = z.object({
  id: PersonId,
  library_id: LibraryId,
  name: z.string().nullable(),
  birth_date: IsoDate.nullable(),
  is_hidden: z.boolean(),
  is_favorite: z.boolean(),
  thumbnail_face_id: FaceId.nullable(),
  status: PersonStatus,
  source: PersonSource,
  face_count: z.number().int(),
  asset_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Person = z.infer<typeof Person>;

export const PersonName = z.string().trim().min(1, 'a name cannot be empty').max(200);

/** Orders of a people list: Kindred's own (favourites, named by name, unnamed by size) and the photo-library API's. */
export const PeopleSort = z.enum(['kindred', 'created_at_desc', 'created_at_asc', 'name_asc', 'name_desc', 'asset_count_desc', 'asset_count_asc']);
export type PeopleSort = z.infer<typeof PeopleSort>;
