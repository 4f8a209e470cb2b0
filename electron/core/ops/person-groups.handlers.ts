import type { personGroupOps } from '../../../shared/operations/person-groups.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { PersonGroup, TrainingState } from '../../../shared/domain/face-api-groups.ts';
import type { Library } from '../../../shared/domain/library.ts';
import { KindredError } from '../../../shared/errors.ts';
import { LibraryId } from '../../../shared/ids.ts';
import { iso } from '../catalogue/time.ts';
import type { CoreContext } from './context.ts';
import { mutation } from './mutation.ts';

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

  return {
    'person_groups.list': async ({ within }) => catalogue.libraries.list().filter((l) => !within || l.id === within).map(groupOf),
    'person_groups.get': async ({ group_id, within }) => groupOf(libraryOf(group_id, within)),

    'person_groups.create': ({ group_id, name, user_data }) =>
      mutation(ctx, 'person_groups.create', (log) => {
        const taken = catalogue.faceApiGroups.byId(group_id) ?? (LibraryId.safeParse(group_id).success ? catalogue.libraries.get(group_id as LibraryId) : undefined);
        if (taken) throw new KindredError('conflict', `Person group ${group_id} already exists.`);
        const lib = catalogue.libraries.create(freeName(name, group_id));
        catalogue.faceApiGroups.insert({ id: group_id, libraryId: lib.id, name, userData: user_data ?? null, madeByApi: true });
        log.changed(lib.id);
        return groupOf(lib);
      }),

    'person_groups.update': ({ group_id, name, user_data, within }) =>
      mutation(ctx, 'person_groups.update', (log) => {
        const lib = libraryOf(group_id, within);
        const row = catalogue.faceApiGroups.byLibrary(lib.id);
        if (!row) catalogue.faceApiGroups.insert({ id: lib.id, libraryId: lib.id, name: lib.name, userData: null, madeByApi: false });
        const id = row?.id ?? lib.id;
        // A group is a view onto a library: only a library the face API made is renamed with it.
        if (name !== undefined && row?.made_by_api === 1 && name !== row.name) catalogue.libraries.rename(lib.id, freeName(name, id));
        catalogue.faceApiGroups.update(id, { ...(name !== undefined ? { name } : {}), ...(user_data !== undefined ? { userData: user_data } : {}) });
        log.changed(lib.id);
        return groupOf(catalogue.libraries.get(lib.id)!);
      }),

    'person_groups.delete': ({ group_id, within }) =>
      mutation(ctx, 'person_groups.delete', (log) => {
        const lib = libraryOf(group_id, within);
        if (catalogue.faceApiGroups.byLibrary(lib.id)?.made_by_api !== 1) {
          throw new KindredError('forbidden', `Person group ${group_id} is the library "${lib.name}", made in Kindred: only groups made through the face API can be deleted through it.`);
        }
        catalogue.libraries.delete(lib.id);
        log.afterCommit(() => engine.forget(lib.id));
        log.changed(lib.id);
        return { ok: true as const };
      }),

    'person_groups.train': async ({ group_id, within }) => {
      const lib = libraryOf(group_id, within);
      catalogue.trainings.start(lib.id);
      const state = catalogue.trainings.get(lib.id)!;
      // The rebuild runs after this answer, in turn with other people work: a client polls training.
      setImmediate(() => {
        void engine
          .retrain(lib.id)
          .then(
            () => catalogue.trainings.finish(lib.id, null),
            (err: unknown) => catalogue.trainings.finish(lib.id, err instanceof Error ? err.message : String(err)),
          )
          .catch(() => undefined); // the library went away meanwhile
      });
      return state;
    },
    'person_groups.training': async ({ group_id, within }) => training(libraryOf(group_id, within)),
  };
}
