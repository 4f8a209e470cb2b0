import type { Library } from '../../../shared/domain/library.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from './catalogue.ts';

export const DEFAULT_LIBRARY_NAME = 'Photos';

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
  throw new KindredError('invalid_input', `This catalogue has ${all.length} libraries (${all.map((l) => l.name).join(', ')}); say which one with library_id.`, [
    { path: 'library_id', message: 'required when there are several libraries' },
  ]);
}

/**
 * Which library an import goes to: the one named (created if new), else as chooseLibrary decides —
 * except that the very first import makes the first library.
 */
export function libraryForImport(catalogue: Catalogue, id: LibraryId | undefined, name: string | undefined): Library {
  if (!id && name) return catalogue.libraries.findByName(name) ?? catalogue.libraries.create(name);
  if (!id && catalogue.libraries.list().length === 0) return catalogue.libraries.create(DEFAULT_LIBRARY_NAME);
  return chooseLibrary(catalogue, id);
}
