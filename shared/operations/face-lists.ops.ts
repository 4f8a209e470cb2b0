import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { FaceList, FaceListId, FaceListName, FaceListWithFaces, FaceRef, PersistedFaceId, UserData } from '../domain/face-api.ts';
import { op } from './define.ts';

// The cloud face API's face lists: saved faces (their embeddings, never images) a client searches.

const Ok = z.object({ ok: z.literal(true) });

/**
 * The library the caller is limited to (a library-scoped API key): a face list bound to another
 * library, or to none, is then not found.
 */
const Within = LibraryId.optional();

export const faceListOps = {
  'face_lists.create': op({
    summary: 'Create an empty face list under an id the caller chooses.',
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, name: FaceListName, user_data: UserData.nullable().optional(), library_id: Within }),
    output: FaceList,
  }),
  'face_lists.get': op({
    summary: 'A face list with its persisted faces, oldest first.',
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, library_id: Within }),
    output: FaceListWithFaces,
  }),
  'face_lists.list': op({
    summary: 'Face lists by id (only those of library_id when given).',
    access: 'renderer',
    input: z.object({ library_id: Within }),
    output: z.array(FaceList),
  }),
  'face_lists.update': op({
    summary: 'Rename a face list or change its user data.',
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, name: FaceListName.optional(), user_data: UserData.nullable().optional(), library_id: Within }),
    output: FaceList,
  }),
  'face_lists.delete': op({
    summary: 'Delete a face list and its persisted faces (the faces they were copied from stay).',
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, library_id: Within }),
    output: Ok,
  }),
  'face_lists.add_face': op({
    summary: "Copy a face's embedding into a face list, where it never expires (up to 1000 faces per list).",
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, face_id: FaceRef, user_data: UserData.nullable().optional(), library_id: Within }),
    output: z.object({ persisted_face_id: PersistedFaceId }),
  }),
  'face_lists.update_face': op({
    summary: 'Change the user data of a persisted face of a face list.',
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, persisted_face_id: PersistedFaceId, user_data: UserData.nullable(), library_id: Within }),
    output: Ok,
  }),
  'face_lists.remove_face': op({
    summary: 'Remove a persisted face from a face list.',
    access: 'renderer',
    input: z.object({ face_list_id: FaceListId, persisted_face_id: PersistedFaceId, library_id: Within }),
    output: Ok,
  }),
};
