import type { Handlers } from '../../../shared/contract.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

export function libraryHandlers({ catalogue, events }: CoreContext): Pick<Handlers, 'libraries.list' | 'libraries.get' | 'libraries.create' | 'libraries.folders'> {
  return {
    'libraries.list': async () => catalogue.libraries.list(),
    'libraries.get': async ({ library_id }) => found(catalogue.libraries.get(library_id), `library ${library_id}`),
    'libraries.create': async ({ name }) => {
      if (catalogue.libraries.findByName(name)) throw new KindredError('conflict', `A library named "${name}" already exists.`);
      const lib = catalogue.libraries.create(name);
      events.emit('catalogue.changed', { library_id: lib.id, topics: ['libraries'] });
      return lib;
    },
    'libraries.folders': async ({ library_id }) => {
      found(catalogue.libraries.get(library_id), `library ${library_id}`);
      return catalogue.folders.list(library_id);
    },
  };
}
