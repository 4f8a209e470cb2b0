import type { Handlers } from '../../../shared/contract.ts';
import { KindredError } from '../../../shared/errors.ts';
import { iso } from '../catalogue/time.ts';
import { detachByUser, facesInOneLibrary, livePerson } from '../people/decisions.ts';
import type { CoreContext } from './context.ts';
import { changed } from './changed.ts';

type RejectionOps = 'people.rejections' | 'people.reject' | 'people.unreject';

export function rejectionHandlers(ctx: CoreContext): Pick<Handlers, RejectionOps> {
  const { catalogue, people: engine } = ctx;

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
      engine.exclusive(() => {
        const { libraryId, faces } = facesOf(person_id, face_ids);
        catalogue.tx(() => {
          const inPerson = faces.filter((f) => f.person_id === person_id);
          engine.touched(libraryId, detachByUser(catalogue, inPerson, true));
          for (const f of faces) if (f.person_id !== person_id) catalogue.rejections.add(f.id, person_id);
          catalogue.people.fillMissingThumbnails(libraryId);
        });
        changed(ctx, libraryId);
        return faces.map((f) => catalogue.faces.get(f.id)!);
      }),

    'people.unreject': ({ person_id, face_ids }) =>
      engine.exclusive(() => {
        const { libraryId, faces } = facesOf(person_id, face_ids);
        catalogue.tx(() => {
          for (const f of faces) catalogue.rejections.remove(f.id, person_id);
        });
        changed(ctx, libraryId, ['faces']);
        return { ok: true as const };
      }),
  };
}
