// A small real photo set (30 faces-dev photos of 10 people) and what an uninterrupted import makes of
// it, for tests that break an import and check that it ends up the same.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Job } from '../../../shared/domain/job.ts';
import { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from './fixtures.ts';
import { tempDir } from './temp-dir.ts';

export interface Counts {
  assets: number;
  faces: number;
  people: number;
}

/** A folder of 30 photos (3 each of 10 people), copied for this test file. */
export function photoSet(): string {
  const photos = join(tempDir(), 'photos');
  copyInto(photos, identitiesWith(3, 10).flatMap((id) => id.files.slice(0, 3)));
  return photos;
}

/** Import the folder into a fresh data folder without interruption. */
export async function importCounts(photos: string, dataDir = join(tempDir(), 'reference')): Promise<Counts> {
  const core = new KindredCore({ dataDir, workers: 2 });
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
    assert.equal(job.state, 'done');
    return reportCounts(core, job);
  } finally {
    await core.close();
  }
}

export async function reportCounts(core: KindredCore, job: Job): Promise<Counts> {
  const r = await core.invoke('import.report', { job_id: job.id });
  return { assets: r.assets, faces: r.faces, people: r.people };
}

/** The first job event (progress or finished) that passes `ok`. */
export function untilJob(core: KindredCore, ok: (j: Job) => boolean): Promise<Job> {
  return new Promise((resolve) => {
    const offs = (['job.progress', 'job.finished'] as const).map((e) =>
      core.on(e, (j) => {
        if (!ok(j)) return;
        offs.forEach((off) => off());
        resolve(j);
      }),
    );
  });
}
