import { KindredError } from '../../../shared/errors.ts';
import type { suggestionOps } from '../../../shared/operations/suggestions.ops.ts';
import type { CoreContext } from './context.ts';
import type { HandlersOf } from './handler-types.ts';
import { chooseLibrary } from '../catalogue/library-choice.ts';
import { mutation } from './mutation.ts';
import { assignByUser, detachByUser, livePerson } from '../people/decisions.ts';
import { mergePeople } from '../people/merge.ts';
import { suggestPersonPairs } from '../people/person-suggestions.ts';
import { suggest } from '../people/suggestions.ts';

export function suggestionHandlers(ctx: CoreContext): HandlersOf<typeof suggestionOps> {
  const { catalogue, people: engine } = ctx;
  return {
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
      mutation(ctx, 'suggestions.answer_people', (log) => {
        const { libraryId } = livePerson(catalogue, person_id);
        if (livePerson(catalogue, other_person_id).libraryId !== libraryId) throw new KindredError('invalid_input', 'The two people are in different libraries.');
        if (person_id === other_person_id) throw new KindredError('invalid_input', 'A person is always the same person as themselves.', [{ path: 'other_person_id', message: 'same as person_id' }]);
        if (answer === 'no') {
          catalogue.personRejections.add(person_id, other_person_id);
          log.changed(libraryId);
          return { ok: true as const, survivor: null };
        }
        const merged = mergePeople(catalogue, { target: person_id, sources: [other_person_id], nameFrom: 'target', birthDateFrom: 'target' });
        catalogue.people.fillMissingThumbnails(libraryId);
        log.changed(libraryId, merged.changed);
        return { ok: true as const, survivor: catalogue.people.get(merged.survivor)! };
      }),
    'suggestions.answer': ({ face_id, person_id, answer }) =>
      mutation(ctx, 'suggestions.answer', (log) => {
        const face = catalogue.faces.get(face_id);
        if (!face) throw new KindredError('not_found', `No face ${face_id}.`);
        const { libraryId } = livePerson(catalogue, person_id);
        if (libraryId !== face.library_id) throw new KindredError('invalid_input', 'The person belongs to another library than the face.');
        if (answer === 'yes') log.changed(libraryId, assignByUser(catalogue, [face], person_id));
        else if (face.person_id === person_id) log.changed(libraryId, detachByUser(catalogue, [face], true));
        else {
          catalogue.rejections.add(face_id, person_id);
          log.changed(libraryId);
        }
        catalogue.people.deleteEmptyAuto(libraryId);
        catalogue.people.fillMissingThumbnails(libraryId);
        return { ok: true as const };
      }),
  };
}
