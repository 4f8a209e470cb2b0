import { z } from 'zod';
import { AssetId, LibraryId } from '../ids.ts';
import {
  DetectedFace,
  DetectTtl,
  FaceList,
  FaceListId,
  FaceListName,
  FaceListWithFaces,
  FaceRef,
  MAX_DETECT_BYTES,
  PersistedFaceId,
  UserData,
} from '../domain/face-api.ts';
import { op } from './define.ts';

// Operations behind the cloud face API: detect on uploaded images, saved face lists.

const Ok = z.object({ ok: z.literal(true) });

/**
 * Image bytes. Piped from unknown so the input still exports to JSON Schema (bytes only travel
 * in-process and through the REST host, never as JSON).
 */
const ImageBytes = z
  .unknown()
  .pipe(z.instanceof(Uint8Array, { message: 'expected the image as bytes (Uint8Array)' }))
  .refine((b) => b.byteLength > 0, 'the image is empty (0 bytes)')
  .refine((b) => b.byteLength <= MAX_DETECT_BYTES, `the image is larger than ${MAX_DETECT_BYTES / 1048576} MB`);

/**
 * The library the caller is limited to (a library-scoped API key): a face list bound to another
 * library, or to none, is then not found.
 */
const Within = LibraryId.optional();

export const faceApiOps = {
  'faces.detect': op({
    summary:
      'Find faces in image bytes (kept as detected faces until ttl_seconds pass) or report the catalogued faces of an asset (which never expire); largest face first.',
    access: 'host',
    input: z.union([
      z
        .object({
          image: ImageBytes,
          ttl_seconds: DetectTtl.default(86_400),
          /** false: report the faces without keeping them (no face ids). */
          keep: z.boolean().default(true),
        })
        .strict(),
      z.object({ asset_id: AssetId }).strict(),
    ], { error: 'give the image bytes (image) or a catalogued photo (asset_id)' }),
    output: z.array(DetectedFace),
  }),
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
