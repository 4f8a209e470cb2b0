import { z } from 'zod';
import { FaceId, PersonId } from '../ids.ts';
import { Person } from './person.ts';
import { Face } from './face.ts';
import { FaceRef, PersistedFaceId } from './face-api.ts';

/**
 * Confidence is a calibrated 0..1 mapping of cosine distance (see electron/core/people/confidence.ts):
 * 0.5 sits at the distance where same-person and different-person pairs are equally likely on the
 * dev set, so `confidence >= 0.5` is the engine's "same person".
 */
export const Confidence = z.number().min(0).max(1);

export const Verification = z.object({ is_identical: z.boolean(), confidence: Confidence });
export type Verification = z.infer<typeof Verification>;

export const IdentifyCandidate = z.object({ person_id: PersonId, name: z.string().nullable(), confidence: Confidence });
export const Identification = z.object({ face_id: FaceRef, candidates: z.array(IdentifyCandidate) });
export type Identification = z.infer<typeof Identification>;

/** A similar face among catalogued or detected faces; person_id is null for detected and unplaced faces. */
export const SimilarFace = z.object({ face_id: FaceRef, person_id: PersonId.nullable(), confidence: Confidence });
export type SimilarFace = z.infer<typeof SimilarFace>;

/** A similar face in a saved face list. */
export const SimilarPersistedFace = z.object({ persisted_face_id: PersistedFaceId, confidence: Confidence });
export type SimilarPersistedFace = z.infer<typeof SimilarPersistedFace>;

export const Grouping = z.object({
  /** Groups of the same person, largest first. */
  groups: z.array(z.array(FaceRef)),
  /** Faces like no other face given. */
  messy_group: z.array(FaceRef),
});
export type Grouping = z.infer<typeof Grouping>;

/** "Is this Alice?": an unassigned or weakly assigned face and the person it most likely is. */
export const Suggestion = z.object({
  face: Face,
  person_id: PersonId,
  person_name: z.string().nullable(),
  confidence: Confidence,
  distance: z.number(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/**
 * "Are these the same person?": two people the engine kept apart who look alike, with the faces that make
 * the case (each side's, pairwise: person_face_ids[i] is most like other_face_ids[i]). Yes merges them;
 * no is remembered, and the pair is never suggested or merged again.
 */
export const PersonPairSuggestion = z.object({
  person: Person,
  other: Person,
  confidence: Confidence,
  /** Mean cosine similarity of the closest exemplar pairs the evidence shows. */
  similarity: z.number(),
  person_face_ids: z.array(FaceId),
  other_face_ids: z.array(FaceId),
});
export type PersonPairSuggestion = z.infer<typeof PersonPairSuggestion>;
