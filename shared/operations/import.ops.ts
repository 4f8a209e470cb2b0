import { z } from 'zod';
import { JobId, LibraryId } from '../ids.ts';
import { LibraryName } from '../domain/library.ts';
import { Job } from '../domain/job.ts';
import { SkippedFile } from '../domain/asset.ts';
import { SkipCounts, SkipReason } from '../domain/skip-reason.ts';
import { Page, absolutePath, pageOf } from '../domain/common.ts';
import { op } from './define.ts';

// "~" and "~/…" are the user's home folder; the core expands them.
const HomePath = z.string().max(4096).regex(/^~(?:[\\/].*)?$/);
export const AbsolutePath = z
  .string()
  .refine((p) => absolutePath('folder').safeParse(p).success || HomePath.safeParse(p).success, 'must be an absolute folder path (like /home/you/Pictures) or start with ~/');

/** What an import left behind, with absolute paths: for the CLI and scripts. */
export const ImportReport = z.object({
  job_id: JobId,
  library_id: LibraryId,
  library: z.string(),
  state: Job.shape.state,
  assets: z.number().int(),
  faces: z.number().int(),
  people: z.number().int(),
  /** Every file of the imported folders that is not in the catalogue, with why. */
  skipped: z.array(z.object({ path: z.string(), error: z.string(), reason: SkipReason })),
  /** The same files counted per reason. */
  skipped_by_reason: SkipCounts,
  duplicates: z.array(z.object({ path: z.string(), duplicate_of: z.string().nullable() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const importOps = {
  'import.start': op({
    summary:
      'Import folders into a library (created by name if needed). Returns the job at once; progress arrives as job.progress events. An unfinished import of the same folders is resumed, not repeated.',
    access: 'renderer',
    input: z
      .object({
        paths: z.array(AbsolutePath).min(1).max(100),
        library_id: LibraryId.optional(),
        library_name: LibraryName.optional(),
      })
      .refine((v) => !(v.library_id && v.library_name), 'give library_id or library_name, not both'),
    output: Job,
  }),
  'import.skipped': op({
    summary: 'Files an import could not catalogue, with the reason.',
    access: 'renderer',
    input: Page.extend({ library_id: LibraryId.optional() }),
    /** by_reason: all of them counted per reason (the page holds only `limit`). */
    output: pageOf(SkippedFile).extend({ by_reason: SkipCounts }),
  }),
  'import.report': op({
    summary: "An import's outcome: the library's totals and the files it skipped or found twice, by absolute path (trusted hosts only).",
    access: 'host',
    input: z.object({ job_id: JobId }),
    output: ImportReport,
  }),
};
