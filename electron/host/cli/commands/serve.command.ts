import { fileURLToPath } from 'node:url';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { createServer } from '../../server/server.ts';
import { UsageError } from '../cli-error.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../../../dist/renderer/', import.meta.url));

/** `kindred serve`: the UI and its operations on 127.0.0.1 until interrupted. */
export async function serveCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${opts.port}"`);
  const server = createServer({ core, rendererDir: RENDERER_DIR });
  const { url } = await server.listen(port);
  out.write(`Kindred is serving ${core.layout.catalogueFile}\nOpen ${url}\n(Ctrl+C stops it.)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
