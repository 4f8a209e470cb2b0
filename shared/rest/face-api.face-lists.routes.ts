import { z } from 'zod';
import { FaceListId, FaceListName, PersistedFaceId, UserData, type FaceList } from '../domain/face-api.ts';
import type { LibraryId } from '../ids.ts';
import { route, type Invoke, type RestRoute, type Upload } from './define.ts';
import { TargetFace, uploadedFace } from './face-api.target.ts';
import { Empty, FACE_BASE, FaceIdIn, ModelQuery, RecognitionModelName, TrainingStatus, badArgument, pageAfter, refuseUrl, startTop, withModel } from './face-api.common.ts';
import { FaceApiError, asCloud, type CloudCode } from './face-api.errors.ts';

// Face lists are Kindred face lists (their own table): ids the client chooses, persisted faces that
// are copies of face embeddings. Large face lists are the same lists under a second path (one list,
// two names), so the routes are generated once for each.

interface ListKind {
  base: 'facelists' | 'largefacelists';
  param: 'faceListId' | 'largeFaceListId';
  label: string;
  large: boolean;
  notFound: CloudCode;
  exists: CloudCode;
}

const KINDS: ListKind[] = [
  { base: 'facelists', param: 'faceListId', label: 'face list', large: false, notFound: 'FaceListNotFound', exists: 'FaceListExists' },
  { base: 'largefacelists', param: 'largeFaceListId', label: 'large face list', large: true, notFound: 'LargeFaceListNotFound', exists: 'LargeFaceListExists' },
];

const PersistedFaceReply = z.object({ persistedFaceId: PersistedFaceId, userData: z.string().nullable() });

async function faceToAdd(invoke: Invoke, upload: Upload | null, body: { faceId?: string | undefined; url?: string | undefined } | undefined, target: TargetFace | undefined): Promise<string> {
  if (upload) return uploadedFace(invoke, upload, target);
  if (body?.url !== undefined) refuseUrl();
  if (body?.faceId) return body.faceId;
  throw badArgument('Send the image bytes (application/octet-stream), or JSON { "faceId": … }.', 'body', 'no face');
}

const within = (scope: LibraryId | null): { library_id?: LibraryId } => (scope ? { library_id: scope } : {});

/** Paths, param schemas and readers of one kind of list. */
function shapesOf(kind: ListKind) {
  const base = `${FACE_BASE}/${kind.base}`;
  return {
    base,
    one: `${base}/{${kind.param}}`,
    List: z.object({ [kind.param]: FaceListId }),
    ListFace: z.object({ [kind.param]: FaceListId, persistedFaceId: PersistedFaceId }),
    listReply: z.object({ [kind.param]: FaceListId, name: z.string(), userData: z.string().nullable(), recognitionModel: z.string().optional() }),
    // Computed keys make TypeScript see the params as a string record; the schemas checked them.
    listId: (p: Record<string, string>): string => p[kind.param]!,
    faceId: (p: Record<string, string>): string => p.persistedFaceId!,
    summary: (l: FaceList, model: boolean) => ({ [kind.param]: l.id, name: l.name, userData: l.user_data, ...withModel(model) }),
  };
}

