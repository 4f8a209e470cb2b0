import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { PersonName } from '../domain/person.ts';
import { IsoDate } from '../domain/common.ts';
import { route } from './define.ts';
import { PageQuery, PersonReply, listReply, pageOut, personReply } from './photo.shapes.ts';
import { qBool } from './query.ts';

const PersonPath = z.object({ person_id: PersonId });

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
      schema: z.strictObject({
        name: PersonName.nullable().optional(),
        birth_date: IsoDate.nullable().optional(),
        is_hidden: z.boolean().nullable().optional(),
        is_favorite: z.boolean().nullable().optional(),
        thumbnail_face_id: FaceId.nullable().optional(),
        library_id: LibraryId.nullable().optional(),
      }),
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
    summary: 'List people',
    description: 'Favourites first, then named people by name, then unnamed ones by size. Hidden people only with include_hidden=true.',
    ops: ['people.list'],
    query: PageQuery.extend({
      library_id: LibraryId.optional(),
      include_hidden: qBool.default(false),
      q: z.string().trim().min(1).max(200).optional().describe('Names containing this, any case.'),
    }),
    response: listReply(PersonReply),
    handle: async ({ query: q, scope, origin }, invoke) => {
      const page = await invoke('people.list', {
        library_id: q.library_id ?? scope ?? undefined,
        include_hidden: q.include_hidden,
        ...(q.q ? { query: q.q } : {}),
        offset: q.offset,
        limit: q.limit,
      });
      return pageOut(page.items.map((p) => personReply(p, origin)), page.total, q);
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/people/{person_id}',
    summary: 'Get a person',
    ops: ['people.get'],
    params: PersonPath,
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
    body: {
      kind: 'json',
      schema: z
        .object({
          name: PersonName.nullable().optional(),
          birth_date: IsoDate.nullable().optional(),
          is_hidden: z.boolean().optional(),
          is_favorite: z.boolean().optional(),
          thumbnail_face_id: FaceId.nullable().optional(),
        })
        .strict(),
    },
    response: PersonReply,
    handle: async ({ params, body, origin }, invoke) => personReply(await invoke('people.update', { person_id: params.person_id, ...body }), origin),
  }),
  route({
    api: 'photo',
    method: 'DELETE',
    path: '/api/people/{person_id}',
    summary: 'Delete a person (their faces become unassigned, and stay out of automatic placement)',
    ops: ['people.delete'],
    params: PersonPath,
    response: z.undefined(),
    status: 204,
    handle: async ({ params }, invoke) => {
      await invoke('people.delete', { person_id: params.person_id });
      return undefined;
    },
  }),
];
