import Fastify, { type FastifyInstance } from 'fastify';
import type { KindredCore } from '../../core/app.ts';
import { fastifyLimitOptions, httpLimits, limitServer, type HttpLimits } from '../server/http-limits.ts';
import { NOT_OURS, originGuard } from '../server/origin-guard.ts';
import { KindredError } from '../../../shared/errors.ts';
import { apiFail } from './api-error.ts';
import { apiPlugin } from './api.plugin.ts';

export interface ApiServerOptions {
  core: KindredCore;
  /** 127.0.0.1 unless the user chose otherwise. */
  host?: string;
  validateReplies?: boolean;
  /** Timeouts and the connection cap (tests shorten them). */
  limits?: Partial<HttpLimits>;
}

export interface ApiServer {
  app: FastifyInstance;
  listen(port?: number): Promise<{ origin: string; port: number }>;
  close(): Promise<void>;
}

/**
 * The local REST API on a server of its own: what the desktop app starts when the user switches the
 * API on. Nothing but /api and /face/v1.0 is served; there are no cookies and no pages, so only a key
 * opens it. It answers only to its own addresses (Host) and to no other site's pages (Origin).
 */
export function createApiServer(opts: ApiServerOptions): ApiServer {
  const host = opts.host ?? '127.0.0.1';
  const limits = httpLimits(opts.limits);
  let port = 0;
  const guard = originGuard(host, () => port);
  const app = Fastify({ logger: false, return503OnClosing: true, ...fastifyLimitOptions(limits) });
  limitServer(app.server, limits);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-store');
    if (!guard.originOf(req.headers.host) || !guard.originAllowed(req.headers.origin)) {
      return apiFail(reply, undefined, new KindredError('forbidden', NOT_OURS));
    }
    return undefined;
  });
  void app.register(apiPlugin, { core: opts.core, guard, ...(opts.validateReplies ? { validateReplies: true } : {}) });
  return {
    app,
    async listen(wanted = 0) {
      await app.listen({ host, port: wanted });
      const addr = app.server.address();
      port = typeof addr === 'object' && addr ? addr.port : wanted;
      const shown = host.includes(':') ? `[${host}]` : host;
      return { origin: `http://${shown}:${port}`, port };
    },
    close: () => app.close(),
  };
}
