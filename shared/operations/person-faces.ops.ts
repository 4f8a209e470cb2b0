import { z } from 'zod';
import { PersonId } from '../ids.ts';
import { PersonFace, SubjectUserData } from '../domain/face-api-groups.ts';
import { op } from './define.ts';

// The cloud face API's persons' faces: faces from uploads (found by faces.detect) added to a person as
// exemplars; their embeddings are kept, never the images.

const Ok = z.object({ ok: z.literal(true) });

export const personFaceOps = {
  'person_faces.add': op({
    summary: 'Add a face found by faces.detect to a person: its embedding becomes one of the person’s exemplars (no image is kept).',
    access: 'host',
    effects: ['people'],
    input: z.object({ person_id: PersonId, detected_face_id: z.uuid(), user_data: SubjectUserData.optional() }),
    output: PersonFace,
  }),
  'person_faces.list': op({
    summary: 'The faces added to a person from uploads, oldest first.',
    access: 'host',
    input: z.object({ person_id: PersonId }),
    output: z.array(PersonFace),
  }),
  'person_faces.update': op({
    summary: 'Change the userData of a face added to a person.',
    access: 'host',
    input: z.object({ person_id: PersonId, persisted_face_id: z.uuid(), user_data: SubjectUserData }),
    output: PersonFace,
  }),
  'person_faces.remove': op({
    summary: 'Remove a face added to a person from an upload.',
    access: 'host',
    effects: ['people'],
    input: z.object({ person_id: PersonId, persisted_face_id: z.uuid() }),
    output: Ok,
  }),
};
