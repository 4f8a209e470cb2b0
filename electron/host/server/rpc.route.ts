import type { FastifyInstance } from 'fastify';
import { isOpName, operations } from '../../../shared/contract.ts';
import type { RpcReply } from '../../../shared/bridge.ts';
import type { KindredCore } from '../../core/app.ts';
import { toKindredError } from '../../core/errors.ts';
import { HTTP_STATUS } from '../../../shared/errors.ts';
import { fail } from './reply.ts';

/**
 * POST /rpc/<op>: the body is the operation's input as JSON; core.invoke parses it with the op's zod
 * schema. Only operations with access 'renderer' exist here: host-only ones hand out paths or write
 * files, and they answer 404 exactly like a name that does not exist, so the page cannot probe them.
 * Whatever `operations` holds is mounted; nothing is listed by hand.
 */
export function rpcRoute(app: FastifyInstance, core: KindredCore): void {
  app.post('/rpc/:op', async (req, reply) => {
    const op = (req.params as { op: string }).op;
    if (!isOpName(op) || operations[op].access !== 'renderer') return fail(reply, 'unknown_operation', `Unknown operation: ${op.slice(0, 80)}`);
    if (req.body !== undefined && !isJson(req.headers['content-type'])) return fail(reply, 'unsupported', 'Send the operation input as application/json.');
    try {
      const result = await core.invoke(op, (req.body ?? {}) as never);
      return { ok: true, result } satisfies RpcReply<unknown>;
    } catch (err) {
      const e = toKindredError(err);
      return reply.code(HTTP_STATUS[e.code]).send({ ok: false, error: e.toPayload() } satisfies RpcReply<unknown>);
    }
  });
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}
