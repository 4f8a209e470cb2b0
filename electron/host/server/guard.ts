import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { TOKEN_HEADER } from '../../../shared/bridge.ts';

/** The session cookie's name carries the port: cookies ignore ports, two servers must not clash. */
export function cookieName(port: number): string {
  return `kindred_${port}`;
}

export function sameSecret(given: string | undefined, secret: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type Credential = 'header' | 'cookie' | null;

/** How the request proves it holds the per-run secret: the header (scripts) or the page's HttpOnly cookie. */
export function credential(req: FastifyRequest, secret: string, port: number): Credential {
  const header = req.headers[TOKEN_HEADER];
  if (sameSecret(typeof header === 'string' ? header : undefined, secret)) return 'header';
  if (sameSecret(cookieValue(req, cookieName(port)), secret)) return 'cookie';
  return null;
}

/**
 * A cookie rides along with requests other pages cause, and every 127.0.0.1 port counts as the same
 * site, so SameSite=Strict alone does not keep another local web server's page out. Browsers say who
 * caused a request (Sec-Fetch-Site; Origin is checked for every request by the origin guard): only our
 * own page, or the user typing the URL, may use the cookie. Non-browser clients send neither header
 * and must use the token header anyway.
 */
export function cookieUseAllowed(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
