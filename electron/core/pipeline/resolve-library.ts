import type { Library } from '../../../shared/domain/library.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';

export const DEFAULT_LIBRARY_NAME = 'Photos';

/**
 * Which library an import goes to: the one named (created if new), the one given by id, or — when
 * neither is given — the only library there is (created on first use). Several libraries and no
 * choice is an error rather than a guess.
 */
export function resolveLibrary(catalogue: Catalogue, id: LibraryId | undefined, name: string | undefined): Library {
  if (id) {
    const lib = catalogue.libraries.get(id);
    if (!lib) throw new KindredError('not_found', `No library ${id}.`);
    return lib;
  }
  if (name) return catalogue.libraries.findByName(name) ?? catalogue.libraries.create(name);
  const all = catalogue.libraries.list();
  if (all.length === 0) return catalogue.libraries.create(DEFAULT_LIBRARY_NAME);
  if (all.length === 1) return all[0]!;
  throw new KindredError(
    'invalid_input',
    `This catalogue has ${all.length} libraries (${all.map((l) => l.name).join(', ')}); say which one with library_id or library_name.`,
  );
}
