import { KindredError } from '../../../shared/errors.ts';
import type { libraryOps } from '../../../shared/operations/libraries.ops.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';
import { mutation } from './mutation.ts';

export function libraryHandlers(ctx: CoreContext): HandlersOf<typeof libraryOps> {
  const { catalogue } = ctx;
  return {
    'libraries.list': async () => catalogue.libraries.list(),
    'libraries.get': async ({ library_id }) => found(catalogue.libraries.get(library_id), `library ${library_id}`),
    'libraries.create': ({ name }) =>
      mutation(ctx, 'libraries.create', (log) => {
        if (catalogue.libraries.findByName(name)) throw new KindredError('conflict', `A library named "${name}" already exists.`);
        const lib = catalogue.libraries.create(name);
        log.changed(lib.id);
        return lib;
      }),
    'libraries.folders': async ({ library_id }) => {
      found(catalogue.libraries.get(library_id), `library ${library_id}`);
      return catalogue.folders.list(library_id);
    },
  };
}
