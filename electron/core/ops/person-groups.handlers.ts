import type { personGroupOps } from '../../../shared/operations/person-groups.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { PersonGroup, TrainingState } from '../../../shared/domain/face-api-groups.ts';
import type { Library } from '../../../shared/domain/library.ts';
import { KindredError } from '../../../shared/errors.ts';
import { LibraryId, type FaceId, type PersonId } from '../../../shared/ids.ts';
import { iso } from '../catalogue/time.ts';
import { livePerson } from '../people/decisions.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';
import type { CoreContext } from './context.ts';
import { changed } from './changed.ts';

export function personGroupHandlers(ctx: CoreContext): HandlersOf<typeof personGroupOps> {
  const { catalogue, people: engine } = ctx;

  const groupOf = (lib: Library): PersonGroup => {
    const row = catalogue.faceApiGroups.byLibrary(lib.id);
    return {
      group_id: row?.id ?? lib.id,
      library_id: lib.id,
      name: row?.name ?? lib.name,
      user_data: row?.user_data ?? null,
      made_by_api: row?.made_by_api === 1,
      created_at: row ? iso(row.created_at) : lib.created_at,
    };
  };

  /** The library a group id stands for (its alias, or the library's own id); not found outside `within`. */
  const libraryOf = (groupId: string, within: LibraryId | undefined): Library => {
    const row = catalogue.faceApiGroups.byId(groupId);
    const id = row?.library_id ?? (LibraryId.safeParse(groupId).success ? (groupId as LibraryId) : undefined);
    const lib = id && catalogue.libraries.get(id);
    if (!lib || (within && lib.id !== within)) throw new KindredError('not_found', `No person group ${groupId}.`);
    return lib;
  };

  /** A library name for a new group: its own name, else one that says which group it is. */
  const freeName = (name: string, groupId: string): string => {
    for (const candidate of [name, `${name} (${groupId})`]) if (!catalogue.libraries.findByName(candidate)) return candidate;
    throw new KindredError('conflict', `A library named "${name}" already exists.`);
  };

  const training = (lib: Library): TrainingState => {
    // An import not yet finished (even paused) still has faces to place: the models are not current.
    const importing = catalogue.jobs.list({ active: true, libraryId: lib.id }).length > 0;
    const last = catalogue.trainings.get(lib.id);
    if (importing) return { status: 'running', created_at: last?.created_at ?? lib.created_at, last_action_at: last?.last_action_at ?? null, last_success_at: last?.last_success_at ?? null, message: null };
    // Kindred keeps person models current as faces arrive: never trained means up to date.
    return last ?? { status: 'succeeded', created_at: lib.created_at, last_action_at: null, last_success_at: null, message: null };
  };

  const personFace = (personId: PersonId, persistedFaceId: string) => {
    const f = catalogue.personFaces.get(persistedFaceId);
    if (!f || f.person_id !== personId) throw new KindredError('not_found', `No persisted face ${persistedFaceId} in person ${personId}.`);
    return f;
  };

  return {
    'person_groups.list': async ({ within }) => catalogue.libraries.list().filter((l) => !within || l.id === within).map(groupOf),
    'person_groups.get': async ({ group_id, within }) => groupOf(libraryOf(group_id, within)),

    'person_groups.create': ({ group_id, name, user_data }) =>
      engine.exclusive(() => {
        const taken = catalogue.faceApiGroups.byId(group_id) ?? (LibraryId.safeParse(group_id).success ? catalogue.libraries.get(group_id as LibraryId) : undefined);
        if (taken) throw new KindredError('conflict', `Person group ${group_id} already exists.`);
        const lib = catalogue.tx(() => {
          const made = catalogue.libraries.create(freeName(name, group_id));
          catalogue.faceApiGroups.insert({ id: group_id, libraryId: made.id, name, userData: user_data ?? null, madeByApi: true });
          return made;
        });
        ctx.events.emit('catalogue.changed', { library_id: lib.id, topics: ['libraries'] });
        return groupOf(lib);
      }),

    'person_groups.update': ({ group_id, name, user_data, within }) =>
      engine.exclusive(() => {
        const lib = libraryOf(group_id, within);
        catalogue.tx(() => {
          const row = catalogue.faceApiGroups.byLibrary(lib.id);
          if (!row) catalogue.faceApiGroups.insert({ id: lib.id, libraryId: lib.id, name: lib.name, userData: null, madeByApi: false });
          const id = row?.id ?? lib.id;
          // A group is a view onto a library: only a library the face API made is renamed with it.
          if (name !== undefined && row?.made_by_api === 1 && name !== row.name) catalogue.libraries.rename(lib.id, freeName(name, id));
          catalogue.faceApiGroups.update(id, { ...(name !== undefined ? { name } : {}), ...(user_data !== undefined ? { userData: user_data } : {}) });
        });
        ctx.events.emit('catalogue.changed', { library_id: lib.id, topics: ['libraries'] });
        return groupOf(catalogue.libraries.get(lib.id)!);
      }),

    'person_groups.delete': ({ group_id, within }) =>
      engine.exclusive(() => {
        const lib = libraryOf(group_id, within);
        if (catalogue.faceApiGroups.byLibrary(lib.id)?.made_by_api !== 1) {
          throw new KindredError('forbidden', `Person group ${group_id} is the library "${lib.name}", made in Kindred: only groups made through the face API can be deleted through it.`);
        }
        catalogue.tx(() => catalogue.libraries.delete(lib.id));
        engine.forget(lib.id);
        ctx.events.emit('catalogue.changed', { library_id: lib.id, topics: ['libraries', 'faces', 'people'] });
        return { ok: true as const };
      }),

    'person_groups.train': async ({ group_id, within }) => {
      const lib = libraryOf(group_id, within);
      catalogue.trainings.start(lib.id);
      const state = catalogue.trainings.get(lib.id)!;
      // The rebuild runs after this answer, in turn with other people work: a client polls training.
      setImmediate(() => {
        void engine
          .exclusive(() => engine.rebuild(lib.id))
          .then(
            () => catalogue.trainings.finish(lib.id, null),
            (err: unknown) => catalogue.trainings.finish(lib.id, err instanceof Error ? err.message : String(err)),
          )
          .catch(() => undefined); // the library went away meanwhile
      });
      return state;
    },
    'person_groups.training': async ({ group_id, within }) => training(libraryOf(group_id, within)),

    'face_api.user_data': async ({ subject_ids }) => {
      const kept = catalogue.faceApiUserData.get(subject_ids);
      return Object.fromEntries(subject_ids.map((id) => [id, kept.get(id) ?? null]));
    },
    'face_api.set_user_data': async ({ subject_id, user_data }) => {
      if (subject_id.startsWith('person_')) livePerson(catalogue, subject_id as PersonId);
      else if (!catalogue.faces.get(subject_id as FaceId)) throw new KindredError('not_found', `No face ${subject_id}.`);
      catalogue.faceApiUserData.set(subject_id, user_data);
      return { ok: true as const };
    },

    'person_faces.add': ({ person_id, detected_face_id, user_data }) =>
      engine.exclusive(() => {
        const { libraryId } = livePerson(catalogue, person_id);
        const d = catalogue.detectedFaces.vector(detected_face_id);
        if (!d) throw new KindredError('not_found', `Face ${detected_face_id} has expired or never existed.`);
        const id = crypto.randomUUID();
        catalogue.tx(() =>
          catalogue.personFaces.insert({ id, personId: person_id, libraryId, userData: user_data ?? null, box: d.box, imageHash: d.imageHash, embedding: d.embedding, embedder: EMBEDDER_MODEL }),
        );
        engine.touched(libraryId, [person_id]);
        changed(ctx, libraryId, ['people']);
        return catalogue.personFaces.get(id)!;
      }),
    'person_faces.list': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      return catalogue.personFaces.list(person_id);
    },
    'person_faces.update': async ({ person_id, persisted_face_id, user_data }) => {
      livePerson(catalogue, person_id);
      personFace(person_id, persisted_face_id);
      catalogue.personFaces.setUserData(persisted_face_id, user_data);
      return catalogue.personFaces.get(persisted_face_id)!;
    },
    'person_faces.remove': ({ person_id, persisted_face_id }) =>
      engine.exclusive(() => {
        const { libraryId } = livePerson(catalogue, person_id);
        personFace(person_id, persisted_face_id);
        catalogue.tx(() => catalogue.personFaces.delete(persisted_face_id));
        engine.touched(libraryId, [person_id]);
        changed(ctx, libraryId, ['people']);
        return { ok: true as const };
      }),
  };
}
