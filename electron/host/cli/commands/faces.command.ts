import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { libraryFilter } from './library-filter.ts';

export async function facesCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const library_id = await libraryFilter(core, opts.library);
  const faces = await core.invoke('faces.export', library_id ? { library_id } : {});
  if (opts.json) {
    out.write(`${JSON.stringify(faces)}\n`);
    return 0;
  }
  for (const f of faces) {
    const b = f.bounding_box;
    out.write(`${f.id}  ${f.person_id ?? '-'}  ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${Math.round(b.h)}  ${f.path}\n`);
  }
  return 0;
}
