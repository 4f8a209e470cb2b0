import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';

type IdentityOps = never;

export function identityHandlers(_ctx: CoreContext): Pick<Handlers, IdentityOps> {
  return {};
}
