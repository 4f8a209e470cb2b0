import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';

export function reembedHandlers({ reembedder }: CoreContext): Pick<Handlers, 'faces.reembed'> {
  return {
    'faces.reembed': async ({ wait }) => {
      const job = reembedder.run();
      if (wait) return job;
      return reembedder.status();
    },
  };
}
