import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { PeopleSort, PersonName } from '../domain/person.ts';
import { IsoDate } from '../domain/common.ts';
import { route } from './define.ts';
import { PersonReply, libraryOf, listReply, pageOut, pageQuery, paging, personReply } from './photo.shapes.ts';
import { qBool } from './query.ts';

const PersonPath = z.object({ person_id: PersonId });
const InLibrary = z.object({ library_id: LibraryId.optional().describe('The person’s library: optional with one library (or a library-scoped key).') });

/** What a client may set on a person, when it creates one and when it changes one. */
const PersonFields = z.strictObject({
  name: PersonName.nullable().optional(),
  birth_date: IsoDate.nullable().optional(),
  is_hidden: z.boolean().nullable().optional(),
  is_favorite: z.boolean().nullable().optional(),
  thumbnail_face_id: FaceId.nullable().optional(),
  library_id: LibraryId.nullable().optional(),
});

export const peopleRoutes = [
  route({
    api: 'photo',
    method: 'POST',
    path: '/api/people',
    summary: 'Create a person',
    description:
      'A thumbnail_face_id given here joins the new person: a cover is always one of the person’s own faces. library_id may be left out when there is one library (or the key is limited to one).',
    ops: ['people.create'],
    body: {
      kind: 'json',
      schema: PersonFields,
    },
    response: PersonReply,
    status: 201,
    handle: async (req, invoke) => {
      const b = req.body;
      const library_id = b.library_id ?? req.scope ?? undefined;
      // people.create chooses the only library itself, and says when there are several.
      const person = await invoke('people.create', {
        ...(library_id ? { library_id } : {}),
        ...(b.name ? { name: b.name } : {}),
        ...(b.birth_date ? { birth_date: b.birth_date } : {}),
        is_hidden: b.is_hidden ?? false,
        is_favorite: b.is_favorite ?? false,
        ...(b.thumbnail_face_id ? { thumbnail_face_id: b.thumbnail_face_id } : {}),
      });
      return personReply(person, req.origin);
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/people',
    summary: 'List people, newest first',
    description:
      'sort: created_at_desc (default), created_at_asc, name_asc, name_desc (unnamed people last), asset_count_desc, asset_count_asc, or one of the app’s orders (Kindred extension): default (favourites, named by name, unnamed by size), count, name, recent (last photographed first). ' +
      'name_filter: named, unnamed or all (default all). Hidden people only with include_hidden=true. Pages by cursor like /api/faces.',
    ops: ['people.list'],
    query: pageQuery(PersonId).extend({
      library_id: LibraryId.optional(),
      name: z.string().trim().min(1).max(200).optional().describe('Names containing this, any case.'),
      name_filter: z.enum(['named', 'unnamed', 'all']).default('all'),
      sort: PeopleSort.default('created_at_desc'),
      include_hidden: qBool.default(false).describe('Kindred extension: hidden people too.'),
    }),
    response: listReply(PersonReply),
    handle: async ({ query: q, scope, origin }, invoke) => {
      const page = await invoke('people.list', {
        library_id: q.library_id ?? scope ?? undefined,
        include_hidden: q.include_hidden,
        ...(q.name ? { query: q.name } : {}),
        named: q.name_filter,
        sort: q.sort,
        ...paging(q),
      });
      return pageOut(page.items.map((p) => personReply(p, origin)), page, q);
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/people/{person_id}',
    summary: 'Get a person',
    ops: ['people.get'],
    params: PersonPath,
    query: InLibrary,
    response: PersonReply,
    handle: async ({ params, origin }, invoke) => personReply(await invoke('people.get', { person_id: params.person_id }), origin),
  }),
  route({
    api: 'photo',
    method: 'PATCH',
    path: '/api/people/{person_id}',
    summary: 'Update a person',
    description: 'Fields left out stay as they are; null clears name, birth_date or thumbnail_face_id.',
    ops: ['people.update'],
    params: PersonPath,
    query: InLibrary,
    body: {
      kind: 'json',
      schema: PersonFields,
    },
    response: PersonReply,
    handle: async ({ params, query, body, origin }, invoke) => {
      libraryOf(query, body);
      const { library_id: _library, is_hidden, is_favorite, ...patch } = body;
      // null for a flag means "leave it", as a left-out field does (the reference's SDKs send null for unset fields).
      return personReply(await invoke('people.update', { person_id: params.person_id, ...patch, ...(is_hidden != null ? { is_hidden } : {}), ...(is_favorite != null ? { is_favorite } : {}) }), origin);
    },
  }),
  route({
    api: 'photo',
    method: 'DELETE',
    path: '/api/people/{person_id}',
    summary: 'Delete a person (their faces become unassigned, and stay out of automatic placement)',
    ops: ['people.delete'],
    params: PersonPath,
    query: InLibrary,
    response: z.undefined(),
    status: 204,
    handle: async ({ params }, invoke) => {
      await invoke('people.delete', { person_id: params.person_id });
      return undefined;
    },
  }),
];
