import { z } from 'zod';
import { SnapshotType, type OperationState, type Snapshot } from '../domain/face-api-groups.ts';
import { route, withHeaders, type RestRoute } from './define.ts';
import { Empty, FACE_BASE, UserDataIn, Uuid } from './face-api.common.ts';
import { asCloud } from './face-api.errors.ts';

// Snapshots copy a person group or face list: take writes its persons and faces (embeddings and
// userData, never images) to a snapshot file in Kindred's data folder; apply makes a new group (a
// library) or list from it. Both answer 202 with an Operation-Location to poll. There are no
// subscriptions here, so applyScope is kept and returned but does not limit who applies.

/** What the cloud API calls the account a snapshot belongs to: this machine's Kindred. */
const ACCOUNT = 'kindred-local';

const SnapshotReply = z.object({
  id: Uuid,
  account: z.string(),
  type: SnapshotType,
  applyScope: z.array(Uuid),
  userData: z.string().nullable(),
  createdTime: z.string(),
  lastUpdateTime: z.string(),
});
const OperationReply = z.object({
  status: z.enum(['notstarted', 'running', 'succeeded', 'failed']),
  createdTime: z.string(),
  lastActionTime: z.string().nullable(),
  resourceLocation: z.string().nullable(),
  message: z.string().nullable(),
});

const snapshotReply = (s: Snapshot) => ({ id: s.id, account: ACCOUNT, type: s.type, applyScope: s.apply_scope, userData: s.user_data, createdTime: s.created_at, lastUpdateTime: s.updated_at });
const started = (op: OperationState) => withHeaders(undefined, { 'Operation-Location': `/operations/${op.id}` });
const within = (scope: string | null) => (scope ? { within: scope as `library_${string}` } : {});
const One = z.object({ snapshotId: Uuid });
const ApplyScope = z.array(Uuid).min(1).max(100);

export const snapshotRoutes: RestRoute[] = [
  route({
    api: 'face', method: 'POST', path: `${FACE_BASE}/snapshots`,
    summary: 'Take a snapshot of a person group, large person group, face list or large face list.',
    description: 'Answers 202 with Operation-Location: /operations/{id}; when that operation succeeded, its resourceLocation is /snapshots/{snapshotId}. A snapshot is kept for 48 hours.',
    ops: ['snapshots.take'],
    body: { kind: 'json', schema: z.strictObject({ type: SnapshotType, objectId: z.string().min(1).max(64), applyScope: ApplyScope, userData: UserDataIn.nullable().optional() }) },
    response: Empty, status: 202,
    handle: async ({ body, scope }, invoke) => {
      const missing = body.type === 'PersonGroup' ? 'PersonGroupNotFound' : body.type === 'LargePersonGroup' ? 'LargePersonGroupNotFound' : body.type === 'FaceList' ? 'FaceListNotFound' : 'LargeFaceListNotFound';
      return started(await asCloud(invoke('snapshots.take', { type: body.type, object_id: body.objectId, apply_scope: body.applyScope, user_data: body.userData ?? null, ...within(scope) }), missing));
    },
  }),
  route({
    api: 'face', method: 'GET', path: `${FACE_BASE}/snapshots`,
    summary: 'The snapshots not yet expired (of one type, or one of these apply scopes, when given).',
    ops: ['snapshots.list'],
    query: z.object({ type: SnapshotType.optional(), applyScope: z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(Uuid).max(100)).optional() }),
    response: z.array(SnapshotReply),
    handle: async ({ query, scope }, invoke) =>
      (await invoke('snapshots.list', { ...(query.type ? { type: query.type } : {}), ...(query.applyScope ? { apply_scope: query.applyScope } : {}), ...within(scope) })).map(snapshotReply),
  }),
  route({
    api: 'face', method: 'GET', path: `${FACE_BASE}/snapshots/{snapshotId}`,
    summary: 'A snapshot.',
    ops: ['snapshots.get'],
    params: One, response: SnapshotReply,
    handle: async ({ params, scope }, invoke) => snapshotReply(await asCloud(invoke('snapshots.get', { snapshot_id: params.snapshotId, ...within(scope) }), 'SnapshotNotFound')),
  }),
  route({
    api: 'face', method: 'PATCH', path: `${FACE_BASE}/snapshots/{snapshotId}`,
    summary: 'Change a snapshot’s applyScope or userData.',
    ops: ['snapshots.update'],
    params: One, body: { kind: 'json', schema: z.strictObject({ applyScope: ApplyScope.optional(), userData: UserDataIn.nullable().optional() }) }, response: Empty,
    handle: async ({ params, body, scope }, invoke) => {
      await asCloud(invoke('snapshots.update', {
        snapshot_id: params.snapshotId,
        ...(body.applyScope ? { apply_scope: body.applyScope } : {}),
        ...(body.userData !== undefined ? { user_data: body.userData } : {}),
        ...within(scope),
      }), 'SnapshotNotFound');
      return undefined;
    },
  }),
  route({
    api: 'face', method: 'DELETE', path: `${FACE_BASE}/snapshots/{snapshotId}`,
    summary: 'Delete a snapshot and its file.',
    ops: ['snapshots.delete'],
    params: One, response: Empty,
    handle: async ({ params, scope }, invoke) => {
      await asCloud(invoke('snapshots.delete', { snapshot_id: params.snapshotId, ...within(scope) }), 'SnapshotNotFound');
      return undefined;
    },
  }),
  route({
    api: 'face', method: 'POST', path: `${FACE_BASE}/snapshots/{snapshotId}/apply`,
    summary: 'Make a new person group (a library made through the face API) or face list under objectId from a snapshot.',
    description: 'Answers 202 with Operation-Location; the operation’s resourceLocation names the new group or list. mode CreateNew is the only mode (objectId must be free, else 409). A key limited to one library cannot apply person group snapshots (a new library).',
    ops: ['snapshots.apply'],
    params: One,
    body: { kind: 'json', schema: z.strictObject({ objectId: z.string().regex(/^[a-z0-9_-]{1,64}$/), mode: z.literal('CreateNew').optional() }) },
    response: Empty, status: 202,
    handle: async ({ params, body, scope }, invoke) =>
      started(await asCloud(invoke('snapshots.apply', { snapshot_id: params.snapshotId, object_id: body.objectId, ...within(scope) }), 'SnapshotNotFound', 'PersonGroupExists')),
  }),
  route({
    api: 'face', method: 'GET', path: `${FACE_BASE}/operations/{operationId}`,
    summary: 'The status of a snapshot take or apply: notstarted, running, succeeded (with resourceLocation) or failed (with message).',
    ops: ['operations.get'],
    params: z.object({ operationId: Uuid }), response: OperationReply,
    handle: async ({ params, scope }, invoke) => {
      const op = await asCloud(invoke('operations.get', { operation_id: params.operationId, ...within(scope) }), 'OperationNotFound');
      return { status: op.status, createdTime: op.created_at, lastActionTime: op.last_action_at, resourceLocation: op.resource_location, message: op.message };
    },
  }),
];
