import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { chooseLibrary } from '../catalogue/library-choice.ts';
import type { HandlersOf } from './handler-types.ts';
import type { faceRecognitionOps } from '../../../shared/operations/faces.recognition.ops.ts';
import { embeddingOf, findSimilarAmong, findSimilarInLibrary, findSimilarInList, groupFaceList, identify, verifyFacePerson, verifyFaces } from '../people/recognition.ts';
import type { FaceRef } from '../../../shared/domain/face-api.ts';
import type { LibraryId } from '../../../shared/ids.ts';

/** Identify answers "is it anyone?" with the same bar as verify unless asked otherwise. */
const DEFAULT_IDENTIFY_THRESHOLD = 0.5;

export function faceRecognitionHandlers(ctx: CoreContext): HandlersOf<typeof faceRecognitionOps> {
  const { catalogue, people: engine } = ctx;

  /** The library of the faces when none is named; a detected face has none, so then the caller must say. */
  const libraryOfFaces = (ids: readonly FaceRef[]): LibraryId => {
    const libs = new Set(ids.map((id) => embeddingOf(catalogue, id).libraryId));
    const [lib] = libs;
    if (lib && libs.size === 1) return lib;
    const why = libs.has(null) ? 'Faces from detect belong to no library' : 'The faces belong to different libraries';
    throw new KindredError('invalid_input', `${why}: say which people to compare with (library_id, the personGroupId).`, [
      { path: 'library_id', message: 'required for faces from detect or from several libraries' },
    ]);
  };

  return {
    'faces.verify': async (input) =>
      'face_id1' in input
        ? verifyFaces(catalogue, input.face_id1, input.face_id2)
        : verifyFacePerson(catalogue, engine, input.face_id, input.person_id, input.library_id),

    'faces.identify': async ({ face_ids, library_id, max_candidates, confidence_threshold }) => {
      const lib = library_id ?? libraryOfFaces(face_ids);
      chooseLibrary(catalogue, lib);
      return identify(catalogue, engine, face_ids, lib, max_candidates, confidence_threshold ?? DEFAULT_IDENTIFY_THRESHOLD);
    },

    'faces.find_similar': async ({ face_id, face_ids, face_list_id, library_id, max_candidates, mode }) => {
      if (face_list_id) return findSimilarInList(catalogue, face_id, face_list_id, max_candidates, mode);
      if (face_ids) return findSimilarAmong(catalogue, face_id, face_ids, max_candidates, mode);
      const lib = library_id ?? libraryOfFaces([face_id]);
      chooseLibrary(catalogue, lib);
      return findSimilarInLibrary(catalogue, face_id, lib, max_candidates, mode);
    },

    'faces.group': async ({ face_ids }) => groupFaceList(catalogue, face_ids, engine.params.linkThreshold),
  };
}
