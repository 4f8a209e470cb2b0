import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { FaceRef, isCatalogued } from '../domain/face-api.ts';
import { PersonName, type Person } from '../domain/person.ts';
import { KindredError } from '../errors.ts';
import { route, type Invoke, type RestRoute } from './define.ts';
import { Empty, FACE_BASE, pageAfter, personGroup, refuseUserData, startTop } from './face-api.common.ts';
import type { GroupKind } from './face-api.person-groups.routes.ts';

// Persons of a person group are the people of a library (personId = person id), and a person's
// persistedFaceIds are the ids of their catalogued faces.

const UserData = z.string().max(16 * 1024).nullable().optional();
const PersonReply = z.object({ personId: PersonId, name: z.string().nullable(), userData: z.null(), persistedFaceIds: z.array(FaceId) });
const PersistedFaceReply = z.object({ persistedFaceId: FaceId, userData: z.null() });
const MAX_PAGE = 5000;

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

const personReply = async (invoke: Invoke, p: Person) => ({ personId: p.id, name: p.name, userData: null, persistedFaceIds: await faceIdsOf(invoke, p.id) });

export function personRoutesFor(kind: GroupKind): RestRoute[] {
  const one = `${FACE_BASE}/${kind.base}/{${kind.param}}`;
  const Group = z.object({ [kind.param]: LibraryId });
  const GroupPerson = z.object({ [kind.param]: LibraryId, personId: PersonId });
  const GroupPersonFace = z.object({ [kind.param]: LibraryId, personId: PersonId, persistedFaceId: FaceId });
  // Computed keys make TypeScript see the params as a string record; the schemas checked them.
  const groupId = (p: Record<string, string>): LibraryId => p[kind.param] as LibraryId;
  const personId = (p: Record<string, string>): PersonId => p.personId as PersonId;
  const persistedFaceId = (p: Record<string, string>): FaceId => p.persistedFaceId as FaceId;

  /** The person, checked to be in this group (and so in the key's scope). */
  const personIn = async (invoke: Invoke, params: Record<string, string>, scope: LibraryId | null): Promise<Person> => {
    const group = groupId(params);
    await personGroup(invoke, group, scope, kind.label);
    const p = await invoke('people.get', { person_id: personId(params) });
    if (p.library_id !== group) throw new KindredError('not_found', `No person ${p.id} in ${kind.label} ${group}.`);
    return p;
  };
  const faceOf = async (invoke: Invoke, person: Person, faceId: FaceId) => {
    const f = await invoke('faces.get', { face_id: faceId, include_cluster_assignment: false });
    if (f.person_id !== person.id) throw new KindredError('not_found', `No persisted face ${faceId} in person ${person.id}.`);
    return f;
  };

  return [
    route({
      api: 'face', method: 'GET', path: `${one}/persons`,
      summary: 'The people of the library by id, with their face ids as persistedFaceIds.',
      ops: ['libraries.list', 'people.list', 'faces.list'],
      params: Group, query: z.object(startTop(1000)), response: z.array(PersonReply),
      handle: async ({ params, query, scope }, invoke) => {
        const lib = await personGroup(invoke, groupId(params), scope, kind.label);
        const page = pageAfter(await allPeople(invoke, lib.id), (p) => p.id, query.start, query.top);
        return Promise.all(page.map((p) => personReply(invoke, p)));
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/persons`,
      summary: 'Create a person (a user-made person of the library, with no faces yet).',
      ops: ['libraries.list', 'people.create'],
      params: Group, body: { kind: 'json', schema: z.strictObject({ name: PersonName, userData: UserData }) },
      response: z.object({ personId: PersonId }),
      handle: async ({ params, body, scope }, invoke) => {
        const lib = await personGroup(invoke, groupId(params), scope, kind.label);
        refuseUserData(body.userData, 'persons');
        const p = await invoke('people.create', { library_id: lib.id, name: body.name });
        return { personId: p.id };
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/persons/{personId}`,
      summary: 'A person, with their face ids as persistedFaceIds.',
      ops: ['libraries.list', 'people.get', 'faces.list'],
      params: GroupPerson, response: PersonReply,
      handle: async ({ params, scope }, invoke) => personReply(invoke, await personIn(invoke, params, scope)),
    }),
    route({
      api: 'face', method: 'PATCH', path: `${one}/persons/{personId}`,
      summary: 'Rename a person.',
      ops: ['libraries.list', 'people.get', 'people.update'],
      params: GroupPerson, body: { kind: 'json', schema: z.strictObject({ name: PersonName.optional(), userData: UserData }) }, response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        refuseUserData(body.userData, 'persons');
        if (body.name !== undefined) await invoke('people.update', { person_id: p.id, name: body.name });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: `${one}/persons/{personId}`,
      summary: 'Delete a person. Their faces stay in the catalogue, unassigned (photos are never deleted).',
      ops: ['libraries.list', 'people.get', 'people.delete'],
      params: GroupPerson, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        await invoke('people.delete', { person_id: p.id });
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/persons/{personId}/persistedfaces`,
      summary: 'Add a catalogued face to a person: JSON { "faceId": "face_…" } (a Kindred extension); the persistedFaceId is that face id.',
      description: 'Image bytes are refused (415): a person’s faces are faces of catalogued photos. Import the photo, or draw the face in the app, then add it by face id. Faces from detect cannot join a person either.',
      ops: ['libraries.list', 'people.get', 'faces.assign'],
      params: GroupPerson, body: { kind: 'image', schema: z.strictObject({ faceId: FaceRef, userData: UserData }) },
      response: z.object({ persistedFaceId: FaceId }),
      handle: async ({ params, body, upload, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        if (upload) throw new KindredError('unsupported', 'A person’s faces come from catalogued photos: import the photo (or draw the face in the app), then send JSON { "faceId": "face_…" }.');
        refuseUserData(body.userData, 'persisted faces of persons');
        if (!isCatalogued(body.faceId)) {
          throw new KindredError('invalid_input', 'Faces from detect are not in the catalogue and cannot join a person: send a catalogued face id (face_…).', [{ path: 'body.faceId', message: 'must be a catalogued face id (face_…)' }]);
        }
        await invoke('faces.assign', { face_ids: [body.faceId], person_id: p.id });
        return { persistedFaceId: body.faceId };
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/persons/{personId}/persistedfaces/{persistedFaceId}`,
      summary: 'A face of a person.',
      ops: ['libraries.list', 'people.get', 'faces.get'],
      params: GroupPersonFace, response: PersistedFaceReply,
      handle: async ({ params, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        const f = await faceOf(invoke, p, persistedFaceId(params));
        return { persistedFaceId: f.id, userData: null };
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: `${one}/persons/{personId}/persistedfaces/{persistedFaceId}`,
      summary: 'Take a face out of a person, as "not this person": the face stays in its photo, and no later re-cluster puts it back.',
      ops: ['libraries.list', 'people.get', 'faces.get', 'faces.detach'],
      params: GroupPersonFace, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        const p = await personIn(invoke, params, scope);
        const f = await faceOf(invoke, p, persistedFaceId(params));
        await invoke('faces.detach', { face_ids: [f.id], reject: true });
        return undefined;
      },
    }),
  ];
}
