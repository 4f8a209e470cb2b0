import type { faceApiOps } from '../../../shared/operations/face-api.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { FaceId, PersonId } from '../../../shared/ids.ts';
import { livePerson } from '../people/decisions.ts';
import type { CoreContext } from './context.ts';

export function faceApiHandlers(ctx: CoreContext): HandlersOf<typeof faceApiOps> {
  const { catalogue } = ctx;
  return {
    'face_api.user_data': async ({ subject_ids }) => {
      const kept = catalogue.faceApiUserData.get(subject_ids);
      return Object.fromEntries(subject_ids.map((id) => [id, kept.get(id) ?? null]));
    },
    'face_api.set_user_data': async ({ subject_id, user_data }) => {
      if (subject_id.startsWith('person_')) livePerson(catalogue, subject_id as PersonId);
      else if (!catalogue.faces.get(subject_id as FaceId)) throw new KindredError('not_found', `No face ${subject_id}.`);
      catalogue.faceApiUserData.set(subject_id, user_data);
      return { ok: true as const };
    },
  };
}
