import type { FastifyReply } from 'fastify';
import { HTTP_STATUS, KindredError, type ErrorCode, type FieldIssue } from '../../../shared/errors.ts';
import type { RestApi } from '../../../shared/rest/define.ts';

/**
 * Every API failure: `{ error: { code, message, issues? } }` with the code's HTTP status; the identity
 * API's replies also carry `success: false`, as its successes carry `success: true`.
 */
export function apiFail(reply: FastifyReply, api: RestApi | undefined, err: KindredError, status = HTTP_STATUS[err.code]): FastifyReply {
  const error = err.toPayload();
  const body = api === 'identity' ? { success: false, error } : { error };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export const apiError = (code: ErrorCode, message: string, issues?: FieldIssue[]): KindredError => new KindredError(code, message, issues);
