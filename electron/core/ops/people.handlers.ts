import type { PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { peopleOps } from '../../../shared/operations/people.ops.ts';
import type { CoreContext } from './context.ts';
import type { HandlersOf } from './handler-types.ts';
import { chooseLibrary } from '../catalogue/library-choice.ts';
import { mutation } from './mutation.ts';
import { assignByUser, facesInOneLibrary, livePerson, refreshStatus } from '../people/decisions.ts';
import { mergePeople, stripSnapshot, unmerge } from '../people/merge.ts';
import { removeProfileImages } from '../media/profile-images.ts';

export function peopleHandlers(ctx: CoreContext): HandlersOf<typeof peopleOps> {
  const { catalogue, people: engine } = ctx;
  const person = (id: PersonId) => {
    livePerson(catalogue, id);
    return catalogue.people.get(id)!;
  };
  return {
    'people.list': async ({ library_id, include_hidden, query, named, evidence, sort, offset, limit, after_id, before_id }) =>
      catalogue.people.list({ libraryId: library_id, includeHidden: include_hidden, query, named, evidence, sort }, offset, limit, { afterId: after_id, beforeId: before_id }),
    'people.get': async ({ person_id }) => person(person_id),

    'people.create': ({ library_id, name, birth_date, is_hidden, is_favorite, face_ids, thumbnail_face_id }) =>
      mutation(ctx, 'people.create', (log) => {
        if (birth_date) notInFuture(birth_date);
        const wanted = thumbnail_face_id && !face_ids.includes(thumbnail_face_id) ? [...face_ids, thumbnail_face_id] : face_ids;
        const faces = wanted.length ? facesInOneLibrary(catalogue, wanted) : null;
        const lib = library_id ?? faces?.libraryId ?? chooseLibrary(catalogue, undefined).id;
        if (library_id && faces && faces.libraryId !== library_id) throw new KindredError('invalid_input', 'The faces belong to another library.');
        if (!catalogue.libraries.get(lib)) throw new KindredError('not_found', `No library ${lib}.`);
        const id = catalogue.people.create({ libraryId: lib, name: name ?? null, birthDate: birth_date ?? null, isHidden: is_hidden, isFavorite: is_favorite, source: 'user_defined', status: 'confirmed' });
        log.changed(lib, faces ? assignByUser(catalogue, faces.faces, id) : []);
        if (thumbnail_face_id) catalogue.people.update(id, { thumbnail_face_id });
        refreshStatus(catalogue, id);
        catalogue.people.fillMissingThumbnails(lib);
        return person(id);
      }),

    'people.update': ({ person_id, ...patch }) =>
      mutation(ctx, 'people.update', (log) => {
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
        catalogue.people.update(person_id, patch);
        refreshStatus(catalogue, person_id);
        if (patch.thumbnail_face_id === null) catalogue.people.fillMissingThumbnails(libraryId);
        // A birth date changes which exemplars the person keeps (one per age band) and who can be in old photos.
        log.changed(libraryId, patch.birth_date !== undefined ? [person_id] : []);
        return person(person_id);
      }),

    'people.delete': ({ person_id }) =>
      mutation(ctx, 'people.delete', (log) => {
        const { libraryId } = livePerson(catalogue, person_id);
        // The user said this is not a person worth keeping: its faces stay out of automatic placement.
        catalogue.faces.releaseAsUserDecision(person_id);
        catalogue.people.delete(person_id);
        log.afterCommit(() => removeProfileImages(ctx.cacheDir, person_id));
        log.changed(libraryId, [person_id]);
        return { ok: true as const };
      }),

    'people.merge': ({ target_person_id, source_person_ids, name_from, birth_date_from }) =>
      mutation(ctx, 'people.merge', (log) => {
        const { libraryId } = livePerson(catalogue, target_person_id);
        const out = mergePeople(catalogue, { target: target_person_id, sources: source_person_ids, nameFrom: name_from, birthDateFrom: birth_date_from });
        catalogue.people.fillMissingThumbnails(libraryId);
        log.changed(libraryId, out.changed);
        return { person: person(out.survivor), merges: out.merges };
      }),

    'people.merges': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      return catalogue.merges.forTarget(person_id).map(stripSnapshot);
    },

    'people.unmerge': ({ merge_id }) =>
      mutation(ctx, 'people.unmerge', (log) => {
        const { target, restored } = unmerge(catalogue, merge_id);
        log.changed(catalogue.people.libraryOf(target)!, [target, restored]);
        return { target: person(target), restored: person(restored) };
      }),

    'people.split': ({ face_ids, name }) =>
      mutation(ctx, 'people.split', (log) => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, face_ids);
        const id = catalogue.people.create({ libraryId, name: name ?? null, source: 'user_defined', status: 'confirmed' });
        log.changed(libraryId, assignByUser(catalogue, faces, id));
        catalogue.people.deleteEmptyAuto(libraryId);
        catalogue.people.fillMissingThumbnails(libraryId);
        return person(id);
      }),

    'people.recluster': ({ library_id }) => {
      const lib = chooseLibrary(catalogue, library_id);
      return mutation(ctx, 'people.recluster', {
        prepare: () => engine.planRecluster(lib.id),
        write: (plan, log) => {
          log.changed(lib.id);
          return engine.writeRecluster(plan);
        },
      });
    },
  };
}

function notInFuture(birthDate: string): void {
  if (birthDate > new Date().toISOString().slice(0, 10)) {
    throw new KindredError('invalid_input', 'A birth date cannot be in the future.', [{ path: 'birth_date', message: 'in the future' }]);
  }
}
