import type { Handlers } from '../../../shared/contract.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { chooseLibrary } from './library-choice.ts';
import { changed } from './changed.ts';
import { assignByUser, facesInOneLibrary, livePerson, refreshStatus } from '../people/decisions.ts';
import { mergePeople, stripSnapshot, unmerge } from '../people/merge.ts';
import { removeProfileImages } from '../media/profile-images.ts';

type PeopleOps =
  | 'people.list' | 'people.get' | 'people.create' | 'people.update' | 'people.delete'
  | 'people.merge' | 'people.merges' | 'people.unmerge' | 'people.split' | 'people.recluster';

export function peopleHandlers(ctx: CoreContext): Pick<Handlers, PeopleOps> {
  const { catalogue, people: engine } = ctx;
  const person = (id: PersonId) => {
    livePerson(catalogue, id);
    return catalogue.people.get(id)!;
  };
  return {
    'people.list': async ({ library_id, include_hidden, query, evidence, sort, offset, limit }) =>
      catalogue.people.list({ libraryId: library_id, includeHidden: include_hidden, query, evidence, sort }, offset, limit),
    'people.get': async ({ person_id }) => person(person_id),

    'people.create': ({ library_id, name, birth_date, is_hidden, is_favorite, face_ids, thumbnail_face_id }) =>
      engine.exclusive(() => {
        if (birth_date) notInFuture(birth_date);
        const wanted = thumbnail_face_id && !face_ids.includes(thumbnail_face_id) ? [...face_ids, thumbnail_face_id] : face_ids;
        const faces = wanted.length ? facesInOneLibrary(catalogue, wanted) : null;
        const lib = library_id ?? faces?.libraryId ?? chooseLibrary(catalogue, undefined).id;
        if (library_id && faces && faces.libraryId !== library_id) throw new KindredError('invalid_input', 'The faces belong to another library.');
        if (!catalogue.libraries.get(lib)) throw new KindredError('not_found', `No library ${lib}.`);
        const id = catalogue.tx(() => {
          const id = catalogue.people.create({ libraryId: lib, name: name ?? null, birthDate: birth_date ?? null, isHidden: is_hidden, isFavorite: is_favorite, source: 'user_defined', status: 'confirmed' });
          if (faces) engine.touched(lib, assignByUser(catalogue, faces.faces, id));
          if (thumbnail_face_id) catalogue.people.update(id, { thumbnail_face_id });
          refreshStatus(catalogue, id);
          catalogue.people.fillMissingThumbnails(lib);
          return id;
        });
        changed(ctx, lib);
        return person(id);
      }),

    'people.update': ({ person_id, ...patch }) =>
      engine.exclusive(() => {
        const { libraryId } = livePerson(catalogue, person_id);
        if (patch.thumbnail_face_id) {
          const face = catalogue.faces.get(patch.thumbnail_face_id);
          if (!face) throw new KindredError('not_found', `No face ${patch.thumbnail_face_id}.`);
          if (face.person_id !== person_id) throw new KindredError('invalid_input', 'The cover face must be one of the person’s faces.', [{ path: 'thumbnail_face_id', message: 'not a face of this person' }]);
        }
        if (patch.birth_date) notInFuture(patch.birth_date);
        if (patch.name) {
          const other = catalogue.people.namedLike(libraryId, patch.name, person_id);
          if (other) {
            throw new KindredError('conflict', `${other.name} is already a person (${other.id}): merge the two instead of giving them one name.`, [{ path: 'name', message: 'another person has this name' }], {
              existingPerson: other,
            });
          }
        }
        catalogue.tx(() => {
          catalogue.people.update(person_id, patch);
          refreshStatus(catalogue, person_id);
          if (patch.thumbnail_face_id === null) catalogue.people.fillMissingThumbnails(libraryId);
        });
        // A birth date changes which exemplars the person keeps (one per age band) and who can be in old photos.
        if (patch.birth_date !== undefined) engine.touched(libraryId, [person_id]);
        changed(ctx, libraryId, ['people']);
        return person(person_id);
      }),

    'people.delete': ({ person_id }) =>
      engine.exclusive(() => {
        const { libraryId } = livePerson(catalogue, person_id);
        catalogue.tx(() => {
          // The user said this is not a person worth keeping: its faces stay out of automatic placement.
          catalogue.db.prepare(`UPDATE faces SET person_id = NULL, assignment = 'user', updated_at = ? WHERE person_id = ?`).run(Date.now(), person_id);
          catalogue.people.delete(person_id);
        });
        removeProfileImages(ctx.cacheDir, person_id);
        engine.touched(libraryId, [person_id]);
        changed(ctx, libraryId);
        return { ok: true as const };
      }),

    'people.merge': ({ target_person_id, source_person_ids, name_from, birth_date_from }) =>
      engine.exclusive(() => {
        const { libraryId } = livePerson(catalogue, target_person_id);
        const out = catalogue.tx(() => mergePeople(catalogue, { target: target_person_id, sources: source_person_ids, nameFrom: name_from, birthDateFrom: birth_date_from }));
        catalogue.tx(() => catalogue.people.fillMissingThumbnails(libraryId));
        engine.touched(libraryId, out.changed);
        changed(ctx, libraryId);
        return { person: person(out.survivor), merges: out.merges };
      }),

    'people.merges': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      return catalogue.merges.forTarget(person_id).map(stripSnapshot);
    },

    'people.unmerge': ({ merge_id }) =>
      engine.exclusive(() => {
        const { target, restored } = catalogue.tx(() => unmerge(catalogue, merge_id));
        const libraryId = catalogue.people.libraryOf(target)!;
        engine.touched(libraryId, [target, restored]);
        changed(ctx, libraryId);
        return { target: person(target), restored: person(restored) };
      }),

    'people.split': ({ face_ids, name }) =>
      engine.exclusive(() => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, face_ids);
        const id = catalogue.tx(() => {
          const id = catalogue.people.create({ libraryId, name: name ?? null, source: 'user_defined', status: 'confirmed' });
          engine.touched(libraryId, assignByUser(catalogue, faces, id));
          catalogue.people.deleteEmptyAuto(libraryId);
          catalogue.people.fillMissingThumbnails(libraryId);
          return id;
        });
        changed(ctx, libraryId);
        return person(id);
      }),

    'people.recluster': ({ library_id }) =>
      engine.exclusive(async () => {
        const lib = chooseLibrary(catalogue, library_id);
        const outcome = await engine.recluster(lib.id);
        changed(ctx, lib.id);
        return outcome;
      }),
  };
}

function notInFuture(birthDate: string): void {
  if (birthDate > new Date().toISOString().slice(0, 10)) {
    throw new KindredError('invalid_input', 'A birth date cannot be in the future.', [{ path: 'birth_date', message: 'in the future' }]);
  }
}
