import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

export function peopleHandlers({ catalogue }: CoreContext): Pick<Handlers, 'people.list' | 'people.get'> {
  return {
    'people.list': async ({ library_id, include_hidden, query, offset, limit }) =>
      catalogue.people.list({ libraryId: library_id, includeHidden: include_hidden, query }, offset, limit),
    'people.get': async ({ person_id }) => {
      const person = found(catalogue.people.get(person_id), `person ${person_id}`);
      return person;
    },
  };
}
