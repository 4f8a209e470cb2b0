import Fastify, { type FastifyInstance } from 'fastify';
import type { KindredCore } from '../../core/app.ts';
import { apiPlugin } from './api.plugin.ts';

export interface ApiServerOptions {
  core: KindredCore;
  /** 127.0.0.1 unless the user chose otherwise. */
  host?: string;
  validateReplies?: boolean;
}

export interface ApiServer {
  app: FastifyInstance;
  listen(port?: number): Promise<{ origin: string; port: number }>;
  close(): Promise<void>;
}

/**
 * The local REST API on a server of its own: what the desktop app starts when the user switches the
 * API on. Nothing but /api and /face/v1.0 is served; there are no cookies and no pages, so only a key
 * opens it.
 */
export function createApiServer(opts: ApiServerOptions): ApiServer {
  const host = opts.host ?? '127.0.0.1';
  const app = Fastify({ logger: false, return503OnClosing: true });
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-store');
  });
  void app.register(apiPlugin, { core: opts.core, ...(opts.validateReplies ? { validateReplies: true } : {}) });
  return {
    app,
    async listen(port = 0) {
      await app.listen({ host, port });
      const addr = app.server.address();
      const bound = typeof addr === 'object' && addr ? addr.port : port;
      const shown = host.includes(':') ? `[${host}]` : host;
      return { origin: `http://${shown}:${bound}`, port: bound };
    },
    close: () => app.close(),
  };
}
