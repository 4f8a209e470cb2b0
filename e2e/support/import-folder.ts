import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KindredCore, type CoreOptions } from '../../electron/core/app.ts';
import type { Job } from '../../shared/domain/job.ts';

export interface ImportedCatalogue {
  core: KindredCore;
  job: Job;
  dataDir: string;
  wallMs: number;
}

/** Import folders into a fresh catalogue through the real core, as a user would. */
export async function importIntoFreshCatalogue(paths: string[], opts: Partial<CoreOptions> & { quiet?: boolean } = {}): Promise<ImportedCatalogue> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kindred-eval-'));
  const core = new KindredCore({ ...opts, dataDir });
  const t0 = performance.now();
  const started = await core.invoke('import.start', { paths });
  let last = 0;
  const off = core.on('job.progress', (j) => {
    if (opts.quiet || performance.now() - last < 5000) return;
    last = performance.now();
    process.stderr.write(`  ${j.progress.phase} ${j.progress.files_done}/${j.progress.files_found} files, ${j.progress.faces} faces\n`);
  });
  const job = await core.invoke('jobs.wait', { job_id: started.id });
  off();
  if (job.state !== 'done') throw new Error(`import ended ${job.state}: ${job.error ?? ''}`);
  return { core, job, dataDir, wallMs: performance.now() - t0 };
}
