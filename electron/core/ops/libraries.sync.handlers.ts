import type { librarySyncOps } from '../../../shared/operations/libraries.sync.ops.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';

export function librarySyncHandlers({ catalogue, imports }: CoreContext): HandlersOf<typeof librarySyncOps> {
  return {
    // A rescan is a job like an import: it announces its own changes as it goes.
    'libraries.rescan': async ({ library_id }) => {
      const libraries = library_id ? [found(catalogue.libraries.get(library_id), `library ${library_id}`)] : catalogue.libraries.list();
      return libraries.filter((l) => catalogue.folders.list(l.id).length > 0).map((l) => imports.rescan(l.id));
    },
  };
}
