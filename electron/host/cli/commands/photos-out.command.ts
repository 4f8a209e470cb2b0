import { resolve } from 'node:path';
import type { PersonId } from '../../../../shared/ids.ts';
import { KindredError } from '../../../../shared/errors.ts';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { UsageError } from '../cli-error.ts';
import { libraryFilter } from './library-filter.ts';

async function personNamed(core: KindredCore, name: string | undefined, libraryName: string | undefined): Promise<PersonId | undefined> {
  if (!name) return undefined;
  const libraryId = await libraryFilter(core, libraryName);
  const hit = (await core.invoke('people.list', { query: name, include_hidden: true, ...(libraryId ? { library_id: libraryId } : {}) })).items.filter(
    (p) => p.name?.toLowerCase() === name.toLowerCase(),
  );
  if (hit.length === 0) throw new KindredError('not_found', `No person named "${name}".`);
  if (hit.length > 1) throw new KindredError('conflict', `${hit.length} people are named "${name}"; give --library.`);
  return hit[0]!.id;
}

/** kindred export DIR --person NAME [--xmp]: a person's photos, copied, optionally with sidecars. */
export async function exportCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  if (opts.args.length !== 1 || !opts.person) throw new UsageError('export needs a folder and --person NAME');
  const r = await core.invoke('assets.export', { person_id: (await personNamed(core, opts.person, opts.library))!, folder: resolve(opts.args[0]!), sidecars: opts.xmp });
  if (opts.json) out.write(`${JSON.stringify(r)}\n`);
  else {
    out.write(`exported ${r.exported} photos${opts.xmp ? ` and ${r.sidecars} XMP sidecars` : ''} to ${resolve(opts.args[0]!)}\n`);
    for (const f of r.failed) out.write(`not exported ${f.file_name}: ${f.error}\n`);
  }
  return r.failed.length === 0 ? 0 : 1;
}

/** kindred xmp-write [--library L] [--person NAME]: MWG regions of named faces into sidecars. */
export async function xmpWriteCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const personId = await personNamed(core, opts.person, opts.library);
  const libraryId = personId ? undefined : await libraryFilter(core, opts.library);
  const libraries = personId || libraryId ? [libraryId] : (await core.invoke('libraries.list', {})).map((l) => l.id);
  let written = 0;
  const failed: Array<{ file_name: string; error: string }> = [];
  for (const lib of libraries) {
    const r = await core.invoke('xmp.write_regions', personId ? { person_id: personId } : { library_id: lib! });
    written += r.written;
    failed.push(...r.failed);
  }
  if (opts.json) out.write(`${JSON.stringify({ written, failed })}\n`);
  else {
    out.write(`wrote ${written} XMP sidecars\n`);
    for (const f of failed) out.write(`not written ${f.file_name}: ${f.error}\n`);
  }
  return failed.length === 0 ? 0 : 1;
}

/** kindred reembed: embed again the faces another embedder made. */
export async function reembedCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const r = await core.invoke('faces.reembed', { wait: true });
  if (opts.json) out.write(`${JSON.stringify(r)}\n`);
  else out.write(`embedded ${r.done} faces again; ${r.failed} could not be (photo missing or unreadable); ${r.stale} left\n`);
  return r.failed === 0 ? 0 : 1;
}
