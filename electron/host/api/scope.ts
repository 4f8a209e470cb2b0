import { idPattern, type LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../../core/catalogue/catalogue.ts';

const CATALOGUE_ID = idPattern(['face', 'person', 'asset', 'library']);
const MAX_DEPTH = 6;

/** Every catalogue id a request names, wherever it sits (path, query or body). */
function idsIn(value: unknown, out: string[], depth = 0): string[] {
  if (depth > MAX_DEPTH) return out;
  if (typeof value === 'string') {
    if (CATALOGUE_ID.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) idsIn(v, out, depth + 1);
  } else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const v of Object.values(value)) idsIn(v, out, depth + 1);
  }
  return out;
}

function libraryOf(catalogue: Catalogue, id: string): LibraryId | undefined {
  const kind = id.slice(0, id.indexOf('_'));
  if (kind === 'face') return catalogue.faces.get(id as `face_${string}`)?.library_id;
  if (kind === 'person') return catalogue.people.libraryOf(id as `person_${string}`);
  if (kind === 'asset') return catalogue.assets.get(id as `asset_${string}`)?.library_id;
  return catalogue.libraries.get(id as LibraryId)?.id;
}

/**
 * A key limited to one library sees nothing else: an id from another library is "not found", with the
 * same message as an id that never existed, so a key cannot even learn what other libraries hold. A
 * request that names a library_id likewise finds nothing of other libraries. Ids nobody has are left
 * to the operation, which says not_found itself.
 */
export function checkScope(catalogue: Catalogue, scope: LibraryId | null, ...parts: unknown[]): void {
  const ids = idsIn(parts, []);
  const libraries = ids.filter((id) => id.startsWith('library_'));
  for (const lib of libraries) if (scope && lib !== scope) throw new KindredError('not_found', `No library ${lib}.`);
  const within = scope ?? (new Set(libraries).size === 1 ? (libraries[0] as LibraryId) : null);
  if (!within) return;
  for (const id of ids) {
    if (id.startsWith('library_')) continue;
    const actual = libraryOf(catalogue, id);
    if (actual && actual !== within) throw new KindredError('not_found', `No ${id.slice(0, id.indexOf('_'))} ${id}${scope ? '' : ` in library ${within}`}.`);
  }
}
