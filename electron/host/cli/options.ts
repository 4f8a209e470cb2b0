import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir } from '../../core/data-dir.ts';
import { UsageError } from './cli-error.ts';

export interface CliOptions {
  command: string | undefined;
  args: string[];
  dataDir: string;
  library: string | undefined;
  json: boolean;
  modelsDir: string | undefined;
  help: boolean;
  port: string | undefined;
  open: boolean;
  person: string | undefined;
  xmp: boolean;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        library: { type: 'string' },
        json: { type: 'boolean', default: false },
        models: { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean', default: false },
        person: { type: 'string' },
        xmp: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command, ...args] = parsed.positionals;
  const { values } = parsed;
  return {
    command,
    args,
    dataDir: resolve(values.data ?? defaultDataDir(env)),
    library: values.library,
    json: values.json ?? false,
    modelsDir: values.models ? resolve(values.models) : env.KINDRED_MODELS_DIR,
    help: values.help ?? false,
    port: values.port,
    open: values.open ?? false,
    person: values.person,
    xmp: values.xmp ?? false,
  };
}
