import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Upstream } from './manifest.ts';
import { tgzEntry } from './tgz.ts';

type UrlSource = Extract<Upstream, { kind: 'url' }>;
type NpmSource = Extract<Upstream, { kind: 'npm' }>;
type Downloadable = UrlSource | NpmSource;

/** Human-readable location of an upstream source, for reports and fix-it messages. */
export function describeUpstream(u: Upstream): string {
  if (u.kind === 'derived') return `made from ${u.from} by models/derive.ts (${u.recipe})`;
  return u.kind === 'url' ? u.url : `npm ${u.package}@${u.version} (${u.path})`;
}

/** Error text with the network cause (ECONNREFUSED, ENOTFOUND…) that fetch hides in `cause`. */
export function errorText(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.message || err.cause?.code;
  return cause && !err.message.includes(cause) ? `${err.message} (${cause})` : String(err.message ?? e);
}

/**
 * Streams a URL's body. The timeout is for inactivity (connecting, or a stalled transfer), not
 * for the whole download, so a large file on a slow but live link still completes.
 */
export async function* fromUrl(src: UrlSource, timeoutMs: number): AsyncGenerator<Uint8Array> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (what: string): void => {
    clearTimeout(timer);
    timer = setTimeout(() => ctl.abort(new Error(`${what} ${timeoutMs} ms`)), timeoutMs);
  };
  // Say which timeout fired rather than fetch's generic "This operation was aborted".
  const explain = (e: unknown): Error => new Error(errorText(ctl.signal.aborted ? ctl.signal.reason : e), { cause: e });
  try {
    arm('no response within');
    const res = await fetch(src.url, { signal: ctl.signal, redirect: 'follow' }).catch((e: unknown) => {
      throw explain(e);
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    arm('transfer stalled for');
    try {
      for await (const chunk of Readable.fromWeb(res.body as WebReadableStream<Uint8Array>)) {
        arm('transfer stalled for');
        yield chunk as Uint8Array;
      }
    } catch (e) {
      throw explain(e);
    }
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
}

// Run npm's own CLI under this Node when we were started by npm (postinstall, `npm run`): no PATH
// lookup and no shell. Only npm itself qualifies: `pnpm pack x` would pack this project instead.
function npmCommand(): { file: string; args: string[]; shell: boolean } {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.[cm]?js$/.test(basename(cli))) return { file: process.execPath, args: [cli], shell: false };
  // npm is a .cmd on Windows, which Node only runs through a shell; the arguments are
  // manifest values restricted to [A-Za-z0-9@/._-] by its schema.
  return { file: 'npm', args: [], shell: process.platform === 'win32' };
}

function run(file: string, args: string[], opts: { cwd: string; timeoutMs: number; shell: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: opts.cwd, timeout: opts.timeoutMs, shell: opts.shell, maxBuffer: 4 << 20, windowsHide: true }, (err, _out, stderr) => {
      if (!err) return resolve();
      const why = err.killed ? `timed out after ${opts.timeoutMs} ms` : err.message.split('\n')[0];
      const detail = String(stderr).split('\n').filter((l) => /ERR!|error/i.test(l)).slice(0, 4).join(' | ');
      reject(new Error(`npm pack failed: ${why}${detail ? ` — ${detail}` : ''}`));
    });
  });
}

/** Downloads the package tarball with `npm pack` (npm's registry config, cache and integrity check) and streams one file from it. */
export async function* fromNpm(src: NpmSource, timeoutMs: number): AsyncGenerator<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'kindred-npm-'));
  try {
    const npm = npmCommand();
    const spec = `${src.package}@${src.version}`;
    const args = [...npm.args, 'pack', spec, '--pack-destination', dir, '--ignore-scripts', '--loglevel=error'];
    await run(npm.file, args, { cwd: dir, timeoutMs, shell: npm.shell });
    const tgz = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack ${spec} produced no tarball`);
    yield* tgzEntry(join(dir, tgz), src.path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function fromUpstream(src: Downloadable, timeoutMs: number): AsyncGenerator<Uint8Array> {
  return src.kind === 'url' ? fromUrl(src, timeoutMs) : fromNpm(src, timeoutMs);
}
