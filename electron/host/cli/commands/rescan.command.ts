import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { libraryFilter } from './library-filter.ts';

/** kindred rescan [--library L]: the disk is the truth; bring the catalogue in line with it. */
export async function rescanCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const libraryId = await libraryFilter(core, opts.library);
  const started = await core.invoke('libraries.rescan', libraryId ? { library_id: libraryId } : {});
  const t0 = performance.now();
  const rows = [];
  for (const job of started) {
    const done = await core.invoke('jobs.wait', { job_id: job.id });
    const library = (await core.invoke('libraries.get', { library_id: done.library_id })).name;
    const p = done.progress;
    rows.push({ library, state: done.state, files: p.files_found, moved: p.moved ?? 0, missing: p.missing ?? 0, offline: p.offline ?? 0, skipped: p.files_skipped, faces: p.faces });
  }
  const ms = Math.round(performance.now() - t0);
  if (opts.json) out.write(`${JSON.stringify({ libraries: rows, ms })}\n`);
  else {
    for (const r of rows) out.write(`${r.library}: ${r.files} files, ${r.moved} moved, ${r.missing} missing, ${r.offline} offline, ${r.skipped} not catalogued (${r.state})\n`);
    if (rows.length === 0) out.write('no library has folders to rescan\n');
  }
  return rows.every((r) => r.state === 'done') ? 0 : 1;
}
