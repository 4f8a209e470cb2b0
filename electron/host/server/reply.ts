import type { FastifyReply } from 'fastify';
import { HTTP_STATUS, type ErrorCode } from '../../../shared/errors.ts';

/** Every failure the server sends: the contract's error payload, with the code's HTTP status. */
export function fail(reply: FastifyReply, code: ErrorCode, message: string, status = HTTP_STATUS[code]): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ ok: false, error: { code, message } });
}
