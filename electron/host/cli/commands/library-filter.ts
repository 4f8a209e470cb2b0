import type { LibraryId } from '../../../../shared/ids.ts';
import { KindredError } from '../../../../shared/errors.ts';
import type { KindredCore } from '../../../core/app.ts';

/** --library NAME → its id; no flag → every library. */
export async function libraryFilter(core: KindredCore, name: string | undefined): Promise<LibraryId | undefined> {
  if (!name) return undefined;
  const lib = (await core.invoke('libraries.list', {})).find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (!lib) throw new KindredError('not_found', `No library named "${name}".`);
  return lib.id;
}
