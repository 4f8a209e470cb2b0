import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { isOpName, operations } from '../../../shared/contract.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { KindredCore } from '../../core/app.ts';
import { toKindredError } from '../../core/errors.ts';
import { MEDIA_KINDS, MediaSource, type MediaKind } from '../../core/media/media-source.ts';
import { PAGE_CSP } from './csp.ts';
import { authorised, hostAllowed, refuse, sameSecret, TOKEN_COOKIE } from './guard.ts';
import { HTTP_STATUS } from './http-status.ts';

export interface ServerOptions {
  core: KindredCore;
  /** The built renderer (index.html and assets); without it `/` explains how to build it. */
  rendererDir?: string;
  /** The per-run secret; random when not given. */
  token?: string;
  bodyLimit?: number;
}

export interface KindredServer {
  app: FastifyInstance;
  token: string;
  /** Listen on 127.0.0.1 only; returns the page URL that hands the browser its cookie. */
  listen(port?: number): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

/**
 * The local host: the renderer's operations as HTTP RPC, core events as server-sent events, and media
 * by id. Bound to 127.0.0.1; every request must name this machine in Host, and everything but the page
 * itself needs the per-run secret.
 */
export function createServer(opts: ServerOptions): KindredServer {
  const { core } = opts;
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const media = new MediaSource(core.catalogue, core.layout.cacheDir);
  const app = Fastify({ bodyLimit: opts.bodyLimit ?? 1024 * 1024, logger: false });
  let port = 0;

  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host, port)) return refuse(reply, 403, 'forbidden', 'This server answers only to 127.0.0.1 and localhost.');
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').header('Cross-Origin-Resource-Policy', 'same-origin');
    const open = req.url === '/' || req.url.startsWith('/auth') || req.url.startsWith('/assets/') || req.url === '/favicon.ico';
    if (!open && !authorised(req, token)) return refuse(reply, 401, 'unauthorized', 'Missing or wrong Kindred token: open the URL `kindred serve` printed.');
    return undefined;
  });

  // Exchange the one-time URL's token for an HttpOnly cookie, then drop it from the address bar.
  app.get('/auth', async (req, reply) => {
    const given = (req.query as { token?: string }).token;
    if (!sameSecret(given, token)) return refuse(reply, 401, 'unauthorized', 'Wrong Kindred token.');
    return reply.header('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`).redirect('/');
  });

  app.post('/rpc/:op', async (req, reply) => {
    const op = (req.params as { op: string }).op;
    if (!isOpName(op) || operations[op].access !== 'renderer') return refuse(reply, 404, 'unknown_operation', `Unknown operation: ${op}`);
    try {
      const result = await core.invoke(op, (req.body ?? {}) as never);
      return { ok: true, result };
    } catch (err) {
      const e = toKindredError(err);
      return reply.code(HTTP_STATUS[e.code]).send({ ok: false, error: e.toPayload() });
    }
  });

  app.get('/events', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    reply.raw.write(': kindred events\n\n');
    const off = core.events.onAny((event, payload) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
    const ping = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      off();
    });
  });

  app.get('/media/:kind/:id', async (req, reply) => {
    const { kind, id } = req.params as { kind: string; id: string };
    if (!MEDIA_KINDS.includes(kind as MediaKind)) return refuse(reply, 404, 'not_found', 'No such media kind.');
    const got = await media.get(kind as MediaKind, id);
    if (!got.found) return refuse(reply, got.reason === 'invalid_id' ? 400 : 404, got.reason === 'invalid_id' ? 'invalid_input' : 'not_found', `No ${kind} for ${id.slice(0, 60)}.`);
    if (req.headers['if-none-match'] === got.etag) return reply.code(304).send();
    return reply.header('Content-Type', got.mime).header('ETag', got.etag).header('Cache-Control', 'private, max-age=3600').send(got.body);
  });

  const rendererDir = opts.rendererDir;
  if (rendererDir && existsSync(join(rendererDir, 'index.html'))) {
    void app.register(fastifyStatic, { root: rendererDir, index: false, wildcard: false, serve: true, decorateReply: true });
    const page = async (_req: unknown, reply: FastifyReply) => reply.header('Content-Security-Policy', PAGE_CSP).header('Cache-Control', 'no-store').sendFile('index.html');
    app.get('/', page);
    app.setNotFoundHandler((req, reply) => (req.method === 'GET' && !req.url.startsWith('/rpc') && !req.url.startsWith('/media') ? page(req, reply) : refuse(reply, 404, 'not_found', 'Not found.')));
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('Kindred: the UI is not built yet. Run `npm run build:renderer`, then start `kindred serve` again.\n'));
  }

  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    const e = status < 500 ? new KindredError('invalid_input', err instanceof Error ? err.message : 'Bad request.') : toKindredError(err);
    return reply.code(status < 500 ? status : HTTP_STATUS[e.code]).send({ ok: false, error: e.toPayload() });
  });

  return {
    app,
    token,
    async listen(wanted = 0) {
      await app.listen({ host: '127.0.0.1', port: wanted });
      const addr = app.server.address();
      port = typeof addr === 'object' && addr ? addr.port : wanted;
      return { url: `http://127.0.0.1:${port}/auth?token=${token}`, port };
    },
    close: () => app.close(),
  };
}
