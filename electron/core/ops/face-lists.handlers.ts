import { randomUUID } from 'node:crypto';
import type { faceListOps } from '../../../shared/operations/face-lists.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { MAX_FACES_PER_LIST, type FaceList } from '../../../shared/domain/face-api.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import { embeddingOf } from '../people/recognition.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

export function faceListHandlers(ctx: CoreContext): HandlersOf<typeof faceListOps> {
  const { catalogue } = ctx;

  /** A face list the caller may see: with `within`, only one bound to that library (else not_found, as if absent). */
  const faceList = (id: string, within: LibraryId | undefined): FaceList => {
    const list = catalogue.faceLists.get(id);
    if (!list || (within && list.library_id !== within)) throw new KindredError('not_found', `No face list ${id}.`);
    return list;
  };

  return {

    'face_lists.create': async ({ face_list_id, name, user_data, library_id }) => {
      if (catalogue.faceLists.get(face_list_id)) throw new KindredError('conflict', `Face list ${face_list_id} already exists.`);
      if (library_id) found(catalogue.libraries.get(library_id), `library ${library_id}`);
      catalogue.faceLists.create({ id: face_list_id, name, userData: user_data ?? null, libraryId: library_id ?? null });
      return faceList(face_list_id, undefined);
    },

    'face_lists.get': async ({ face_list_id, library_id }) => {
      faceList(face_list_id, library_id);
      return catalogue.faceLists.withFaces(face_list_id)!;
    },

    'face_lists.list': async ({ library_id }) => catalogue.faceLists.list(library_id),

    'face_lists.update': async ({ face_list_id, name, user_data, library_id }) => {
      faceList(face_list_id, library_id);
      catalogue.faceLists.update(face_list_id, { ...(name !== undefined ? { name } : {}), ...(user_data !== undefined ? { userData: user_data } : {}) });
      return faceList(face_list_id, library_id);
    },

    'face_lists.delete': async ({ face_list_id, library_id }) => {
      faceList(face_list_id, library_id);
      catalogue.faceLists.delete(face_list_id);
      return { ok: true as const };
    },

    'face_lists.add_face': async ({ face_list_id, face_id, user_data, library_id }) => {
      const list = faceList(face_list_id, library_id);
      const face = embeddingOf(catalogue, face_id);
      if (list.library_id && face.libraryId && face.libraryId !== list.library_id) {
        throw new KindredError('invalid_input', `Face list ${face_list_id} belongs to library ${list.library_id}; face ${face_id} is from another library.`, [
          { path: 'face_id', message: 'from another library than the face list' },
        ]);
      }
      const id = randomUUID();
      const added = catalogue.faceLists.addFaceWithin(MAX_FACES_PER_LIST, {
        id,
        faceListId: face_list_id,
        sourceFaceId: face_id,
        userData: user_data ?? null,
        embedding: face.vec,
        embedder: EMBEDDER_MODEL,
      });
      if (!added) throw new KindredError('conflict', `Face list ${face_list_id} already holds ${MAX_FACES_PER_LIST} faces, the most a face list can.`);
      return { persisted_face_id: id };
    },

    'face_lists.update_face': async ({ face_list_id, persisted_face_id, user_data, library_id }) => {
      faceList(face_list_id, library_id);
      if (!catalogue.faceLists.setFaceUserData(face_list_id, persisted_face_id, user_data)) {
        throw new KindredError('not_found', `No persisted face ${persisted_face_id} in face list ${face_list_id}.`);
      }
      return { ok: true as const };
    },

    'face_lists.remove_face': async ({ face_list_id, persisted_face_id, library_id }) => {
      faceList(face_list_id, library_id);
      if (!catalogue.faceLists.removeFace(face_list_id, persisted_face_id)) {
        throw new KindredError('not_found', `No persisted face ${persisted_face_id} in face list ${face_list_id}.`);
      }
      return { ok: true as const };
    },
  };
}
