import type { Person } from '../../../../shared/domain/person.ts';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { libraryFilter } from './library-filter.ts';

const PAGE = 5000;

export async function peopleCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const library_id = await libraryFilter(core, opts.library);
  const people: Person[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await core.invoke('people.list', { include_hidden: true, offset, limit: PAGE, ...(library_id ? { library_id } : {}) });
    people.push(...page.items);
    if (people.length >= page.total || page.items.length === 0) break;
  }
  const rows = people.map((p) => ({ id: p.id, name: p.name, face_count: p.face_count, asset_count: p.asset_count, is_hidden: p.is_hidden, is_favorite: p.is_favorite }));
  if (opts.json) {
    out.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  for (const p of rows) out.write(`${p.id}  ${p.name ?? '(unnamed)'}  ${p.face_count} faces in ${p.asset_count} photos${p.is_hidden ? '  hidden' : ''}${p.is_favorite ? '  ★' : ''}\n`);
  return 0;
}
