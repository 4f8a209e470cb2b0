import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';

type ApiOps = never;

export function apiHandlers(_ctx: CoreContext): Pick<Handlers, ApiOps> {
  return {};
}
