import type { operationOps } from '../../../shared/operations/operations.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';

export function operationHandlers(ctx: CoreContext): HandlersOf<typeof operationOps> {
  const { catalogue } = ctx;
  return {
    'operations.get': async ({ operation_id, within }) => {
      const op = catalogue.faceApiOperations.get(operation_id);
      if (!op || (within && op.library_id !== within)) throw new KindredError('not_found', `No operation ${operation_id}.`);
      const { library_id: _lib, ...state } = op;
      return state;
    },
  };
}
