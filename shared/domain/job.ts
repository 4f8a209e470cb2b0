import { z } from 'zod';
import { JobId, LibraryId } from '../ids.ts';
import { Timestamp } from './common.ts';

/** waiting: held up by the data folder (disk full, read-only…); `error` says why, and it resumes by itself. */
export const JobState = z.enum(['queued', 'running', 'paused', 'waiting', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const ImportPhase = z.enum(['scanning', 'analyzing', 'grouping', 'finished']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportProgress = z.object({
  phase: ImportPhase,
  files_found: z.number().int(),
  files_done: z.number().int(),
  files_skipped: z.number().int(),
  duplicates: z.number().int(),
  faces: z.number().int(),
  /** What the scan found changed on disk: files moved or renamed (same asset), gone (missing), on a disk not mounted (offline). */
  moved: z.number().int().optional(),
  missing: z.number().int().optional(),
  offline: z.number().int().optional(),
  /** Files per second over the recent window; null until there is enough to say. */
  rate: z.number().nullable(),
  eta_seconds: z.number().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const Job = z.object({
  id: JobId,
  kind: z.literal('import'),
  library_id: LibraryId,
  state: JobState,
  /** Folders being imported (the user's own choice, echoed back). */
  paths: z.array(z.string()),
  progress: ImportProgress,
  error: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Job = z.infer<typeof Job>;
