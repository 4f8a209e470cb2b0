import type { FastifyInstance } from 'fastify';
import { isOpName, operations } from '../../../shared/contract.ts';
import type { RpcReply } from '../../../shared/bridge.ts';
import type { KindredCore } from '../../core/app.ts';
import { toKindredError } from '../../core/errors.ts';
import { HTTP_STATUS, KindredError } from '../../../shared/errors.ts';
import { confirmThen, type Ask, type Lookup } from '../../../shared/operations/privileged.ts';
import { fail } from './reply.ts';

/**
 * POST /rpc/<op>: the body is the operation's input as JSON; core.invoke parses it with the op's zod
 * schema. Only operations with access 'renderer' exist here: host-only ones hand out paths or write
 * files, and they answer 404 exactly like a name that does not exist, so the page cannot probe them.
 * Whatever `operations` holds is mounted; nothing is listed by hand.
 */
export function rpcRoute(app: FastifyInstance, core: KindredCore, ask: Ask = browserAsk): void {
  const lookup: Lookup = (op, input) => core.invoke(op, input);
  app.post('/rpc/:op', async (req, reply) => {
    const op = (req.params as { op: string }).op;
    if (!isOpName(op) || operations[op].access !== 'renderer') return fail(reply, 'unknown_operation', `Unknown operation: ${op.slice(0, 80)}`);
    if (req.body !== undefined && !isJson(req.headers['content-type'])) return fail(reply, 'unsupported', 'Send the operation input as application/json.');
    try {
      const input = req.body ?? {};
      const result = await confirmThen(op, input, lookup, ask, () => core.invoke(op, input as never));
      return { ok: true, result } satisfies RpcReply<unknown>;
    } catch (err) {
      const e = toKindredError(err);
      return reply.code(HTTP_STATUS[e.code]).send({ ok: false, error: e.toPayload() } satisfies RpcReply<unknown>);
    }
  });
}

/**
 * A browser page has no dialog of ours to ask in. Its user started the server and signed the page in,
 * so it may make keys as the CLI can; serving the desktop app's API to the network is for the desktop
 * app, which asks first.
 */
const browserAsk: Ask = async (q) => {
  if (q.op === 'api_keys.create') return true;
  throw new KindredError('forbidden', 'Opening the API to the network is done in the desktop app, which asks you to confirm it.');
};

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}
