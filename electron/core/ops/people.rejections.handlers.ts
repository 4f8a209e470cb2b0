import { KindredError } from '../../../shared/errors.ts';
import { iso } from '../catalogue/time.ts';
import { detachByUser, facesInOneLibrary, livePerson } from '../people/decisions.ts';
import type { rejectionOps } from '../../../shared/operations/people.rejections.ops.ts';
import type { CoreContext } from './context.ts';
import type { HandlersOf } from './handler-types.ts';
import { mutation } from './mutation.ts';

export function rejectionHandlers(ctx: CoreContext): HandlersOf<typeof rejectionOps> {
  const { catalogue } = ctx;

  /** The faces, all of the person's library. */
  const facesOf = (personId: Parameters<typeof livePerson>[1], faceIds: Parameters<typeof facesInOneLibrary>[1]) => {
    const { libraryId } = livePerson(catalogue, personId);
    const { faces } = facesInOneLibrary(catalogue, faceIds);
    if (faces[0]!.library_id !== libraryId) throw new KindredError('invalid_input', 'The faces belong to another library than the person.', [{ path: 'face_ids', message: 'other library' }]);
    return { libraryId, faces };
  };

  return {
    'people.rejections': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      return catalogue.rejections.listForPerson(person_id).map((r) => ({ face_id: r.face_id, person_id, created_at: iso(r.created_at) }));
    },

    'people.reject': ({ person_id, face_ids }) =>
      mutation(ctx, 'people.reject', (log) => {
        const { libraryId, faces } = facesOf(person_id, face_ids);
        const inPerson = faces.filter((f) => f.person_id === person_id);
        log.changed(libraryId, detachByUser(catalogue, inPerson, true));
        for (const f of faces) if (f.person_id !== person_id) catalogue.rejections.add(f.id, person_id);
        catalogue.people.fillMissingThumbnails(libraryId);
        return faces.map((f) => catalogue.faces.get(f.id)!);
      }),

    'people.unreject': ({ person_id, face_ids }) =>
      mutation(ctx, 'people.unreject', (log) => {
        const { libraryId, faces } = facesOf(person_id, face_ids);
        for (const f of faces) catalogue.rejections.remove(f.id, person_id);
        log.changed(libraryId);
        return { ok: true as const };
      }),
  };
}
