import { z } from 'zod';
import type { LibraryId } from '../ids.ts';
import { FaceListId, isCatalogued } from '../domain/face-api.ts';
import { KindredError } from '../errors.ts';
import { route, type RestRoute } from './define.ts';
import { FACE_BASE, FaceIdIn, GroupIdIn, Uuid, faceIdOut, groupLibrary } from './face-api.common.ts';
import { asCloud } from './face-api.errors.ts';
import { PersonRef, shown } from './face-api.uuid.ts';

// POST /verify, /identify, /findsimilars and /group over faces.verify / identify / find_similar /
// group. faceIds may be detect's faceIds (UUIDs) or catalogued face ids (face_…).

const Confidence = z.number().min(0).max(1);

/** personGroupId or largePersonGroupId: both name a library, so at most one may be sent. */
const GroupFields = { personGroupId: GroupIdIn.optional(), largePersonGroupId: GroupIdIn.optional() };
const oneGroup = (v: { personGroupId?: string | undefined; largePersonGroupId?: string | undefined }) => !(v.personGroupId && v.largePersonGroupId);
const ONE_GROUP = { message: 'send personGroupId or largePersonGroupId, not both', path: ['largePersonGroupId'] };

const VerifyBody = z.union(
  [
    z.strictObject({ faceId1: FaceIdIn, faceId2: FaceIdIn }),
    z.strictObject({ faceId: FaceIdIn, personId: PersonRef, ...GroupFields }).refine(oneGroup, ONE_GROUP).refine((v) => v.personGroupId ?? v.largePersonGroupId, {
      message: 'send personGroupId or largePersonGroupId with personId',
      path: ['personGroupId'],
    }),
  ],
  { error: 'send { faceId1, faceId2 } or { faceId, personId, personGroupId | largePersonGroupId }' },
);

const IdentifyBody = z
  .strictObject({
    faceIds: z.array(FaceIdIn).min(1).max(10),
    ...GroupFields,
    maxNumOfCandidatesReturned: z.number().int().min(1).max(100).default(1),
    confidenceThreshold: Confidence.optional(),
  })
  .refine(oneGroup, ONE_GROUP);

const FindSimilarBody = z
  .strictObject({
    faceId: FaceIdIn,
    faceIds: z.array(FaceIdIn).min(1).max(1000).optional(),
    faceListId: FaceListId.optional(),
    largeFaceListId: FaceListId.optional(),
    ...GroupFields,
    maxNumOfCandidatesReturned: z.number().int().min(1).max(1000).default(20),
    mode: z.enum(['matchPerson', 'matchFace']).default('matchPerson'),
  })
  .refine((v) => [v.faceIds, v.faceListId, v.largeFaceListId, v.personGroupId, v.largePersonGroupId].filter((x) => x !== undefined).length <= 1, {
    message: 'send at most one of faceIds, faceListId, largeFaceListId (or, as a Kindred extension, personGroupId / largePersonGroupId)',
    path: ['faceIds'],
  });

