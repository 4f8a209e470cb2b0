import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';
import { binary, route } from './define.ts';
import { FaceReply, faceReply, includes, libraryOf, listReply, pageOut, pageQuery, paging, targetLibrary } from './photo.shapes.ts';
import { qBool } from './query.ts';

const FacePath = z.object({ face_id: FaceId });
const Include = includes(['cluster_assignment']).describe('cluster_assignment adds distance to the person and the nearest candidates.');
const explains = (include: string[] | undefined) => include?.includes('cluster_assignment') ?? false;
const InLibrary = z.object({ library_id: LibraryId.optional().describe('The face’s library: optional with one library (or a library-scoped key).') });

export const faceRoutes = [
  route({
    api: 'photo',
    method: 'POST',
    path: '/api/faces',
    summary: 'Create a face: a box drawn on a photo',
    description:
      'The box is in the asset’s display-space pixels and must fit inside them. Like every face, it is detected inside the box for landmarks, aligned and embedded, so it teaches the clustering. With person_id it is assigned by the user; otherwise the people engine places it. cluster_assignment only with include=cluster_assignment.',
    ops: ['libraries.list', 'faces.create'],
    query: z.object({ include: Include }),
    body: {
      kind: 'json',
      schema: z.strictObject({ asset_id: AssetId, bounding_box: BoundingBox.strict(), person_id: PersonId.nullable().optional(), library_id: LibraryId.nullable().optional() }),
    },
    response: FaceReply,
    status: 201,
    handle: async (req, invoke) => {
      const { asset_id, bounding_box, person_id, library_id } = req.body;
      const lib = await targetLibrary(req, library_id, invoke);
      const face = await invoke('faces.create', { asset_id, bounding_box, library_id: lib, ...(person_id ? { person_id } : {}) });
      return faceReply(face, req.origin, explains(req.query.include));
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/faces',
    summary: 'List faces, newest first',
    description: 'Pages by cursor: pass the last id of a page as starting_after_id for the next one (has_more says whether there is one), or ending_before_id for the one before.',
    ops: ['faces.list'],
    query: pageQuery(FaceId).extend({
      library_id: LibraryId.optional(),
      asset_id: AssetId.optional(),
      person_id: PersonId.optional(),
      unassigned: qBool.optional().describe('Kindred extension: only faces in no person.'),
      include: Include,
    }),
    response: listReply(FaceReply),
    handle: async ({ query: q, scope, origin }, invoke) => {
      const page = await invoke('faces.list', {
        library_id: q.library_id ?? scope ?? undefined,
        asset_id: q.asset_id,
        person_id: q.person_id,
        unassigned: q.unassigned,
        include_cluster_assignment: explains(q.include),
        order: 'newest',
        ...paging(q),
      });
      return pageOut(page.items.map((f) => faceReply(f, origin, explains(q.include))), page, q);
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/faces/{face_id}',
    summary: 'Get a face',
    ops: ['faces.get'],
    params: FacePath,
    query: InLibrary.extend({ include: Include }),
    response: FaceReply,
    handle: async ({ params, query, origin }, invoke) =>
      faceReply(await invoke('faces.get', { face_id: params.face_id, include_cluster_assignment: explains(query.include) }), origin, explains(query.include)),
  }),
  route({
    api: 'photo',
    method: 'PATCH',
    path: '/api/faces/{face_id}',
    summary: 'Assign a face to a person, or detach it (person_id null)',
    description:
      'Only person_id can change. Assigning is a user decision: the face never moves on its own again. null takes the face out of its person without deleting either; it stays out of automatic placement. library_id may come in the query or the body.',
    ops: ['faces.assign', 'faces.detach'],
    params: FacePath,
    query: InLibrary,
    body: { kind: 'json', schema: z.strictObject({ person_id: PersonId.nullable(), library_id: LibraryId.nullable().optional() }) },
    response: FaceReply,
    handle: async ({ params, query, body, origin }, invoke) => {
      libraryOf(query, body);
      const [face] = body.person_id
        ? await invoke('faces.assign', { face_ids: [params.face_id], person_id: body.person_id })
        : await invoke('faces.detach', { face_ids: [params.face_id] });
      return faceReply(face!, origin);
    },
  }),
  route({
    api: 'photo',
    method: 'DELETE',
    path: '/api/faces/{face_id}',
    summary: 'Delete a face',
    ops: ['faces.delete'],
    params: FacePath,
    query: InLibrary,
    response: z.undefined(),
    status: 204,
    handle: async ({ params }, invoke) => {
      await invoke('faces.delete', { face_id: params.face_id });
      return undefined;
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/faces/{face_id}/thumbnail',
    summary: 'The face crop (JPEG)',
    ops: ['media.get'],
    params: FacePath,
    response: 'binary',
    handle: async ({ params }, invoke) => {
      const img = await invoke('media.get', { kind: 'face', id: params.face_id });
      return binary(img.mime, img.bytes);
    },
  }),
];
