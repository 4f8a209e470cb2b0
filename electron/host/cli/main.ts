import { KindredError } from '../../../shared/errors.ts';
import { KindredCore } from '../../core/app.ts';
import { toKindredError } from '../../core/errors.ts';
import { asStorageProblem } from '../../core/storage-problem.ts';
import { UsageError } from './cli-error.ts';
import { parseCli, type CliOptions } from './options.ts';
import { USAGE } from './usage.ts';
import { importCommand } from './commands/import.command.ts';
import { facesCommand } from './commands/faces.command.ts';
import { peopleCommand } from './commands/people.command.ts';
import { librariesCommand } from './commands/libraries.command.ts';
import { serveCommand } from './commands/serve.command.ts';
import { apiKeyCommand } from './commands/api-key.command.ts';
import { rescanCommand } from './commands/rescan.command.ts';
import { backupCommand, restoreCommand } from './commands/backup.command.ts';
import { exportCommand, reembedCommand, xmpWriteCommand } from './commands/photos-out.command.ts';

type Command = (core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  import: importCommand,
  faces: facesCommand,
  people: peopleCommand,
  libraries: librariesCommand,
  serve: serveCommand,
  'api-key': apiKeyCommand,
  rescan: rescanCommand,
  backup: backupCommand,
  restore: restoreCommand,
  export: exportCommand,
  'xmp-write': xmpWriteCommand,
  reembed: reembedCommand,
};

/** Run one CLI command; returns the exit code. Errors are one clear line on stderr. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let core: KindredCore | undefined;
  let opts: CliOptions | undefined;
  const interrupt = () => {
    err.write('\nkindred: stopping; run the same command again to resume\n');
    void core?.close().finally(() => process.exit(130));
  };
  try {
    opts = parseCli(argv);
    if (opts.help || !opts.command) {
      (opts.help ? out : err).write(USAGE);
      return opts.help ? 0 : 2;
    }
    const command = COMMANDS[opts.command];
    if (!command) throw new UsageError(`unknown command "${opts.command}"`);
    core = new KindredCore({
      dataDir: opts.dataDir,
      ...(opts.modelsDir ? { modelsDir: opts.modelsDir } : {}),
      resumeInterrupted: opts.command === 'serve',
      watchFolders: opts.command === 'serve',
      sweepCache: opts.command === 'serve' || opts.command === 'import',
    });
    // serve stops itself on a signal; other commands checkpoint and exit.
    if (opts.command !== 'serve') {
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
    }
    return await command(core, opts, out);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`kindred: ${e.message} (see kindred --help)\n`);
      return 2;
    }
    const problem = asStorageProblem(e, opts?.command === 'import' ? 'import' : 'operation', opts?.dataDir);
    const message = problem ? problem.message : e instanceof KindredError || e instanceof Error ? e.message : String(e);
    err.write(`kindred: error: ${message.split('\n')[0]}\n`);
    return 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await core?.close().catch((e: unknown) => err.write(`kindred: error while closing: ${toKindredError(e).message.split('\n')[0]}\n`));
  }
}
