import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { OperationState } from '../domain/face-api-groups.ts';
import { op } from './define.ts';

// Background work a client polls (the face API's snapshot take and apply run as operations).

export const operationOps = {
  'operations.get': op({
    summary: 'The status of a snapshot take or apply operation.',
    access: 'host',
    input: z.object({ operation_id: z.uuid(), within: LibraryId.optional() }),
    output: OperationState,
  }),
};
