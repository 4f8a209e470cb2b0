import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { OperationState, Snapshot, SnapshotType, SubjectUserData } from '../domain/face-api-groups.ts';
import { op } from './define.ts';

// The cloud face API's snapshots: take = write a person group or face list (names, userData and
// face embeddings; never images) to a snapshot file; apply = make a new group or list from one.
// Both run in the background as operations a client polls. `within`: an API key's library.

const Ok = z.object({ ok: z.literal(true) });
const Within = LibraryId.optional();
const ApplyScope = z.array(z.uuid()).min(1).max(100);

export const snapshotOps = {
  'snapshots.take': op({
    summary: 'Start writing a snapshot of a person group or face list; the operation says when it is there.',
    access: 'host',
    effects: [],
    input: z.object({ type: SnapshotType, object_id: z.string().min(1).max(64), apply_scope: ApplyScope, user_data: SubjectUserData.optional(), within: Within }),
    output: OperationState,
  }),
  'snapshots.list': op({
    summary: 'Snapshots not yet expired, oldest first (of one type, or one apply scope, when given).',
    access: 'host',
    input: z.object({ type: SnapshotType.optional(), apply_scope: z.array(z.uuid()).max(100).optional(), within: Within }),
    output: z.array(Snapshot),
  }),
  'snapshots.get': op({ summary: 'One snapshot.', access: 'host', input: z.object({ snapshot_id: z.uuid(), within: Within }), output: Snapshot }),
  'snapshots.update': op({
    summary: 'Change a snapshot’s apply scope or userData.',
    access: 'host',
    input: z.object({ snapshot_id: z.uuid(), apply_scope: ApplyScope.optional(), user_data: SubjectUserData.optional(), within: Within }),
    output: Snapshot,
  }),
  'snapshots.delete': op({ summary: 'Delete a snapshot and its file.', access: 'host', input: z.object({ snapshot_id: z.uuid(), within: Within }), output: Ok }),
  'snapshots.apply': op({
    summary: 'Start making a new person group (a library) or face list, under object_id, from a snapshot.',
    access: 'host',
    effects: ['libraries', 'people'],
    input: z.object({ snapshot_id: z.uuid(), object_id: z.string().regex(/^[a-z0-9_-]{1,64}$/), mode: z.literal('CreateNew').default('CreateNew'), within: Within }),
    output: OperationState,
  }),
};
