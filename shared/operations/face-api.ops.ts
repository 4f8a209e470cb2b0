import { z } from 'zod';
import { FaceId, PersonId } from '../ids.ts';
import { SubjectUserData } from '../domain/face-api-groups.ts';
import { op } from './define.ts';

// The cloud face API's userData: a client's own string kept on a person or a catalogued face.

const Ok = z.object({ ok: z.literal(true) });
const Subject = z.union([PersonId, FaceId]);

export const faceApiOps = {
  'face_api.user_data': op({
    summary: 'The face API’s userData of persons and catalogued faces (null where none is kept).',
    access: 'host',
    input: z.object({ subject_ids: z.array(Subject).max(10_000) }),
    output: z.record(z.string(), z.string().nullable()),
  }),
  'face_api.set_user_data': op({
    summary: 'Keep (or, with null, drop) the face API’s userData of a person or catalogued face.',
    access: 'host',
    input: z.object({ subject_id: Subject, user_data: SubjectUserData }),
    output: Ok,
  }),
};
