import { z } from 'zod';
import { JobId, LibraryId } from '../ids.ts';
import { Job } from '../domain/job.ts';
import { op } from './define.ts';

// The persisted queue of long work (imports today): watch, pause, resume, cancel, wait.
export const jobOps = {
  'jobs.get': op({ summary: 'One job.', access: 'renderer', input: z.object({ job_id: JobId }), output: Job }),
  'jobs.list': op({
    summary: 'Jobs, newest first; active only if asked.',
    access: 'renderer',
    input: z.object({ active: z.boolean().default(false), library_id: LibraryId.optional() }),
    output: z.array(Job),
  }),
  'jobs.pause': op({ summary: 'Pause a running job at the next file.', access: 'renderer', input: z.object({ job_id: JobId }), output: Job }),
  'jobs.resume': op({ summary: 'Resume a paused or interrupted job.', access: 'renderer', input: z.object({ job_id: JobId }), output: Job }),
  'jobs.cancel': op({
    summary: 'Stop a job. What was catalogued stays; files not yet analysed are dropped.',
    access: 'renderer',
    input: z.object({ job_id: JobId }),
    output: Job,
  }),
  'jobs.wait': op({
    summary: 'Resolve when the job is no longer queued or running (for scripts and the CLI).',
    access: 'host',
    input: z.object({ job_id: JobId }),
    output: Job,
  }),
};
