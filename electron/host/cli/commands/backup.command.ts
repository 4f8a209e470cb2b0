import { resolve } from 'node:path';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { UsageError } from '../cli-error.ts';

/** kindred backup FILE / kindred restore FILE: the whole catalogue, consistent while the app runs. */
export async function backupCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  return copy(core, opts, out, 'backup');
}

export async function restoreCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  return copy(core, opts, out, 'restore');
}

async function copy(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream, what: 'backup' | 'restore'): Promise<number> {
  if (opts.args.length !== 1) throw new UsageError(`${what} needs one FILE`);
  const path = resolve(opts.args[0]!);
  const r = await core.invoke(what === 'backup' ? 'catalogue.backup' : 'catalogue.restore', { path });
  if (opts.json) out.write(`${JSON.stringify({ path, ...r })}\n`);
  else out.write(`${what === 'backup' ? 'backed up to' : 'restored from'} ${path}: ${r.libraries} libraries, ${r.assets} photos, ${r.faces} faces, ${r.people} people (${Math.round(r.bytes / 1024)} KB)\n`);
  return 0;
}
