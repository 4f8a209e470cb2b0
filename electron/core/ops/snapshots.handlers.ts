import { randomUUID } from 'node:crypto';
import type { snapshotOps } from '../../../shared/operations/snapshots.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { OperationState, Snapshot } from '../../../shared/domain/face-api-groups.ts';
import { KindredError } from '../../../shared/errors.ts';
import { LibraryId } from '../../../shared/ids.ts';
import type { SnapshotRecord } from '../catalogue/face-api-snapshot.repository.ts';
import type { CoreContext } from './context.ts';
import { mutation, type ChangeLog } from './mutation.ts';
import { applyGroup, applyList, groupSnapshot, isGroupType, listSnapshot, readSnapshot, removeSnapshot, writeSnapshot } from './snapshot-file.ts';

/** As in the cloud API: a snapshot is kept for 48 hours. */
const SNAPSHOT_TTL_MS = 48 * 3600 * 1000;

const publicOf = ({ library_id: _lib, ...s }: SnapshotRecord): Snapshot => s;

export function snapshotHandlers(ctx: CoreContext): HandlersOf<typeof snapshotOps> {
  const { catalogue, people: engine, snapshotsDir } = ctx;
  const dim = engine.params.embeddingDim;

  const purge = () => {
    for (const id of catalogue.snapshots.expired()) {
      catalogue.snapshots.delete(id);
      removeSnapshot(snapshotsDir, id);
    }
  };
  /** A snapshot the caller may see: one taken with a library-scoped key belongs to that library. */
  const snapshot = (id: string, within: LibraryId | undefined): SnapshotRecord => {
    purge();
    const s = catalogue.snapshots.get(id);
    if (!s || (within && s.library_id !== within)) throw new KindredError('not_found', `No snapshot ${id} (snapshots expire after 48 hours).`);
    return s;
  };

  /** The library a person group id stands for (a client's alias or a library id). */
  const groupLibrary = (groupId: string, within: LibraryId | undefined) => {
    const id = catalogue.faceApiGroups.byId(groupId)?.library_id ?? (LibraryId.safeParse(groupId).success ? (groupId as LibraryId) : undefined);
    const lib = id && catalogue.libraries.get(id);
    if (!lib || (within && lib.id !== within)) throw new KindredError('not_found', `No person group ${groupId}.`);
    return lib;
  };

  /** Run `work` after answering, as a mutation (in turn with every other change), and record how it went. */
  const operation = (within: LibraryId | undefined, op: 'snapshots.take' | 'snapshots.apply', work: (log: ChangeLog) => string): OperationState => {
    const id = randomUUID();
    catalogue.faceApiOperations.start(id, within ?? null);
    setImmediate(() => {
      void mutation(ctx, op, work)
        .then(
          (resourceLocation) => catalogue.faceApiOperations.finish(id, { resourceLocation }),
          (err: unknown) => catalogue.faceApiOperations.finish(id, { error: err instanceof Error ? err.message : String(err) }),
        )
        .catch(() => undefined);
    });
    const { library_id: _lib, ...state } = catalogue.faceApiOperations.get(id)!;
    return state;
  };

  return {
    'snapshots.take': async ({ type, object_id, apply_scope, user_data, within }) => {
      // Check what is taken before answering: a missing group or list is the caller's 404, not a failed operation.
      const lib = isGroupType(type) ? groupLibrary(object_id, within) : undefined;
      if (!lib) {
        const list = catalogue.faceLists.get(object_id);
        if (!list || (within && list.library_id !== within)) throw new KindredError('not_found', `No face list ${object_id}.`);
      }
      return operation(within, 'snapshots.take', () => {
        const id = randomUUID();
        const data = lib
          ? groupSnapshot(catalogue, type, lib.id, catalogue.faceApiGroups.byLibrary(lib.id)?.name ?? lib.name, catalogue.faceApiGroups.byLibrary(lib.id)?.user_data ?? null, dim)
          : listSnapshot(catalogue, type, object_id, dim);
        writeSnapshot(snapshotsDir, id, data);
        catalogue.snapshots.insert({ id, type, sourceId: object_id, applyScope: apply_scope, userData: user_data ?? null, libraryId: within ?? null, expiresAt: Date.now() + SNAPSHOT_TTL_MS });
        return `/snapshots/${id}`;
      });
    },

    'snapshots.list': async ({ type, apply_scope, within }) => {
      purge();
      return catalogue.snapshots
        .list()
        .filter((s) => (!within || s.library_id === within) && (!type || s.type === type) && (!apply_scope || apply_scope.some((a) => s.apply_scope.includes(a))))
        .map(publicOf);
    },
    'snapshots.get': async ({ snapshot_id, within }) => publicOf(snapshot(snapshot_id, within)),
    'snapshots.update': async ({ snapshot_id, apply_scope, user_data, within }) => {
      snapshot(snapshot_id, within);
      catalogue.snapshots.update(snapshot_id, { ...(apply_scope ? { applyScope: apply_scope } : {}), ...(user_data !== undefined ? { userData: user_data } : {}) });
      return publicOf(catalogue.snapshots.get(snapshot_id)!);
    },
    'snapshots.delete': async ({ snapshot_id, within }) => {
      snapshot(snapshot_id, within);
      catalogue.snapshots.delete(snapshot_id);
      removeSnapshot(snapshotsDir, snapshot_id);
      return { ok: true as const };
    },

    'snapshots.apply': async ({ snapshot_id, object_id, within }) => {
      const s = snapshot(snapshot_id, within);
      const group = isGroupType(s.type);
      if (group && within) throw new KindredError('forbidden', 'A key limited to one library cannot make a new person group (a new library).');
      const taken = group
        ? catalogue.faceApiGroups.byId(object_id) ?? (LibraryId.safeParse(object_id).success ? catalogue.libraries.get(object_id as LibraryId) : undefined)
        : catalogue.faceLists.get(object_id);
      if (taken) throw new KindredError('conflict', `${group ? 'Person group' : 'Face list'} ${object_id} already exists.`);
      const data = readSnapshot(snapshotsDir, snapshot_id);
      return operation(within, 'snapshots.apply', (log) => {
        if (!group) {
          applyList(catalogue, data, object_id, within ?? null);
          return `/${s.type === 'FaceList' ? 'facelists' : 'largefacelists'}/${object_id}`;
        }
        const name = [data.name, `${data.name} (${object_id})`].find((n) => !catalogue.libraries.findByName(n));
        if (!name) throw new KindredError('conflict', `A library named "${data.name}" already exists.`);
        const lib = catalogue.libraries.create(name);
        catalogue.faceApiGroups.insert({ id: object_id, libraryId: lib.id, name: data.name, userData: data.user_data, madeByApi: true });
        applyGroup(catalogue, data, lib.id, snapshot_id);
        log.changed(lib.id);
        return `/${s.type === 'PersonGroup' ? 'persongroups' : 'largepersongroups'}/${object_id}`;
      });
    },
  };
}
