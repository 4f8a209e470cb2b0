import { z } from 'zod';
import { FaceId, LibraryId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';
import { Point } from './face.ts';
import { Timestamp } from './common.ts';

// The cloud face API's own nouns: faces found in uploaded images (detected faces, which expire) and
// saved face lists (which do not). See shared/rest/face-api.md for how they map onto Kindred.

/**
 * Any face the recognition operations can compare: a catalogued face (`face_…`, in a photo of a
 * library) or a face `faces.detect` found in uploaded bytes (a UUID that lives until it expires).
 */
// The second option is DetectedFaceId with a message naming both kinds: when a string is neither,
// zod reports the last option's issue, and "Invalid UUID" alone would mislead.
export const FaceRef = z.union([FaceId, z.uuid({ error: 'must be a face id (face_…) or a face id from detect (a UUID)' })]);
export type FaceRef = z.infer<typeof FaceRef>;

export const isCatalogued = (ref: string): ref is FaceId => ref.startsWith('face_');

/** The models that really run (whatever recognitionModel / detectionModel a client asks for). */
export const FACE_API_MODELS = { detection: 'yunet_s_dynamic', recognition: 'fr_feature' } as const;

/** Upload limit for detect; the same as the local API's body limit, so a 50-MP JPEG fits. */
export const MAX_DETECT_BYTES = 25 * 1024 * 1024;

/** How long a detected face is kept, in seconds (the cloud API's faceIdTimeToLive range). */
export const DetectTtl = z.number().int().min(60).max(86_400);

/** A face `faces.detect` reports: catalogued faces of an asset never expire; faces of uploaded bytes do. */
export const DetectedFace = z.object({
  /** null when the caller asked not to keep the face (detection only). */
  face_id: FaceRef.nullable(),
  /** Display-space pixels of the image (EXIF orientation applied). */
  bounding_box: BoundingBox,
  /** Five points, image-left eye first: eyes, nose tip, mouth corners (image-left first). */
  landmarks: z.array(Point).nullable(),
  /** Detector score 0..1; null for faces drawn by hand. */
  confidence: z.number().nullable(),
  expires_at: Timestamp.nullable(),
});
export type DetectedFace = z.infer<typeof DetectedFace>;

/** Face list ids are chosen by the client, as in the cloud API. */
export const FaceListId = z.string().regex(/^[a-z0-9_-]{1,64}$/, 'use 1-64 lower-case letters, digits, "-" or "_"');
export type FaceListId = z.infer<typeof FaceListId>;

/** A persisted face of a face list: a copy of a face's embedding that never expires. */
export const PersistedFaceId = z.uuid();
export type PersistedFaceId = z.infer<typeof PersistedFaceId>;

/** Free text a client keeps on a face list or persisted face (the cloud API allows 16 KB). */
export const UserData = z.string().max(16 * 1024);

export const FaceListName = z.string().trim().min(1, 'a face list needs a name').max(128);

export const FaceList = z.object({
  id: FaceListId,
  name: z.string(),
  user_data: z.string().nullable(),
  /** The library it is limited to (made with a library-scoped API key); null for none. */
  library_id: LibraryId.nullable(),
  face_count: z.number().int().min(0),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type FaceList = z.infer<typeof FaceList>;

export const PersistedFace = z.object({
  persisted_face_id: PersistedFaceId,
  user_data: z.string().nullable(),
  /** The face it was copied from (a detected face may have expired since). */
  source_face_id: FaceRef.nullable(),
  created_at: Timestamp,
});
export type PersistedFace = z.infer<typeof PersistedFace>;

export const FaceListWithFaces = FaceList.extend({ faces: z.array(PersistedFace) });
export type FaceListWithFaces = z.infer<typeof FaceListWithFaces>;

/** The cloud API's limit for a face list. */
export const MAX_FACES_PER_LIST = 1000;
