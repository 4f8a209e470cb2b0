import type { reembedOps } from '../../../shared/operations/faces.reembed.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { CoreContext } from './context.ts';

export function reembedHandlers({ reembedder }: CoreContext): HandlersOf<typeof reembedOps> {
  return {
    'faces.reembed': async ({ wait }) => {
      const job = reembedder.run();
      if (wait) return job;
      return reembedder.status();
    },
  };
}
