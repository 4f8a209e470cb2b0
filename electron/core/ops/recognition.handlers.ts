import type { Handlers } from '../../../shared/contract.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { chooseLibrary } from './library-choice.ts';
import { changed } from './changed.ts';
import { assignByUser, detachByUser, livePerson } from '../people/decisions.ts';
import { embeddingOf, findSimilarAmong, findSimilarInLibrary, findSimilarInList, groupFaceList, identify, verifyFacePerson, verifyFaces } from '../people/recognition.ts';
import type { FaceRef } from '../../../shared/domain/face-api.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { suggest } from '../people/suggestions.ts';
import { suggestPersonPairs } from '../people/person-suggestions.ts';
import { mergePeople } from '../people/merge.ts';

type RecognitionOps =
  | 'faces.verify' | 'faces.identify' | 'faces.find_similar' | 'faces.group'
  | 'suggestions.list' | 'suggestions.answer' | 'suggestions.people' | 'suggestions.answer_people';

/** Identify answers "is it anyone?" with the same bar as verify unless asked otherwise. */
const DEFAULT_IDENTIFY_THRESHOLD = 0.5;

export function recognitionHandlers(ctx: CoreContext): Pick<Handlers, RecognitionOps> {
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

    'suggestions.list': async ({ library_id, person_id, limit }) => {
      const lib = person_id ? livePerson(catalogue, person_id).libraryId : chooseLibrary(catalogue, library_id).id;
      if (library_id && lib !== library_id) throw new KindredError('not_found', `No person ${person_id} in library ${library_id}.`);
      return suggest(catalogue, engine, lib, person_id, limit);
    },

    'suggestions.people': async ({ library_id, person_id, limit }) => {
      const lib = person_id ? livePerson(catalogue, person_id).libraryId : chooseLibrary(catalogue, library_id).id;
      if (library_id && lib !== library_id) throw new KindredError('not_found', `No person ${person_id} in library ${library_id}.`);
      return suggestPersonPairs(catalogue, engine, lib, person_id, limit);
    },

    'suggestions.answer_people': ({ person_id, other_person_id, answer }) =>
      engine.exclusive(() => {
        const { libraryId } = livePerson(catalogue, person_id);
        if (livePerson(catalogue, other_person_id).libraryId !== libraryId) throw new KindredError('invalid_input', 'The two people are in different libraries.');
        if (person_id === other_person_id) throw new KindredError('invalid_input', 'A person is always the same person as themselves.', [{ path: 'other_person_id', message: 'same as person_id' }]);
        if (answer === 'no') {
          catalogue.personRejections.add(person_id, other_person_id);
          changed(ctx, libraryId, ['people']);
          return { ok: true as const, survivor: null };
        }
        const out = catalogue.tx(() => {
          const merged = mergePeople(catalogue, { target: person_id, sources: [other_person_id], nameFrom: 'target', birthDateFrom: 'target' });
          catalogue.people.fillMissingThumbnails(libraryId);
          return merged;
        });
        engine.touched(libraryId, out.changed);
        changed(ctx, libraryId);
        return { ok: true as const, survivor: catalogue.people.get(out.survivor)! };
      }),

    'suggestions.answer': ({ face_id, person_id, answer }) =>
      engine.exclusive(() => {
        const face = catalogue.faces.get(face_id);
        if (!face) throw new KindredError('not_found', `No face ${face_id}.`);
        const { libraryId } = livePerson(catalogue, person_id);
        if (libraryId !== face.library_id) throw new KindredError('invalid_input', 'The person belongs to another library than the face.');
        catalogue.tx(() => {
          if (answer === 'yes') engine.touched(libraryId, assignByUser(catalogue, [face], person_id));
          else if (face.person_id === person_id) engine.touched(libraryId, detachByUser(catalogue, [face], true));
          else catalogue.rejections.add(face_id, person_id);
          catalogue.people.deleteEmptyAuto(libraryId);
          catalogue.people.fillMissingThumbnails(libraryId);
        });
        changed(ctx, libraryId);
        return { ok: true as const };
      }),
  };
}
