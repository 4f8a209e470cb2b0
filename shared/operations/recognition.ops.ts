import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { Confidence, Grouping, Identification, SimilarFace, Suggestion, Verification } from '../domain/recognition.ts';
import { op } from './define.ts';

// The cloud face API's verify / identify / find-similar / group, over catalogued faces and people.
export const recognitionOps = {
  'faces.verify': op({
    summary: 'Are two faces, or a face and a person, the same person?',
    access: 'renderer',
    input: z.union([
      z.object({ face_id1: FaceId, face_id2: FaceId }).strict(),
      z.object({ face_id: FaceId, person_id: PersonId }).strict(),
    ]),
    output: Verification,
  }),
  'faces.identify': op({
    summary: 'For each face, the people it may be, most likely first.',
    access: 'renderer',
    input: z.object({
      face_ids: z.array(FaceId).min(1).max(10),
      library_id: LibraryId.optional(),
      max_candidates: z.number().int().min(1).max(100).default(10),
      confidence_threshold: Confidence.optional(),
    }),
    output: z.array(Identification),
  }),
  'faces.find_similar': op({
    summary: 'Faces that look like a face: matchPerson keeps only likely same-person faces; matchFace ranks by similarity alone.',
    access: 'renderer',
    input: z.object({
      face_id: FaceId,
      face_ids: z.array(FaceId).min(1).max(1000).optional(),
      library_id: LibraryId.optional(),
      max_candidates: z.number().int().min(1).max(1000).default(20),
      mode: z.enum(['matchPerson', 'matchFace']).default('matchPerson'),
    }),
    output: z.array(SimilarFace),
  }),
  'faces.group': op({
    summary: 'Split faces into groups of the same person, largest first, and a messy group of the rest.',
    access: 'renderer',
    input: z.object({ face_ids: z.array(FaceId).min(1).max(1000) }),
    output: Grouping,
  }),
  'suggestions.list': op({
    summary: '"Is this X?": unassigned or weakly assigned faces and their likeliest person, most confident first.',
    access: 'renderer',
    input: z.object({ library_id: LibraryId.optional(), person_id: PersonId.optional(), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(Suggestion),
  }),
  'suggestions.answer': op({
    summary: 'Yes puts the face in the person (a user decision); no records "not this person".',
    access: 'renderer',
    input: z.object({ face_id: FaceId, person_id: PersonId, answer: z.enum(['yes', 'no']) }),
    output: z.object({ ok: z.literal(true) }),
  }),
};
