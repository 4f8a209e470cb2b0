import type { KindredClient, OpInput, OpName, OpOutput } from '../../../shared/contract.ts';
import type { KindredBridge } from '../../../shared/bridge.ts';
import { asKindredError } from './errors.ts';

/** The client over Electron IPC: the preload's bridge, with its plain error payloads made KindredErrors. */
export function createBridgeClient(bridge: KindredBridge): KindredClient {
  return {
    async invoke<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
      try {
        return await bridge.invoke(op, input);
      } catch (e) {
        throw asKindredError(e);
      }
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
