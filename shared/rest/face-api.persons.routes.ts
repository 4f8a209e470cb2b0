import { z } from 'zod';
import { isCatalogued } from '../domain/face-api.ts';
import { PersonName, type Person } from '../domain/person.ts';
import type { FaceId, LibraryId, PersonId } from '../ids.ts';
import { route, type Invoke, type RestRoute } from './define.ts';
import { FaceApiError, asCloud } from './face-api.errors.ts';
import { Empty, FACE_BASE, FaceIdIn, GroupIdIn, UserDataIn, Uuid, badArgument, faceIdOut, pageAfter, personGroup, refuseUrl, startTop, type GroupKind } from './face-api.common.ts';
import { TargetFace, uploadedFace } from './face-api.target.ts';
import { PersonRef, shown } from './face-api.uuid.ts';

// Persons of a person group are the people of its library; personId is the person id in its UUID
// form. A person's persisted faces are their catalogued faces (face ids in UUID form) and the faces a
// client added from uploaded images (person_faces: embeddings only), which count as the person's
// exemplars for identify and verify. userData is kept for persons and persisted faces alike.

const PersonReply = z.object({ personId: Uuid, name: z.string().nullable(), userData: z.string().nullable(), persistedFaceIds: z.array(Uuid) });
const PersistedFaceReply = z.object({ persistedFaceId: Uuid, userData: z.string().nullable() });
const MAX_PAGE = 5000;
const UserDataBody = UserDataIn.nullable().optional();

/** Every face id of a person, however many pages. */
async function faceIdsOf(invoke: Invoke, personId: PersonId): Promise<FaceId[]> {
  const ids: FaceId[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = await invoke('faces.list', { person_id: personId, offset, limit: MAX_PAGE });
    ids.push(...page.items.map((f) => f.id));
    if (offset + MAX_PAGE >= page.total) return ids;
  }
}

async function allPeople(invoke: Invoke, libraryId: LibraryId): Promise<Person[]> {
  const people: Person[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = await invoke('people.list', { library_id: libraryId, include_hidden: true, offset, limit: MAX_PAGE });
    people.push(...page.items);
    if (offset + MAX_PAGE >= page.total) return people;
  }
}

async function personReplies(invoke: Invoke, people: Person[]) {
  const data = await invoke('face_api.user_data', { subject_ids: people.map((p) => p.id) });
  return Promise.all(
    people.map(async (p) => {
      const added = await invoke('person_faces.list', { person_id: p.id });
      const faces = [...(await faceIdsOf(invoke, p.id)).map(shown), ...added.map((f) => f.persisted_face_id)];
      return { personId: shown(p.id), name: p.name, userData: data[p.id] ?? null, persistedFaceIds: faces };
    }),
  );
}

