import type { FastifyInstance } from 'fastify';
import { SIGN_IN_PATH } from '../../../shared/bridge.ts';
import { cookieName, cookieUseAllowed, credential } from './guard.ts';
import type { SignInCodes } from './sign-in.ts';

const page = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}<title>${title}</title></head><body><p>${body}</p></body></html>\n`;

/**
 * GET /auth?code=<one-time code>: sets the HttpOnly, SameSite=Strict session cookie and sends the
 * browser on to `/`. The hop is a same-origin meta refresh, not a 302, so the Strict cookie is sent
 * with it even when the link was opened from another site (a web terminal, a chat).
 */
export function authRoute(app: FastifyInstance, opts: { secret: string; codes: SignInCodes; port: () => number }): void {
  app.get(SIGN_IN_PATH, async (req, reply) => {
    const port = opts.port();
    // No sandbox here (unlike other responses): the refresh must come from this origin to carry the cookie.
    reply.header('Cache-Control', 'no-store').header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'").type('text/html; charset=utf-8');
    const signedIn = credential(req, opts.secret, port) === 'cookie' && cookieUseAllowed(req);
    if (!signedIn && !opts.codes.redeem((req.query as { code?: unknown }).code)) {
      return reply.code(401).send(page('Kindred', 'This sign-in link is not valid or was already used. Use the newest link <code>kindred serve</code> printed (press Enter there for another).'));
    }
    reply.header('Set-Cookie', `${cookieName(port)}=${opts.secret}; HttpOnly; SameSite=Strict; Path=/`);
    return reply.send(page('Kindred', 'Signed in. <a href="/">Open Kindred</a>.', '<meta http-equiv="refresh" content="0;url=/">'));
  });
}
