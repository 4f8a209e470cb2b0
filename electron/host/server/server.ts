import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { SIGN_IN_PATH } from '../../../shared/bridge.ts';
import { HTTP_STATUS, KindredError } from '../../../shared/errors.ts';
import type { KindredCore } from '../../core/app.ts';
import { toKindredError } from '../../core/errors.ts';
import { apiPlugin } from '../api/api.plugin.ts';
import { isApiPath } from '../api/api-paths.ts';
import { authRoute } from './auth.route.ts';
import { RESOURCE_CSP } from './csp.ts';
import { eventsRoute } from './events.route.ts';
import { cookieUseAllowed, credential } from './guard.ts';
import { fastifyLimitOptions, httpLimits, limitServer, type HttpLimits } from './http-limits.ts';
import { NOT_OURS, originGuard } from './origin-guard.ts';
import { mediaRoute } from './media.route.ts';
import { pageRoutes } from './page.route.ts';
import { fail } from './reply.ts';
import { rpcRoute } from './rpc.route.ts';
import { SignInCodes } from './sign-in.ts';

export interface ServerOptions {
  core: KindredCore;
  /** The per-run secret (the session cookie's value and the X-Kindred-Token header); random when not given. */
  token?: string;
  /** The built renderer (index.html and assets/); without it `/` explains how to build it. */
  rendererDir?: string;
  /** Largest request body, in bytes (default 1 MiB: operation inputs are small JSON). */
  bodyLimit?: number;
  /** Also serve the local REST API (/api, /face/v1.0), opened by API keys rather than the session secret. */
  api?: boolean;
  /** Timeouts and the connection cap (tests shorten them). */
  limits?: Partial<HttpLimits>;
}

export interface KindredServer {
  app: FastifyInstance;
  /** The per-run secret, for in-process callers and scripts (send it as X-Kindred-Token). Never print it. */
  token: string;
  /** Listen on 127.0.0.1 only (port 0: any free port); returns a one-time sign-in URL for a browser. */
  listen(port?: number): Promise<{ url: string; port: number; origin: string }>;
  /** Another one-time sign-in URL (each opens one browser session once). */
  signInUrl(): string;
  close(): Promise<void>;
}

/**
 * The local host: the contract's renderer operations as HTTP RPC, core events as server-sent events,
 * catalogued media by id, and the built renderer. Bound to 127.0.0.1 and answering only to Host
 * 127.0.0.1:<port> or localhost:<port> (DNS rebinding). Everything except the sign-in URL needs the
 * per-run secret: the X-Kindred-Token header, or the HttpOnly cookie the sign-in URL sets, accepted
 * only on requests our own page (or the user) made. No CORS: other origins cannot read anything.
 */
export function createServer(opts: ServerOptions): KindredServer {
  const { core } = opts;
  const secret = opts.token ?? randomBytes(32).toString('base64url');
  const codes = new SignInCodes();
  const limits = httpLimits({ maxConnections: 128, ...opts.limits });
  const app = Fastify({ bodyLimit: opts.bodyLimit ?? 1024 * 1024, logger: false, return503OnClosing: true, ...fastifyLimitOptions(limits) });
  limitServer(app.server, limits);
  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;
  const guard = originGuard('127.0.0.1', () => port);

  app.addHook('onRequest', async (req, reply) => {
    reply
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cross-Origin-Resource-Policy', 'same-origin')
      .header('Cross-Origin-Opener-Policy', 'same-origin')
      .header('X-Frame-Options', 'DENY')
      .header('Content-Security-Policy', RESOURCE_CSP);
    if (!guard.originOf(req.headers.host) || !guard.originAllowed(req.headers.origin)) return fail(reply, 'forbidden', NOT_OURS);
    if (req.url === SIGN_IN_PATH || req.url.startsWith(`${SIGN_IN_PATH}?`)) return undefined;
    // The REST API checks its own keys; the session secret and cookie mean nothing there.
    if (opts.api && isApiPath(req.url)) return undefined;
    const by = credential(req, secret, port);
    if (by === null) {
      const message = 'Sign in first: open the link `kindred serve` printed.';
      if ((req.headers.accept ?? '').includes('text/html')) return reply.code(401).type('text/plain; charset=utf-8').send(`Kindred: ${message}\n`);
      return fail(reply, 'unauthorized', message);
    }
    if (by === 'cookie' && !cookieUseAllowed(req)) return fail(reply, 'forbidden', 'Requests from other sites are refused.');
    return undefined;
  });

  authRoute(app, { secret, codes, port: () => port });
  rpcRoute(app, core);
  eventsRoute(app, core);
  mediaRoute(app, core);
  if (opts.api) void app.register(apiPlugin, { core, guard });
  pageRoutes(app, opts.rendererDir);

  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) {
      const e = toKindredError(err);
      return reply.code(HTTP_STATUS[e.code]).send({ ok: false, error: e.toPayload() });
    }
    const code = status === 415 ? 'unsupported' : status === 404 ? 'not_found' : 'invalid_input';
    const message = err instanceof Error ? err.message : 'Bad request.';
    return reply.code(status).send({ ok: false, error: new KindredError(code, message).toPayload() });
  });

  const signInUrl = () => `${origin()}${SIGN_IN_PATH}?code=${codes.issue()}`;
  return {
    app,
    token: secret,
    async listen(wanted = 0) {
      await app.listen({ host: '127.0.0.1', port: wanted });
      const addr = app.server.address();
      port = typeof addr === 'object' && addr ? addr.port : wanted;
      return { url: signInUrl(), port, origin: origin() };
    },
    signInUrl,
    close: () => app.close(),
  };
}
