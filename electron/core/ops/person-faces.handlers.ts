import type { personFaceOps } from '../../../shared/operations/person-faces.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { livePerson } from '../people/decisions.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';
import type { CoreContext } from './context.ts';
import { mutation } from './mutation.ts';

export function personFaceHandlers(ctx: CoreContext): HandlersOf<typeof personFaceOps> {
  const { catalogue } = ctx;

  const personFace = (personId: PersonId, persistedFaceId: string) => {
    const f = catalogue.personFaces.get(persistedFaceId);
    if (!f || f.person_id !== personId) throw new KindredError('not_found', `No persisted face ${persistedFaceId} in person ${personId}.`);
    return f;
  };

  return {
    'person_faces.add': ({ person_id, detected_face_id, user_data }) =>
      mutation(ctx, 'person_faces.add', (log) => {
        const { libraryId } = livePerson(catalogue, person_id);
        const d = catalogue.detectedFaces.vector(detected_face_id);
        if (!d) throw new KindredError('not_found', `Face ${detected_face_id} has expired or never existed.`);
        const id = crypto.randomUUID();
        catalogue.personFaces.insert({ id, personId: person_id, libraryId, userData: user_data ?? null, box: d.box, imageHash: d.imageHash, embedding: d.embedding, embedder: EMBEDDER_MODEL });
        log.changed(libraryId, [person_id]);
        return catalogue.personFaces.get(id)!;
      }),
    'person_faces.list': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      return catalogue.personFaces.list(person_id);
    },
    'person_faces.update': async ({ person_id, persisted_face_id, user_data }) => {
      livePerson(catalogue, person_id);
      personFace(person_id, persisted_face_id);
      catalogue.personFaces.setUserData(persisted_face_id, user_data);
      return catalogue.personFaces.get(persisted_face_id)!;
    },
    'person_faces.remove': ({ person_id, persisted_face_id }) =>
      mutation(ctx, 'person_faces.remove', (log) => {
        const { libraryId } = livePerson(catalogue, person_id);
        personFace(person_id, persisted_face_id);
        catalogue.personFaces.delete(persisted_face_id);
        log.changed(libraryId, [person_id]);
        return { ok: true as const };
      }),
  };
}
