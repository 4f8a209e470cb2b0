// The two privileged schemes: kindred:// serves the app's own pages from two folders, and
// kindred-media:// serves catalogued images by id through the core, and catalogued videos by id
// streamed from the file the core names. Neither can read any other file.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { APP_SCHEME, MEDIA_SCHEME, appHostOf, type AppHost } from './app-origin.ts';
import { MEDIA_CSP, mediaHeaders, pageHeaders } from './csp.ts';
import { parseMediaUrl } from '../../shared/media-url.ts';
import { isImageKind, type ImageKind, type StreamedKind } from '../../shared/media.ts';
import type { MediaReply, OriginalReply } from '../utility/protocol.ts';
import { streamVideo } from '../core/media/video-stream.ts';
import { mimeOf, resolveStaticFile } from './static-files.ts';

/** Must run before app 'ready'. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origins and relative URLs; secure: treated like https; never bypassCSP.
    // corsEnabled: Vite's <script type="module" crossorigin> makes CORS-mode requests.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export interface ProtocolDeps {
  /** Folder per page host: app -> dist/renderer, setup -> dist/electron/setup. */
  roots: Record<AppHost, string>;
  media: (kind: ImageKind, id: string) => Promise<MediaReply>;
  original: (kind: StreamedKind, id: string) => Promise<OriginalReply>;
  log: (line: string) => void;
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });

async function servePage(roots: Record<AppHost, string>, req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return new Response(null, { status: 405 });
  const host = appHostOf(req.url);
  if (!host) return notFound();
  const file = resolveStaticFile(roots[host], req.url);
  if (!file) return notFound();
  try {
    const body = await readFile(file);
    return new Response(req.method === 'HEAD' ? null : body, { status: 200, headers: pageHeaders(mimeOf(file)!) });
  } catch {
    if (host === 'app' && file.endsWith('index.html')) {
      return new Response('<!doctype html><title>Kindred</title><p>The user interface has not been built. Run <code>npm run build:renderer</code> (or <code>npm start</code>, which builds everything).</p>', {
        status: 404,
        headers: pageHeaders('text/html; charset=utf-8'),
      });
    }
    return notFound();
  }
}

async function serveMedia(deps: ProtocolDeps, req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return new Response(null, { status: 405 });
  const ref = parseMediaUrl(req.url);
  if (!ref) {
    deps.log(`media: refused ${req.url.slice(0, 200)}`);
    return notFound();
  }
  const { kind, id } = ref;
  if (!isImageKind(kind)) return serveOriginal(deps, kind, id, req);
  try {
    const r = await deps.media(kind, id);
    if (!r.found) return notFound();
    return new Response(req.method === 'HEAD' ? null : (r.body as Uint8Array<ArrayBuffer>), { status: 200, headers: mediaHeaders(r.mime) });
  } catch (e) {
    deps.log(`media: ${kind}/${id} failed: ${(e as Error).message}`);
    return new Response('Unavailable', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

/** An original (a video) by id, with Range requests: the core says which file; its bytes never pass through the core. */
async function serveOriginal(deps: ProtocolDeps, kind: StreamedKind, id: string, req: Request): Promise<Response> {
  try {
    const r = await deps.original(kind, id);
    if (!r.found) return notFound();
    const out = await streamVideo(r.path, r.mime, { method: req.method, headers: Object.fromEntries(req.headers) });
    const body = req.method === 'HEAD' || out.status === 304 ? null : (Readable.toWeb(out.body) as ReadableStream<Uint8Array>);
    return new Response(body, { status: out.status, headers: { ...out.headers, 'Content-Security-Policy': MEDIA_CSP, 'X-Content-Type-Options': 'nosniff' } });
  } catch (e) {
    deps.log(`media: ${kind}/${id} failed: ${(e as Error).message}`);
    return new Response('Unavailable', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

/** After 'ready': handlers on the default session (the only one windows use). */
export function handleProtocols(deps: ProtocolDeps): void {
  protocol.handle(APP_SCHEME, (req) => servePage(deps.roots, req));
  protocol.handle(MEDIA_SCHEME, (req) => serveMedia(deps, req));
}
