import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';

export async function librariesCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const libraries = await core.invoke('libraries.list', {});
  if (opts.json) out.write(`${JSON.stringify(libraries)}\n`);
  else for (const l of libraries) out.write(`${l.id}  ${l.name}  ${l.asset_count} photos, ${l.face_count} faces, ${l.people_count} people\n`);
  return 0;
}
