import { z } from 'zod';
import { FaceId, PersonId } from '../ids.ts';
import { Face } from '../domain/face.ts';
import { Timestamp } from '../domain/common.ts';
import { op } from './define.ts';

// "Not this person": the cannot-links between faces and people that no automatic run crosses, as
// operations of their own so the photo-library API (and scripts) can list, add and lift them.

const FaceIds = z.array(FaceId).min(1).max(10_000);

export const Rejection = z.object({ face_id: FaceId, person_id: PersonId, created_at: Timestamp });
export type Rejection = z.infer<typeof Rejection>;

export const rejectionOps = {
  'people.rejections': op({
    summary: 'The faces the user said are not this person, newest first.',
    access: 'renderer',
    input: z.object({ person_id: PersonId }),
    output: z.array(Rejection),
  }),
  'people.reject': op({
    summary: '"Not this person" for faces of the person’s library: those in the person leave it; none is put back by any later run.',
    access: 'renderer',
    effects: ['faces', 'people'],
    input: z.object({ person_id: PersonId, face_ids: FaceIds }),
    output: z.array(Face),
  }),
  'people.unreject': op({
    summary: 'Lift "not this person": the faces may be placed in the person again (they stay where they are now).',
    access: 'renderer',
    effects: ['faces'],
    input: z.object({ person_id: PersonId, face_ids: FaceIds }),
    output: z.object({ ok: z.literal(true) }),
  }),
};
