import type { Library } from '../../../shared/domain/library.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';

/** The library an operation works on: the one given, or the only one there is. Never a guess. */
export function chooseLibrary(catalogue: Catalogue, id: LibraryId | undefined): Library {
  if (id) {
    const lib = catalogue.libraries.get(id);
    if (!lib) throw new KindredError('not_found', `No library ${id}.`);
    return lib;
  }
  const all = catalogue.libraries.list();
  if (all.length === 1) return all[0]!;
  if (all.length === 0) throw new KindredError('not_found', 'There is no library yet: import some photos first.');
  throw new KindredError('invalid_input', `This catalogue has ${all.length} libraries; say which one with library_id.`, [
    { path: 'library_id', message: 'required when there are several libraries' },
  ]);
}
