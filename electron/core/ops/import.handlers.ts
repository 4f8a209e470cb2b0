import { homedir } from 'node:os';
import { join } from 'node:path';
import type { importOps } from '../../../shared/operations/import.ops.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';
import type { SkipCounts } from '../../../shared/domain/skip-reason.ts';

export function importHandlers({ catalogue, imports }: CoreContext): HandlersOf<typeof importOps> {
  return {
    'import.start': (input) => imports.start({ ...input, paths: input.paths.map(expandHome) }),
    'import.skipped': async ({ library_id, offset, limit }) => catalogue.assets.skipped(library_id, offset, limit),
    'import.report': async ({ job_id }) => {
      const job = imports.view(found(catalogue.jobs.get(job_id), `job ${job_id}`));
      const library = found(catalogue.libraries.get(job.library_id), `library ${job.library_id}`);
      const folderIds = catalogue.jobs.payload(job_id)?.folderIds ?? [];
      const problems = catalogue.assets.problems(folderIds);
      const skipped = [
        ...problems.filter((p) => p.status === 'error').map((p) => ({ path: p.path, error: p.error ?? 'unknown error', reason: p.reason })),
        ...catalogue.scanSkips.list(folderIds).map((s) => ({ path: s.path, error: s.detail, reason: s.reason })),
      ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const skippedByReason: SkipCounts = {};
      for (const s of skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
      return {
        job_id,
        library_id: library.id,
        library: library.name,
        state: job.state,
        assets: library.asset_count,
        faces: library.face_count,
        people: library.people_count,
        skipped,
        skipped_by_reason: skippedByReason,
        duplicates: problems.filter((p) => p.status === 'duplicate').map((p) => ({ path: p.path, duplicate_of: p.duplicate_of_path })),
      };
    },
  };
}

/** "~/Pictures" as a shell would read it. */
function expandHome(path: string): string {
  return path === '~' ? homedir() : /^~[\\/]/.test(path) ? join(homedir(), path.slice(2)) : path;
}