function routesFor(kind: ListKind): RestRoute[] {
  const { base, one, List, ListFace, listReply, listId, faceId, summary } = shapesOf(kind);
  const routes: RestRoute[] = [
    route({
      api: 'face', method: 'PUT', path: one,
      summary: `Create an empty ${kind.label} under the id in the path (lower-case letters, digits, "-" and "_", up to 64).`,
      description: 'A face list made with a library-scoped API key belongs to that library: only keys of that library see it.',
      ops: ['face_lists.create'],
      params: z.object({ [kind.param]: z.string().max(200) }),
      body: { kind: 'json', schema: z.strictObject({ name: FaceListName, userData: UserData.nullable().optional(), recognitionModel: RecognitionModelName.optional() }) },
      response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        await asCloud(invoke('face_lists.create', { face_list_id: listId(params), name: body.name, user_data: body.userData ?? null, ...within(scope) }), kind.notFound, kind.exists);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'GET', path: base,
      summary: `List ${kind.label}s (face lists and large face lists are the same lists).`,
      ops: ['face_lists.list'],
      query: z.object({ ...ModelQuery.shape, start: startTop(1000).start, top: startTop(1000).top.optional() }),
      response: z.array(listReply),
      handle: async ({ query, scope }, invoke) => {
        const lists = await invoke('face_lists.list', within(scope));
        return pageAfter(lists, (l) => l.id, query.start, query.top ?? lists.length).map((l) => summary(l, query.returnRecognitionModel));
      },
    }),
    route({
      api: 'face', method: 'GET', path: one,
      summary: kind.large ? 'A large face list (its faces: GET …/persistedfaces).' : 'A face list with its persisted faces.',
      ops: ['face_lists.get'],
      params: List, query: ModelQuery,
      response: kind.large ? listReply : listReply.extend({ persistedFaces: z.array(PersistedFaceReply) }),
      handle: async ({ params, query, scope }, invoke) => {
        const l = await asCloud(invoke('face_lists.get', { face_list_id: listId(params), ...within(scope) }), kind.notFound);
        const faces = l.faces.map((f) => ({ persistedFaceId: f.persisted_face_id, userData: f.user_data }));
        return { ...summary(l, query.returnRecognitionModel), ...(kind.large ? {} : { persistedFaces: faces }) };
      },
    }),
    route({
      api: 'face', method: 'PATCH', path: one,
      summary: `Rename a ${kind.label} or change its userData.`,
      ops: ['face_lists.update'],
      params: List, body: { kind: 'json', schema: z.strictObject({ name: FaceListName.optional(), userData: UserData.nullable().optional() }) }, response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        await asCloud(invoke('face_lists.update', {
          face_list_id: listId(params),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.userData !== undefined ? { user_data: body.userData } : {}),
          ...within(scope),
        }), kind.notFound);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: one,
      summary: `Delete a ${kind.label} and its persisted faces (the faces they were copied from stay).`,
      ops: ['face_lists.delete'],
      params: List, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        await asCloud(invoke('face_lists.delete', { face_list_id: listId(params), ...within(scope) }), kind.notFound);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/persistedfaces`,
      summary: `Add a face to a ${kind.label} (up to 1000): image bytes with one face (or targetFace), or JSON { "faceId" } of a detected or catalogued face.`,
      description:
        'The face’s embedding is copied, so the persisted face never expires. With bytes, Kindred detects faces like POST /detect and keeps the only one, or the one targetFace (left,top,width,height) overlaps most; no image is stored.',
      ops: ['face_lists.get', 'faces.detect', 'face_lists.add_face'],
      params: List,
      query: z.object({ userData: UserData.optional(), targetFace: TargetFace.optional() }),
      body: { kind: 'image', schema: z.strictObject({ faceId: FaceIdIn.optional(), url: z.string().max(8192).optional().describe('Refused: Kindred never fetches URLs.'), userData: UserData.nullable().optional() }) },
      response: z.object({ persistedFaceId: PersistedFaceId }),
      handle: async ({ params, query, body, upload, scope }, invoke) => {
        // Fail on a list the key cannot see before spending a detection on it.
        await asCloud(invoke('face_lists.get', { face_list_id: listId(params), ...within(scope) }), kind.notFound);
        const face = await faceToAdd(invoke, upload, body, query.targetFace);
        const userData = query.userData ?? body?.userData ?? null;
        const added = await asCloud(invoke('face_lists.add_face', { face_list_id: listId(params), face_id: face, user_data: userData, ...within(scope) }), 'FaceNotFound');
        return { persistedFaceId: added.persisted_face_id };
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: `${one}/persistedfaces/{persistedFaceId}`,
      summary: `Remove a persisted face from a ${kind.label}.`,
      ops: ['face_lists.get', 'face_lists.remove_face'],
      params: ListFace, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        await asCloud(invoke('face_lists.get', { face_list_id: listId(params), ...within(scope) }), kind.notFound);
        await asCloud(invoke('face_lists.remove_face', { face_list_id: listId(params), persisted_face_id: faceId(params), ...within(scope) }), 'PersistedFaceNotFound');
        return undefined;
      },
    }),
  ];
  return kind.large ? [...routes, ...largeOnly(kind)] : routes;
}

/** What only large face lists have: their faces as a paged list, one face, and a (no-op) training. */
function largeOnly(kind: ListKind): RestRoute[] {
  const { one, List, ListFace, listId, faceId } = shapesOf(kind);
  return [
    route({
      api: 'face', method: 'GET', path: `${one}/persistedfaces`,
      summary: 'The persisted faces of a large face list, by id.',
      ops: ['face_lists.get'],
      params: List, query: z.object(startTop(1000)), response: z.array(PersistedFaceReply),
      handle: async (req, invoke) => {
        const l = await asCloud(invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) }), kind.notFound);
        return pageAfter(l.faces, (f) => f.persisted_face_id, req.query.start, req.query.top).map((f) => ({ persistedFaceId: f.persisted_face_id, userData: f.user_data }));
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/persistedfaces/{persistedFaceId}`,
      summary: 'One persisted face of a large face list.',
      ops: ['face_lists.get'],
      params: ListFace, response: PersistedFaceReply,
      handle: async (req, invoke) => {
        const l = await asCloud(invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) }), kind.notFound);
        const f = l.faces.find((x) => x.persisted_face_id === faceId(req.params));
        if (!f) throw new FaceApiError('not_found', 'PersistedFaceNotFound', `No persisted face ${faceId(req.params)} in ${kind.label} ${l.id}.`);
        return { persistedFaceId: f.persisted_face_id, userData: f.user_data };
      },
    }),
    route({
      api: 'face', method: 'PATCH', path: `${one}/persistedfaces/{persistedFaceId}`,
      summary: 'Change the userData of a persisted face of a large face list.',
      ops: ['face_lists.update_face'],
      params: ListFace, body: { kind: 'json', schema: z.strictObject({ userData: UserData.nullable().optional() }) }, response: Empty,
      handle: async (req, invoke) => {
        await asCloud(invoke('face_lists.update_face', { face_list_id: listId(req.params), persisted_face_id: faceId(req.params), user_data: req.body.userData ?? null, ...within(req.scope) }), 'PersistedFaceNotFound');
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/train`,
      summary: 'Accepted and done: face lists are searched directly, so there is nothing to train.',
      ops: ['face_lists.get'],
      params: List, response: Empty, status: 202,
      handle: async (req, invoke) => {
        await asCloud(invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) }), kind.notFound);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/training`,
      summary: 'Always succeeded: face lists are searched directly.',
      ops: ['face_lists.get'],
      params: List, response: TrainingStatus,
      handle: async (req, invoke) => {
        const l = await asCloud(invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) }), kind.notFound);
        return { status: 'succeeded' as const, createdDateTime: l.created_at, lastActionDateTime: l.updated_at, lastSuccessfulTrainingDateTime: l.updated_at, message: null };
      },
    }),
  ];
}

export const faceListRoutes: RestRoute[] = KINDS.flatMap(routesFor);