export const recognitionRoutes: RestRoute[] = [
  route({
    api: 'face',
    method: 'POST',
    path: `${FACE_BASE}/verify`,
    summary: 'Are two faces, or a face and a person, the same person?',
    description:
      'Confidence is calibrated on LFW: 0.5 is where same- and different-person pairs are equally likely, and isIdentical means confidence >= 0.5. A person is compared through their nearest exemplar faces.',
    ops: ['faces.verify', 'person_groups.get'],
    body: { kind: 'json', schema: VerifyBody },
    response: z.object({ isIdentical: z.boolean(), confidence: Confidence }),
    handle: async ({ body, scope }, invoke) => {
      const v =
        'faceId1' in body
          ? await asCloud(invoke('faces.verify', { face_id1: body.faceId1, face_id2: body.faceId2 }), 'FaceNotFound')
          : await asCloud(invoke('faces.verify', { face_id: body.faceId, person_id: body.personId, library_id: (await groupLibrary(invoke, body, scope))! }), 'PersonNotFound');
      return { isIdentical: v.is_identical, confidence: v.confidence };
    },
  }),
  route({
    api: 'face',
    method: 'POST',
    path: `${FACE_BASE}/identify`,
    summary: 'For each face, the people of a person group it may be, most likely first.',
    description:
      'A person group is a library. Without personGroupId the library of the (catalogued) faces is used; faces from detect need one. confidenceThreshold defaults to 0.5, the same bar as verify.',
    ops: ['faces.identify', 'person_groups.get'],
    body: { kind: 'json', schema: IdentifyBody },
    response: z.array(z.object({ faceId: Uuid, candidates: z.array(z.object({ personId: Uuid, confidence: Confidence })) })),
    handle: async ({ body, scope }, invoke) => {
      const lib = (await groupLibrary(invoke, body, scope)) ?? scope ?? undefined;
      const found = await asCloud(invoke('faces.identify', {
        face_ids: body.faceIds,
        max_candidates: body.maxNumOfCandidatesReturned,
        ...(lib ? { library_id: lib } : {}),
        ...(body.confidenceThreshold !== undefined ? { confidence_threshold: body.confidenceThreshold } : {}),
      }), 'FaceNotFound');
      return found.map((f) => ({ faceId: faceIdOut(f.face_id), candidates: f.candidates.map((c) => ({ personId: shown(c.person_id), confidence: c.confidence })) }));
    },
  }),
  route({
    api: 'face',
    method: 'POST',
    path: `${FACE_BASE}/findsimilars`,
    summary: 'Faces like a face: among faceIds, in a face list, or (Kindred extension) in a person group.',
    description: [
      'With faceIds, the reply lists faceIds; with faceListId or largeFaceListId (the same lists), persistedFaceIds.',
      'With none of them, Kindred searches a library: the face’s own for a catalogued face, else personGroupId / largePersonGroupId (or the API key’s library). Faces from detect have no library, so they need one of these.',
      'matchPerson keeps faces with confidence >= 0.5 only; matchFace ranks every face.',
    ].join('\n\n'),
    ops: ['faces.find_similar', 'face_lists.get', 'person_groups.get'],
    body: { kind: 'json', schema: FindSimilarBody },
    response: z.union([z.array(z.object({ faceId: Uuid, confidence: Confidence })), z.array(z.object({ persistedFaceId: Uuid, confidence: Confidence }))]),
    handle: async ({ body, scope }, invoke) => {
      const common = { face_id: body.faceId, max_candidates: body.maxNumOfCandidatesReturned, mode: body.mode };
      const listId = body.faceListId ?? body.largeFaceListId;
      if (listId) {
        // A list bound to another library is not there for a scoped key.
        await asCloud(invoke('face_lists.get', { face_list_id: listId, ...(scope ? { library_id: scope } : {}) }), body.faceListId ? 'FaceListNotFound' : 'LargeFaceListNotFound');
        const found = await asCloud(invoke('faces.find_similar', { ...common, face_list_id: listId }), 'FaceNotFound');
        return found.map((s) => ('persisted_face_id' in s ? { persistedFaceId: s.persisted_face_id, confidence: s.confidence } : unexpected()));
      }
      const lib = (await groupLibrary(invoke, body, scope)) ?? (body.faceIds ? undefined : searchLibrary(body.faceId, scope));
      const found = await asCloud(invoke('faces.find_similar', { ...common, ...(body.faceIds ? { face_ids: body.faceIds } : {}), ...(lib ? { library_id: lib } : {}) }), 'FaceNotFound');
      return found.map((s) => ('face_id' in s ? { faceId: faceIdOut(s.face_id), confidence: s.confidence } : unexpected()));
    },
  }),
  route({
    api: 'face',
    method: 'POST',
    path: `${FACE_BASE}/group`,
    summary: 'Split faces into groups of the same person, largest first, and a messy group of the rest.',
    description: 'Faces of one photo (or one uploaded image) never share a group: one person appears once per picture.',
    ops: ['faces.group'],
    body: { kind: 'json', schema: z.strictObject({ faceIds: z.array(FaceIdIn).min(2).max(1000) }) },
    response: z.object({ groups: z.array(z.array(Uuid)), messyGroup: z.array(Uuid) }),
    handle: async ({ body }, invoke) => {
      const g = await asCloud(invoke('faces.group', { face_ids: body.faceIds }), 'FaceNotFound');
      return { groups: g.groups.map((x) => x.map(faceIdOut)), messyGroup: g.messy_group.map(faceIdOut) };
    },
  }),
];

/** A scoped key searches its own library when a detected face names none; a catalogued face uses its own. */
const searchLibrary = (faceId: string, scope: LibraryId | null): LibraryId | undefined => (isCatalogued(faceId) ? undefined : (scope ?? undefined));

function unexpected(): never {
  throw new KindredError('internal', 'find_similar answered with the other kind of face id.');
}
