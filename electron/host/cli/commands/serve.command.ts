import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { createServer } from '../../server/server.ts';
import { UsageError } from '../cli-error.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../../../dist/renderer/', import.meta.url));

/**
 * `kindred serve [--port N] [--open]`: the UI and its operations on 127.0.0.1 until SIGINT or SIGTERM.
 * It prints a one-time sign-in link (the session secret itself is never printed); Enter prints
 * another when stdin is a terminal. The caller (main.ts) closes the core after we return.
 */
export async function serveCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!/^\d+$/.test(opts.port ?? '0') || port > 65535) throw new UsageError(`--port must be a port number, not "${opts.port}"`);
  const server = createServer({ core, rendererDir: RENDERER_DIR, api: true });
  const { url, origin } = await server.listen(port);
  const interactive = process.stdin.isTTY === true;
  out.write(`Kindred is serving ${core.layout.dataDir} at ${origin}\nLocal REST API: ${origin}/api (key in X-API-Key; create one with \`kindred api-key create\`), OpenAPI at ${origin}/api/openapi.json\nSign in with this one-time link: ${url}\n${interactive ? 'Press Enter for another link; ' : ''}Ctrl+C stops.\n`);
  if (opts.open) openBrowser(url, out);
  const another = () => out.write(`Sign in with this one-time link: ${server.signInUrl()}\n`);
  if (interactive) process.stdin.on('data', another).resume();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  if (interactive) process.stdin.off('data', another).pause();
  out.write('Kindred: stopping.\n');
  await server.close();
  return 0;
}

function openBrowser(url: string, out: NodeJS.WritableStream): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => out.write(`(Could not open a browser with ${cmd}; open the link above yourself.)\n`));
  child.unref();
}
