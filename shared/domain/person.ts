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
  /** Faces fit for recognition (quality medium or high, or not measured). */
  good_face_count: z.number().int(),
  /**
   * Real evidence that this is someone: EVIDENCE_FACES good faces, or the user named, made or starred
   * them. The People page shows these first and the rest under "More people".
   */
  has_evidence: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Person = z.infer<typeof Person>;

export const EVIDENCE_FACES = 2;

/** Which people a list holds: everyone, those with real evidence, or the rest. */
export const EvidenceFilter = z.enum(['any', 'real', 'little']);
export type EvidenceFilter = z.infer<typeof EvidenceFilter>;

export const PersonName = z.string().trim().min(1, 'a name cannot be empty').max(200);

/**
 * Orders of a people list. The app's: default (favourites, then named by name, then unnamed by size),
 * count (most photos first), name, recent (last photographed first); the photo-library API's: the rest.
 */
export const PeopleSort = z.enum(['default', 'count', 'name', 'recent', 'created_at_desc', 'created_at_asc', 'name_asc', 'name_desc', 'asset_count_desc', 'asset_count_asc']);
export type PeopleSort = z.infer<typeof PeopleSort>;
