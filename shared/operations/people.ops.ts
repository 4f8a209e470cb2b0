import { z } from 'zod';
import { LibraryId, PersonId } from '../ids.ts';
import { Person } from '../domain/person.ts';
import { Page, pageOf } from '../domain/common.ts';
import { op } from './define.ts';

export const peopleOps = {
  'people.list': op({
    summary: 'People: favourites first, then named by name, then unnamed by size. Hidden people only if asked.',
    access: 'renderer',
    input: Page.extend({
      library_id: LibraryId.optional(),
      include_hidden: z.boolean().default(false),
      query: z.string().trim().max(200).optional(),
    }),
    output: pageOf(Person),
  }),
  'people.get': op({ summary: 'One person.', access: 'renderer', input: z.object({ person_id: PersonId }), output: Person }),
};
