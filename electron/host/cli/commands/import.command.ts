import { resolve } from 'node:path';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { UsageError } from '../cli-error.ts';
import { ProgressPrinter } from '../progress-line.ts';
import { skipCountLabels, skipReasonLabel } from '../../../../shared/domain/skip-reason.ts';

export async function importCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('import needs at least one folder');
  const paths = opts.args.map((p) => resolve(p));
  const printer = new ProgressPrinter();
  let job = await core.invoke('import.start', { paths, ...(opts.library ? { library_name: opts.library } : {}) });
  const off = core.on('job.progress', (j) => {
    if (j.id === job.id) printer.update(j);
  });
  try {
    job = await core.invoke('jobs.wait', { job_id: job.id });
  } finally {
    off();
  }
  printer.done(job);
  if (job.state === 'failed') throw new Error(job.error ?? 'the import failed');
  // Held up by the data folder (full disk, read-only…): the reason is the error; the same command resumes.
  if (job.state === 'waiting') throw new Error(job.error ?? 'the import is waiting for the data folder');
  const report = await core.invoke('import.report', { job_id: job.id });
  if (opts.json) {
    out.write(`${JSON.stringify({ assets: report.assets, faces: report.faces, people: report.people, skipped: report.skipped, skipped_by_reason: report.skipped_by_reason, duplicates: report.duplicates, library_id: report.library_id, library: report.library, job_id: report.job_id, state: report.state })}\n`);
  } else {
    out.write(`${report.library}: ${report.assets} photos, ${report.faces} faces, ${report.people} people\n`);
    for (const s of report.skipped) out.write(`skipped ${s.path}: ${skipReasonLabel(s.reason)}: ${s.error}\n`);
    for (const d of report.duplicates) out.write(`duplicate ${d.path} (same as ${d.duplicate_of ?? 'another file'})\n`);
    // The summary: every file met and not catalogued, counted per reason, in the reasons table's order.
    const counts = skipCountLabels(report.skipped_by_reason);
    const dupes = report.duplicates.length;
    if (dupes) counts.push(`${dupes} duplicate${dupes === 1 ? '' : 's'} of a photo already catalogued`);
    const total = report.skipped.length + dupes;
    if (total > 0) out.write(`not catalogued: ${total} file${total === 1 ? '' : 's'} — ${counts.join(', ')}\n`);
  }
  return job.state === 'done' ? 0 : 1;
}