export function personRoutesFor(kind: GroupKind): RestRoute[] {
  const one = `${FACE_BASE}/${kind.base}/{${kind.param}}`;
  const Group = z.object({ [kind.param]: GroupIdIn });
  const GroupPerson = z.object({ [kind.param]: GroupIdIn, personId: PersonRef });
  const GroupPersonFace = z.object({ [kind.param]: GroupIdIn, personId: PersonRef, persistedFaceId: FaceIdIn });
  // Computed keys make TypeScript see the params as a string record; the schemas checked them.
  const groupId = (p: Record<string, string>): string => p[kind.param]!;
  const personId = (p: Record<string, string>): PersonId => p.personId as PersonId;
  const persistedFaceId = (p: Record<string, string>): string => p.persistedFaceId!;

  /** The person, checked to be in this group (and so in the key's scope). */
  const personIn = async (invoke: Invoke, params: Record<string, string>, scope: LibraryId | null): Promise<Person> => {
    const group = await personGroup(invoke, groupId(params), scope, kind);
    const p = await asCloud(invoke('people.get', { person_id: personId(params) }), 'PersonNotFound');
    if (p.library_id !== group.library_id) throw new FaceApiError('not_found', 'PersonNotFound', `No person ${shown(p.id)} in ${kind.label} ${group.group_id}.`);
    return p;
  };
  /** A persisted face of the person: one of their catalogued faces, or one added from an upload. */
  const persistedOf = async (invoke: Invoke, person: Person, id: string): Promise<{ catalogued: FaceId } | { added: string }> => {
    const missing = () => new FaceApiError('not_found', 'PersistedFaceNotFound', `No persisted face ${faceIdOut(id)} in person ${shown(person.id)}.`);
    if (isCatalogued(id)) {
      const f = await asCloud(invoke('faces.get', { face_id: id, include_cluster_assignment: false }), 'PersistedFaceNotFound');
      if (f.person_id !== person.id) throw missing();
      return { catalogued: f.id };
    }
    if (!(await invoke('person_faces.list', { person_id: person.id })).some((f) => f.persisted_face_id === id)) throw missing();
    return { added: id };
  };

  return [
    route({
      api: 'face', method: 'GET', path: `${one}/persons`,
      summary: 'The people of the library by personId, with their userData and persisted faces.',
      ops: ['person_groups.get', 'people.list', 'faces.list', 'person_faces.list', 'face_api.user_data'],
      params: Group, query: z.object(startTop(1000)), response: z.array(PersonReply),
      handle: async ({ params, query, scope }, invoke) => {
        const group = await personGroup(invoke, groupId(params), scope, kind);
        const page = pageAfter(await allPeople(invoke, group.library_id), (p) => shown(p.id), query.start, query.top);
        return personReplies(invoke, page);
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/persons`,
      summary: 'Create a person (a user-made person of the library, with no faces yet).',
      ops: ['person_groups.get', 'people.create', 'face_api.set_user_data'],
      params: Group, body: { kind: 'json', schema: z.strictObject({ name: PersonName, userData: UserDataBody }) },
      response: z.object({ personId: Uuid }),
      handle: async ({ params, body, scope }, invoke) => {
        const group = await personGroup(invoke, groupId(params), scope, kind);
        const p = await invoke('people.create', { library_id: group.library_id, name: body.name });
        if (body.userData) await invoke('face_api.set_user_data', { subject_id: p.id, user_data: body.userData });
        return { personId: shown(p.id) };
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/persons/{personId}`,
      summary: 'A person, with their userData and persisted faces.',
      ops: ['person_groups.get', 'people.get', 'faces.list', 'person_faces.list', 'face_api.user_data'],
      params: GroupPerson, response: PersonReply,
      handle: async ({ params, scope }, invoke) => (await personReplies(invoke, [await personIn(invoke, params, scope)]))[0],
    }),
    route({
      api: 'face', method: 'PATCH', path: `${one}/persons/{personId}`,
      summary: 'Rename a person or change their userData.',
      ops: ['person_groups.get', 'people.get', 'people.update', 'face_api.set_user_data'],
      params: GroupPerson, body: { kind: 'json', schema: z.strictObject({ name: PersonName.optional(), userData: UserDataBody }) }, response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        if (body.name !== undefined) await invoke('people.update', { person_id: p.id, name: body.name });
        if (body.userData !== undefined) await invoke('face_api.set_user_data', { subject_id: p.id, user_data: body.userData });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: `${one}/persons/{personId}`,
      summary: 'Delete a person. Their catalogued faces stay, unassigned (photos are never deleted); faces added from uploads go with them.',
      ops: ['person_groups.get', 'people.get', 'people.delete'],
      params: GroupPerson, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        await invoke('people.delete', { person_id: p.id });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/persons/{personId}/persistedfaces`,
      summary: 'Add a face to a person: image bytes (the only face, or the one targetFace=left,top,width,height points at), or JSON { "faceId" } (Kindred extension).',
      description:
        'From bytes, the face is detected, embedded and kept as an exemplar of the person (its embedding only; no image is stored), used by identify and verify. ' +
        'JSON faceId: a catalogued face is assigned to the person (a user decision) and is its own persistedFaceId; a face from detect is added like an upload.',
      ops: ['person_groups.get', 'people.get', 'faces.detect', 'person_faces.add', 'faces.assign', 'face_api.set_user_data'],
      params: GroupPerson,
      query: z.object({ userData: UserDataIn.optional(), targetFace: TargetFace.optional(), detectionModel: z.string().max(32).optional() }),
      body: { kind: 'image', schema: z.strictObject({ faceId: FaceIdIn.optional(), url: z.string().max(8192).optional().describe('Refused: Kindred never fetches URLs.'), userData: UserDataBody }) },
      response: z.object({ persistedFaceId: Uuid }),
      handle: async ({ params, query, body, upload, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        if (!upload && body?.url !== undefined) refuseUrl();
        const userData = query.userData ?? body?.userData ?? null;
        const face = upload ? await uploadedFace(invoke, upload, query.targetFace) : body?.faceId;
        if (!face) throw badArgument('Send the image bytes (application/octet-stream), or JSON { "faceId": … }.', 'body', 'no face');
        if (isCatalogued(face)) {
          await asCloud(invoke('faces.assign', { face_ids: [face], person_id: p.id }), 'FaceNotFound');
          if (userData !== null) await invoke('face_api.set_user_data', { subject_id: face, user_data: userData });
          return { persistedFaceId: shown(face) };
        }
        const added = await asCloud(invoke('person_faces.add', { person_id: p.id, detected_face_id: face, user_data: userData }), 'FaceNotFound');
        return { persistedFaceId: added.persisted_face_id };
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/persons/{personId}/persistedfaces/{persistedFaceId}`,
      summary: 'A persisted face of a person, with its userData.',
      ops: ['person_groups.get', 'people.get', 'faces.get', 'person_faces.list', 'face_api.user_data'],
      params: GroupPersonFace, response: PersistedFaceReply,
      handle: async ({ params, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        const f = await persistedOf(invoke, p, persistedFaceId(params));
        if ('catalogued' in f) return { persistedFaceId: shown(f.catalogued), userData: (await invoke('face_api.user_data', { subject_ids: [f.catalogued] }))[f.catalogued] ?? null };
        const added = (await invoke('person_faces.list', { person_id: p.id })).find((x) => x.persisted_face_id === f.added)!;
        return { persistedFaceId: added.persisted_face_id, userData: added.user_data };
      },
    }),
    route({
      api: 'face', method: 'PATCH', path: `${one}/persons/{personId}/persistedfaces/{persistedFaceId}`,
      summary: 'Change the userData of a persisted face of a person.',
      ops: ['person_groups.get', 'people.get', 'faces.get', 'person_faces.list', 'person_faces.update', 'face_api.set_user_data'],
      params: GroupPersonFace, body: { kind: 'json', schema: z.strictObject({ userData: UserDataBody }) }, response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        const f = await persistedOf(invoke, p, persistedFaceId(params));
        const user_data = body.userData ?? null;
        if ('catalogued' in f) await invoke('face_api.set_user_data', { subject_id: f.catalogued, user_data });
        else await invoke('person_faces.update', { person_id: p.id, persisted_face_id: f.added, user_data });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: `${one}/persons/{personId}/persistedfaces/{persistedFaceId}`,
      summary: 'Take a face from a person: a catalogued face leaves as "not this person" (it stays in its photo, and no later re-cluster puts it back); a face added from an upload is deleted.',
      ops: ['person_groups.get', 'people.get', 'faces.get', 'person_faces.list', 'faces.detach', 'person_faces.remove'],
      params: GroupPersonFace, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        const f = await persistedOf(invoke, p, persistedFaceId(params));
        if ('catalogued' in f) await invoke('faces.detach', { face_ids: [f.catalogued], reject: true });
        else await invoke('person_faces.remove', { person_id: p.id, persisted_face_id: f.added });
        return undefined;
      },
    }),
  ];
}
