import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';
import { Timestamp } from './common.ts';
import { FaceQuality } from './face-quality.ts';

export const FaceSource = z.enum(['automatic', 'manual']);
export type FaceSource = z.infer<typeof FaceSource>;

/** Who put the face in its person: the engine (may move on re-cluster) or the user (never moves). */
export const AssignmentKind = z.enum(['auto', 'user']);
export type AssignmentKind = z.infer<typeof AssignmentKind>;

export const Point = z.tuple([z.number(), z.number()]);

export const ClusterCandidate = z.object({
  person_id: PersonId,
  distance: z.number(),
  name: z.string().nullable(),
});
export type ClusterCandidate = z.infer<typeof ClusterCandidate>;

export const ClusterAssignment = z.object({
  distance_to_person: z.number().nullable(),
  candidates: z.array(ClusterCandidate),
});
export type ClusterAssignment = z.infer<typeof ClusterAssignment>;

export const Face = z.object({
  id: FaceId,
  asset_id: AssetId,
  library_id: LibraryId,
  bounding_box: BoundingBox,
  source: FaceSource,
  /** Detector score 0..1; null for manual faces. */
  confidence: z.number().nullable(),
  landmarks: z.array(Point).nullable(),
  timestamp_ms: z.number().int().nullable(),
  /** Video faces (one per track): the frame the face record shows, and its index among that frame's faces; null for photos. */
  frame_number: z.number().int().nullable(),
  frame_index: z.number().int().nullable(),
  person_id: PersonId.nullable(),
  assignment: AssignmentKind.nullable(),
  has_embedding: z.boolean(),
  /** How fit the face is for recognition and why; null for faces analysed before quality was measured. */
  quality: FaceQuality.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  cluster_assignment: ClusterAssignment.nullable().optional(),
});
export type Face = z.infer<typeof Face>;
