import { z } from 'zod';
import { FaceListId, FaceListName, FaceRef, PersistedFaceId, UserData, type DetectedFace, type FaceList } from '../domain/face-api.ts';
import { KindredError } from '../errors.ts';
import { iou } from '../geometry.ts';
import type { LibraryId } from '../ids.ts';
import { route, type Invoke, type RestRoute, type Upload } from './define.ts';
import { detectFaces } from './face-api.detect.routes.ts';
import { Empty, FACE_BASE, ModelQuery, RecognitionModelName, TrainingStatus, pageAfter, startTop, withModel } from './face-api.common.ts';

// Face lists are Kindred face lists (their own table): ids the client chooses, persisted faces that
// are copies of face embeddings. Large face lists are the same lists under a second path (one list,
// two names), so the routes are generated once for each.

interface ListKind {
  base: 'facelists' | 'largefacelists';
  param: 'faceListId' | 'largeFaceListId';
  label: string;
  large: boolean;
}

const KINDS: ListKind[] = [
  { base: 'facelists', param: 'faceListId', label: 'face list', large: false },
  { base: 'largefacelists', param: 'largeFaceListId', label: 'large face list', large: true },
];

/** A face chosen with targetFace must overlap the detected face at least this much. */
const TARGET_MIN_IOU = 0.3;
/** Faces detected only to be copied into a list are kept as briefly as detect allows. */
const COPY_TTL_SECONDS = 60;

const TargetFace = z
  .string()
  .regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/, 'targetFace is left,top,width,height in pixels')
  .transform((s) => {
    const [x, y, w, h] = s.split(',').map((v) => Number(v.trim())) as [number, number, number, number];
    return { x, y, w, h };
  });

const PersistedFaceReply = z.object({ persistedFaceId: PersistedFaceId, userData: z.string().nullable() });

/** The one face of an upload to keep: the only face, or the one targetFace points at. */
function chooseFace(faces: DetectedFace[], target: { x: number; y: number; w: number; h: number } | undefined): DetectedFace {
  if (target) {
    const best = faces.map((f) => ({ f, overlap: iou(f.bounding_box, target) })).sort((a, b) => b.overlap - a.overlap)[0];
    if (!best || best.overlap < TARGET_MIN_IOU) throw new KindredError('invalid_input', 'No face was found inside targetFace.', [{ path: 'query.targetFace', message: 'no detected face there' }]);
    return best.f;
  }
  if (faces.length === 1) return faces[0]!;
  const why = faces.length === 0 ? 'No face was found in the image' : `The image has ${faces.length} faces`;
  throw new KindredError('invalid_input', `${why}: send an image with exactly one face, or say which with targetFace=left,top,width,height.`, [
    { path: 'query.targetFace', message: faces.length === 0 ? 'no face found' : 'required when the image has several faces' },
  ]);
}

async function faceToAdd(invoke: Invoke, upload: Upload | null, body: { faceId?: string | undefined } | undefined, target: Parameters<typeof chooseFace>[1]): Promise<string> {
  if (upload) return chooseFace(await detectFaces(invoke, { upload }, COPY_TTL_SECONDS, true), target).face_id!;
  if (body?.faceId) return body.faceId;
  throw new KindredError('invalid_input', 'Send the image bytes (application/octet-stream), or JSON { "faceId": … }.', [{ path: 'body', message: 'no face' }]);
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
        await invoke('face_lists.create', { face_list_id: listId(params), name: body.name, user_data: body.userData ?? null, ...within(scope) });
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
        const l = await invoke('face_lists.get', { face_list_id: listId(params), ...within(scope) });
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
        await invoke('face_lists.update', {
          face_list_id: listId(params),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.userData !== undefined ? { user_data: body.userData } : {}),
          ...within(scope),
        });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: one,
      summary: `Delete a ${kind.label} and its persisted faces (the faces they were copied from stay).`,
      ops: ['face_lists.delete'],
      params: List, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        await invoke('face_lists.delete', { face_list_id: listId(params), ...within(scope) });
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
      body: { kind: 'image', schema: z.strictObject({ faceId: FaceRef, userData: UserData.nullable().optional() }) },
      response: z.object({ persistedFaceId: PersistedFaceId }),
      handle: async ({ params, query, body, upload, scope }, invoke) => {
        // Fail on a list the key cannot see before spending a detection on it.
        await invoke('face_lists.get', { face_list_id: listId(params), ...within(scope) });
        const face = await faceToAdd(invoke, upload, body, query.targetFace);
        const userData = query.userData ?? body?.userData ?? null;
        const added = await invoke('face_lists.add_face', { face_list_id: listId(params), face_id: face, user_data: userData, ...within(scope) });
        return { persistedFaceId: added.persisted_face_id };
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: `${one}/persistedfaces/{persistedFaceId}`,
      summary: `Remove a persisted face from a ${kind.label}.`,
      ops: ['face_lists.remove_face'],
      params: ListFace, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        await invoke('face_lists.remove_face', { face_list_id: listId(params), persisted_face_id: faceId(params), ...within(scope) });
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
        const l = await invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) });
        return pageAfter(l.faces, (f) => f.persisted_face_id, req.query.start, req.query.top).map((f) => ({ persistedFaceId: f.persisted_face_id, userData: f.user_data }));
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/persistedfaces/{persistedFaceId}`,
      summary: 'One persisted face of a large face list.',
      ops: ['face_lists.get'],
      params: ListFace, response: PersistedFaceReply,
      handle: async (req, invoke) => {
        const l = await invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) });
        const f = l.faces.find((x) => x.persisted_face_id === faceId(req.params));
        if (!f) throw new KindredError('not_found', `No persisted face ${faceId(req.params)} in ${kind.label} ${l.id}.`);
        return { persistedFaceId: f.persisted_face_id, userData: f.user_data };
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/train`,
      summary: 'Accepted and done: face lists are searched directly, so there is nothing to train.',
      ops: ['face_lists.get'],
      params: List, response: Empty, status: 202,
      handle: async (req, invoke) => {
        await invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/training`,
      summary: 'Always succeeded: face lists are searched directly.',
      ops: ['face_lists.get'],
      params: List, response: TrainingStatus,
      handle: async (req, invoke) => {
        const l = await invoke('face_lists.get', { face_list_id: listId(req.params), ...within(req.scope) });
        return { status: 'succeeded' as const, createdDateTime: l.created_at, lastActionDateTime: l.updated_at, lastSuccessfulTrainingDateTime: l.updated_at, message: null };
      },
    }),
  ];
}

export const faceListRoutes: RestRoute[] = KINDS.flatMap(routesFor);
