import type { FastifyReply } from 'fastify';
import { HTTP_STATUS, KindredError, type ErrorCode, type FieldIssue } from '../../../shared/errors.ts';
import type { RestApi } from '../../../shared/rest/define.ts';
import { MAX_JSON_BYTES, MAX_UPLOAD_BYTES } from '../../../shared/rest/define.ts';
import { cloudCodeOf } from '../../../shared/rest/face-api.errors.ts';
import { toKindredError } from '../../core/errors.ts';

/**
 * Every API failure in its API's envelope, with the code's HTTP status: `{ error: { code, message,
 * issues? } }` with Kindred's codes on the photo-library API; the same with `success: false` on the
 * identity API (its successes carry `success: true`); and on the cloud face API its own codes
 * (`BadArgument`, `PersonGroupNotFound`, …), Kindred's code and field issues kept beside them.
 */
export function apiFail(reply: FastifyReply, api: RestApi | undefined, err: KindredError, status = HTTP_STATUS[err.code]): FastifyReply {
  const error = err.toPayload();
  const body =
    api === 'identity' ? { success: false, error }
    : api === 'face' ? { error: { code: cloudCodeOf(err), message: err.message, kindred_code: err.code, ...(err.issues ? { issues: err.issues } : {}) } }
    : { error };
  // A body refused unread would otherwise keep the socket waiting for the rest of it.
  if (status === 413 || status === 408) reply.header('Connection', 'close');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export const apiError = (code: ErrorCode, message: string, issues?: FieldIssue[]): KindredError => new KindredError(code, message, issues);

/** Any failure, Fastify's own refusals (bad JSON, too large, wrong content type, timeouts) included, as an error and its status. */
export function failureOf(err: unknown): [KindredError, number] {
  if (err instanceof KindredError) return [err, HTTP_STATUS[err.code]];
  const status = (err as { statusCode?: number }).statusCode ?? 500;
  const message = err instanceof Error ? err.message : 'Bad request.';
  if (status === 413) return [new KindredError('invalid_input', `The body is too large (at most ${MAX_UPLOAD_BYTES / 1048576} MB for images, ${MAX_JSON_BYTES / 1024} KB for JSON, unless the route says otherwise).`), 413];
  if (status === 415) return [new KindredError('unsupported', message), 415];
  if (status === 408) return [new KindredError('invalid_input', 'The request took too long to arrive.'), 408];
  if (status >= 400 && status < 500) return [new KindredError('invalid_input', message), status];
  const e = toKindredError(err);
  return [e, HTTP_STATUS[e.code]];
}
