import type { jobOps } from '../../../shared/operations/jobs.ops.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';

export function jobHandlers({ catalogue, imports }: CoreContext): HandlersOf<typeof jobOps> {
  return {
    'jobs.get': async ({ job_id }) => imports.view(found(catalogue.jobs.get(job_id), `job ${job_id}`)),
    'jobs.list': async ({ active, library_id }) => catalogue.jobs.list({ active, libraryId: library_id }).map((j) => imports.view(j)),
    'jobs.pause': async ({ job_id }) => imports.pause(job_id),
    'jobs.resume': async ({ job_id }) => imports.resume(job_id),
    'jobs.cancel': async ({ job_id }) => imports.cancel(job_id),
    'jobs.wait': ({ job_id }) => imports.wait(job_id),
  };
}
