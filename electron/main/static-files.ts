// Maps kindred://<host>/<path> to a file under one root folder, refusing anything that would leave
// it. No Electron imports: tested in plain Node.
import { extname, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeOf(file: string): string | null {
  return MIME[extname(file).toLowerCase()] ?? null;
}

/**
 * The absolute file under `root` that `url` names, or null when the URL cannot name one safely:
 * bad percent-encoding, NUL bytes, backslashes, dot segments that survived parsing, a path that
 * resolves outside `root`, or a type we do not serve. "/" and extension-less paths (client-side
 * routes) map to the root index.html.
 */
export function resolveStaticFile(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '.' || s === '..' || s.includes(':'))) return null;
  const last = segments.at(-1);
  const base = resolve(root);
  const file = !last || !extname(last) ? resolve(base, 'index.html') : resolve(base, ...segments);
  if (!file.startsWith(base + sep)) return null;
  return mimeOf(file) ? file : null;
}
