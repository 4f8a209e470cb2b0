import { z } from 'zod';
import { absolutePath } from '../domain/common.ts';
import { op } from './define.ts';

export const catalogueOps = {
  'catalogue.backup': op({
    summary: 'Write a consistent copy of the catalogue to a file (trusted hosts only): the old file or the new one, never half of one.',
    access: 'host',
    input: z.object({ path: absolutePath('file') }),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
  }),
};
