import { z } from 'zod';
import { LibraryId, PersonId } from '../ids.ts';
import { Confidence, Grouping, Identification, SimilarFace, SimilarPersistedFace, Verification } from '../domain/recognition.ts';
import { FaceListId, FaceRef } from '../domain/face-api.ts';
import { op } from './define.ts';

// The cloud face API's verify / identify / find-similar / group, over catalogued faces and people.
// Every face id may also be a face `faces.detect` found in uploaded bytes (a FaceRef); such a face
// belongs to no library, so comparing it with people needs the library named.
export const faceRecognitionOps = {
  'faces.verify': op({
    summary: 'Are two faces, or a face and a person, the same person?',
    access: 'renderer',
    input: z.union([
      z.object({ face_id1: FaceRef, face_id2: FaceRef }).strict(),
      /** library_id, when given, must be the person's (the cloud API names the person group). */
      z.object({ face_id: FaceRef, person_id: PersonId, library_id: LibraryId.optional() }).strict(),
    ]),
    output: Verification,
  }),
  'faces.identify': op({
    summary: 'For each face, the people it may be, most likely first.',
    access: 'renderer',
    input: z.object({
      face_ids: z.array(FaceRef).min(1).max(10),
      /** The people to look among; required when a face is a detected one (it has no library). */
      library_id: LibraryId.optional(),
      max_candidates: z.number().int().min(1).max(100).default(10),
      confidence_threshold: Confidence.optional(),
    }),
    output: z.array(Identification),
  }),
  'faces.find_similar': op({
    summary: 'Faces that look like a face: matchPerson keeps only likely same-person faces; matchFace ranks by similarity alone.',
    access: 'renderer',
    input: z
      .object({
        face_id: FaceRef,
        /** Compare with these faces only. */
        face_ids: z.array(FaceRef).min(1).max(1000).optional(),
        /** Compare with a saved face list's persisted faces (the reply names persisted_face_id). */
        face_list_id: FaceListId.optional(),
        /** Otherwise the library searched: the face's own, and required for a detected face. */
        library_id: LibraryId.optional(),
        max_candidates: z.number().int().min(1).max(1000).default(20),
        mode: z.enum(['matchPerson', 'matchFace']).default('matchPerson'),
      })
      .refine((v) => [v.face_ids, v.face_list_id, v.library_id].filter((x) => x !== undefined).length <= 1, {
        message: 'give at most one of face_ids, face_list_id and library_id',
        path: ['face_ids'],
      }),
    output: z.array(z.union([SimilarFace, SimilarPersistedFace])),
  }),
  'faces.group': op({
    summary: 'Split faces into groups of the same person, largest first, and a messy group of the rest.',
    access: 'renderer',
    input: z.object({ face_ids: z.array(FaceRef).min(1).max(1000) }),
    output: Grouping,
  }),
};
