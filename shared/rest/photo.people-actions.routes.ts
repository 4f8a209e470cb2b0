import { z } from 'zod';
import { FaceId, LibraryId, MergeId, PersonId } from '../ids.ts';
import { Merge } from '../domain/merge.ts';
import { PersonName } from '../domain/person.ts';
import { ReclusterOutcome } from '../operations/people.ops.ts';
import { Rejection } from '../operations/people.rejections.ops.ts';
import { route } from './define.ts';
import { FaceReply, PersonReply, faceReply, personReply } from './photo.shapes.ts';

// Kindred extensions of the photo-library API: what the app does with people beyond CRUD — merge
// (undoable), unmerge, split, re-cluster, and "not this person" — over the same operations.

const PersonPath = z.object({ person_id: PersonId });
const KeepFrom = z.enum(['target', 'source']).default('target');
const FaceIds = z.array(FaceId).min(1).max(10_000);
const EXT = 'Kindred extension.';

export const peopleActionRoutes = [
  route({
    api: 'photo', method: 'POST', path: '/api/people/{person_id}/merge',
    summary: 'Merge people into this one',
    description: `${EXT} Every face of the sources moves to this person; each source becomes one merge that POST /api/merges/{merge_id}/unmerge undoes. name_from / birth_date_from say whose name and birth date the result keeps. The reply is the merged person, with the merges made.`,
    ops: ['people.merge'],
    params: PersonPath,
    body: { kind: 'json', schema: z.strictObject({ source_person_ids: z.array(PersonId).min(1).max(100), name_from: KeepFrom, birth_date_from: KeepFrom }) },
    response: PersonReply.extend({ merges: z.array(Merge) }),
    handle: async ({ params, body, origin }, invoke) => {
      const out = await invoke('people.merge', { target_person_id: params.person_id, ...body });
      return { ...personReply(out.person, origin), merges: out.merges };
    },
  }),
  route({
    api: 'photo', method: 'GET', path: '/api/people/{person_id}/merges',
    summary: 'The merges into a person, newest first',
    description: `${EXT} undone_at is set for merges already undone.`,
    ops: ['people.merges'],
    params: PersonPath,
    response: z.object({ data: z.array(Merge), has_more: z.boolean() }),
    handle: async ({ params }, invoke) => ({ data: await invoke('people.merges', { person_id: params.person_id }), has_more: false }),
  }),
  route({
    api: 'photo', method: 'POST', path: '/api/merges/{merge_id}/unmerge',
    summary: 'Undo a merge',
    description: `${EXT} The source person comes back with the faces it brought; the target keeps the rest.`,
    ops: ['people.unmerge'],
    params: z.object({ merge_id: MergeId }),
    response: z.object({ target: PersonReply, restored: PersonReply }),
    handle: async ({ params, origin }, invoke) => {
      const out = await invoke('people.unmerge', { merge_id: params.merge_id });
      return { target: personReply(out.target, origin), restored: personReply(out.restored, origin) };
    },
  }),
  route({
    api: 'photo', method: 'POST', path: '/api/people/split',
    summary: 'Split faces off into a new person',
    description: `${EXT} The faces (of one library) leave their people and form a new person, as a user decision.`,
    ops: ['people.split'],
    body: { kind: 'json', schema: z.strictObject({ face_ids: FaceIds, name: PersonName.nullable().optional() }) },
    response: PersonReply,
    status: 201,
    handle: async ({ body, origin }, invoke) => personReply(await invoke('people.split', { face_ids: body.face_ids, ...(body.name ? { name: body.name } : {}) }), origin),
  }),
  route({
    api: 'photo', method: 'POST', path: '/api/libraries/{library_id}/recluster',
    summary: 'Re-cluster a library',
    description: `${EXT} Every face the user has not placed is grouped again from scratch; names, user assignments, merges and "not this person" are kept. Answers when it is done.`,
    ops: ['people.recluster'],
    params: z.object({ library_id: LibraryId }),
    response: ReclusterOutcome,
    handle: async ({ params }, invoke) => invoke('people.recluster', { library_id: params.library_id }),
  }),
  route({
    api: 'photo', method: 'GET', path: '/api/people/{person_id}/rejections',
    summary: 'The faces that are "not this person"',
    description: `${EXT} Newest first. No automatic run puts these faces into the person.`,
    ops: ['people.rejections'],
    params: PersonPath,
    response: z.object({ data: z.array(Rejection), has_more: z.boolean() }),
    handle: async ({ params }, invoke) => ({ data: await invoke('people.rejections', { person_id: params.person_id }), has_more: false }),
  }),
  route({
    api: 'photo', method: 'POST', path: '/api/people/{person_id}/rejections',
    summary: 'Say faces are "not this person"',
    description: `${EXT} Faces now in the person leave it (unassigned, out of automatic placement); none of them is put back by any later run until the rejection is lifted.`,
    ops: ['people.reject'],
    params: PersonPath,
    body: { kind: 'json', schema: z.strictObject({ face_ids: FaceIds }) },
    response: z.object({ data: z.array(FaceReply), has_more: z.boolean() }),
    status: 201,
    handle: async ({ params, body, origin }, invoke) => ({ data: (await invoke('people.reject', { person_id: params.person_id, face_ids: body.face_ids })).map((f) => faceReply(f, origin)), has_more: false }),
  }),
  route({
    api: 'photo', method: 'DELETE', path: '/api/people/{person_id}/rejections/{face_id}',
    summary: 'Lift "not this person"',
    description: `${EXT} The face stays where it is; it may be placed in the person again.`,
    ops: ['people.unreject'],
    params: z.object({ person_id: PersonId, face_id: FaceId }),
    response: z.undefined(),
    status: 204,
    handle: async ({ params }, invoke) => {
      await invoke('people.unreject', { person_id: params.person_id, face_ids: [params.face_id] });
      return undefined;
    },
  }),
];
