import type { FastifyRequest } from 'fastify';
import type { RestApi } from '../../../shared/rest/define.ts';

export const API_KEY_HEADER = 'x-api-key';
/** The cloud face API's own header, accepted on its routes so its clients work unchanged. */
export const SUBSCRIPTION_KEY_HEADER = 'ocp-apim-subscription-key';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** How a client may send its key, for messages. */
export const keyHeadersFor = (api: RestApi | undefined): string =>
  `the X-API-Key header, or Authorization: Bearer <key>${api === 'face' ? ', or Ocp-Apim-Subscription-Key' : ''}`;

/**
 * The key a request carries, from the headers its API uses: X-API-Key and `Authorization: Bearer`
 * everywhere (the photo-library SDK sends Bearer), Ocp-Apim-Subscription-Key on the face API too.
 * Undefined when there is none.
 */
export function presentedKey(req: FastifyRequest, api: RestApi | undefined): string | undefined {
  const headers = api === 'face' ? [API_KEY_HEADER, SUBSCRIPTION_KEY_HEADER] : [API_KEY_HEADER];
  for (const h of headers) {
    const v = req.headers[h];
    if (typeof v === 'string' && v.trim().length > 0) return v.trim();
  }
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' ? BEARER.exec(auth) : null;
  return bearer ? bearer[1] : undefined;
}
