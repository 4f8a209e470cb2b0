import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PAGE_CSP } from './csp.ts';
import { fail } from './reply.ts';

export const NOT_BUILT_MESSAGE = 'Kindred: the UI is not built yet. Run `npm run build:renderer`, then reload this page.\n';

/** Paths the page never falls back for: they are the API, not places in the app. */
const API_PREFIXES = ['/rpc/', '/media/', '/events', '/auth', '/assets/'];

/**
 * The built renderer (dist/renderer): its assets as static files, and index.html — with a strict CSP
 * and a `<base href="/">` so its relative URLs work at any path — for `/` and any other page path (SPA
 * fallback). Until the renderer is built, `/` says how to build it; the check is per request, so a
 * build made while the server runs is picked up.
 */
export function pageRoutes(app: FastifyInstance, rendererDir: string | undefined): void {
  if (rendererDir) {
    void app.register(fastifyStatic, {
      root: rendererDir,
      prefix: '/',
      index: false,
      wildcard: true,
      dotfiles: 'deny',
      decorateReply: false,
      cacheControl: false,
      // index.html only ever goes out through page(), with its CSP.
      allowedPath: (path) => path !== '/index.html',
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    });
  }

  const page = async (_req: FastifyRequest, reply: FastifyReply) => {
    const html = rendererDir ? await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => null) : null;
    reply.header('Cache-Control', 'no-store');
    if (html === null) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE);
    return reply.header('Content-Security-Policy', PAGE_CSP).type('text/html; charset=utf-8').send(withBase(html));
  };

  app.get('/', page);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path === '/favicon.ico') return reply.code(204).send(); // the renderer ships none: no console noise
    const pageLike = (req.method === 'GET' || req.method === 'HEAD') && !API_PREFIXES.some((p) => path.startsWith(p)) && (req.headers.accept ?? '').includes('text/html');
    return pageLike ? page(req, reply) : fail(reply, 'not_found', 'Not found.');
  });
}

function withBase(html: string): string {
  return /<base\s/i.test(html) ? html : html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}\n    <base href="/" />`);
}
