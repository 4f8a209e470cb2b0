import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const TOKEN_COOKIE = 'kindred_token';
export const TOKEN_HEADER = 'x-kindred-token';

/** Only this machine, by the names a browser uses for it: a DNS-rebinding page carries another Host. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(req: FastifyRequest): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v;
  }
  return undefined;
}

/** The per-run secret, from the header (scripts) or the HttpOnly cookie the page got at /auth. */
export function authorised(req: FastifyRequest, token: string): boolean {
  const header = req.headers[TOKEN_HEADER];
  return sameSecret(typeof header === 'string' ? header : undefined, token) || sameSecret(cookieToken(req), token);
}

export function refuse(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ ok: false, error: { code, message } });
}
