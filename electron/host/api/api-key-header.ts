import type { FastifyRequest } from 'fastify';
import type { RestApi } from '../../../shared/rest/define.ts';

export const API_KEY_HEADER = 'x-api-key';
/** The cloud face API's own header, accepted on its routes so its clients work unchanged. */
export const SUBSCRIPTION_KEY_HEADER = 'ocp-apim-subscription-key';

/** The key a request carries, from the headers its API uses; undefined when there is none. */
export function presentedKey(req: FastifyRequest, api: RestApi | undefined): string | undefined {
  const headers = api === 'face' ? [API_KEY_HEADER, SUBSCRIPTION_KEY_HEADER] : [API_KEY_HEADER];
  for (const h of headers) {
    const v = req.headers[h];
    if (typeof v === 'string' && v.length > 0) return v.trim();
  }
  return undefined;
}
