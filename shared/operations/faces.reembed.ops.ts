import { z } from 'zod';
import { op } from './define.ts';

export const ReembedStatus = z.object({
  running: z.boolean(),
  /** Faces whose vector another embedder made: left out of every comparison until embedded again. */
  stale: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
});

export const reembedOps = {
  'faces.reembed': op({
    summary:
      'Embed again, with the current embedder, every face another embedder made (after a model change), from its stored landmarks and the original photo. Resumable; with wait, resolves when done.',
    access: 'renderer',
    input: z.object({ wait: z.boolean().default(false) }),
    output: ReembedStatus,
  }),
};
