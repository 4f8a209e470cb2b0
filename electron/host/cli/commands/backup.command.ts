import { resolve } from 'node:path';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { UsageError } from '../cli-error.ts';

export async function backupCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  if (opts.args.length !== 1) throw new UsageError('backup needs one file to write');
  const done = await core.invoke('catalogue.backup', { path: resolve(opts.args[0]!) });
  out.write(opts.json ? `${JSON.stringify(done)}\n` : `Catalogue backed up to ${done.path} (${Math.round(done.bytes / 1024)} KB)\n`);
  return 0;
}
