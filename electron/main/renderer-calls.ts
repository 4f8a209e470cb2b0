// The renderer's operations as main forwards them to the core, without Electron imports (tested in
// plain Node). Host-only operations (absolute paths out, exports, blocking waits) are not in the map;
// the privileged ones (shared/operations/privileged.ts) run only after `ask` says yes.
import { rendererOpNames } from '../../shared/contract.ts';
import { confirmThen, type Ask, type Lookup } from '../../shared/operations/privileged.ts';

export interface CoreInvoker {
  invoke(op: string, input: unknown): Promise<unknown>;
}

export type RendererCall = (input: unknown, ask: Ask) => Promise<unknown>;

export function rendererCalls(core: CoreInvoker): ReadonlyMap<string, RendererCall> {
  const lookup = ((op, input) => core.invoke(op, input)) as Lookup;
  return new Map(rendererOpNames().map((op) => [op, (input: unknown, ask: Ask) => confirmThen(op, input, lookup, ask, () => core.invoke(op, input))] as const));
}
