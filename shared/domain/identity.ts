import { z } from 'zod';
import { AssetId } from '../ids.ts';
import { Timestamp } from './common.ts';
import { TimeRange } from './video.ts';
import { PersonName } from './person.ts';

// The identity API's extras on a person (identity.json fields Kindred keeps) and the identity.json
// format itself. See shared/rest/identity.md for how they map onto people.

export const IdentityType = z.enum(['people']);
export const ProfileMime = z.enum(['image/jpeg', 'image/png']);
export type ProfileMime = z.infer<typeof ProfileMime>;

/** Free-form metadata (tmdb_character, cast_order, …), kept as sent; bounded so a catalogue row stays small. */
export const IdentityMetadata = z
  .record(z.string(), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 64 * 1024, 'metadata must be at most 64 KiB of JSON');

/** Where an identity came from, in the identity API's words. */
export const IdentitySource = z.enum(['.json', 'auto', 'tmdb', 'user_defined', 'merged']);
export const IdentityStatus = z.enum(['confirmed', 'pending', 'inactive']);

/** An identity.json as the reference API writes and uploads it. Unknown extra fields are ignored. */
export const IdentityFile = z.object({
  version: z.number().int().min(1).optional(),
  /** The uploader's id: a Kindred person id, or any other identifier (kept as the person's external uuid). */
  identity_uuid: z.string().trim().min(1).max(200),
  name: PersonName,
  identity_type: IdentityType.nullable().optional(),
  /** Kept as the identity's source (the person Kindred makes of it is user_defined all the same). */
  source: IdentitySource.nullable().optional(),
  /** Kept as the identity's status; inactive also hides the person. */
  status: IdentityStatus.nullable().optional(),
  tmdb_id: z.number().int().positive().nullable().optional(),
  /** A TMDb image URL: accepted and ignored, because Kindred never downloads anything (upload the image instead). */
  tmdb_profile: z.string().max(2000).nullable().optional(),
  metadata: IdentityMetadata.nullable().optional(),
  /** Informational in the reference too; Kindred binds faces only through bind/unbind. */
  file_bindings: z.array(z.looseObject({ file_uuid: z.string().optional() })).max(100_000).optional(),
});
export type IdentityFile = z.infer<typeof IdentityFile>;

/** What Kindred stores for a person beyond the photo-library fields. */
export const IdentityExtras = z.object({
  identity_type: IdentityType.nullable(),
  /** The identity_uuid an uploaded identity.json carried, when it was not the person id. */
  external_uuid: z.string().nullable(),
  tmdb_id: z.number().int().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  has_profile_image: z.boolean(),
  profile_mime: ProfileMime.nullable(),
  /** What an uploaded identity.json said its source and status were (null: nothing uploaded said). */
  reference_source: IdentitySource.nullable(),
  reference_status: IdentityStatus.nullable(),
});
export type IdentityExtras = z.infer<typeof IdentityExtras>;

/** One photo a person appears in, summarised. */
export const PersonFile = z.object({
  asset_id: AssetId,
  file_name: z.string(),
  face_count: z.number().int().min(1),
  /** Best detector score of the person's faces here; null when they are all drawn by hand. */
  best_confidence: z.number().nullable(),
  /** Time range of the faces on a video's timeline; null for stills. */
  first_timestamp_ms: z.number().int().nullable(),
  last_timestamp_ms: z.number().int().nullable(),
  taken_at: Timestamp.nullable(),
  /** Videos: when the person is on screen (sorted, disjoint), the video's length and frame rate; [] and null for photos. */
  segments: z.array(TimeRange),
  duration_ms: z.number().int().nullable(),
  fps: z.number().nullable(),
});
export type PersonFile = z.infer<typeof PersonFile>;
