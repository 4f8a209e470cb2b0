import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from '../../../shared/domain/job.ts';
import { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

test('a watched folder: a photo copied in is catalogued, a photo deleted goes missing, with no command', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  const [a] = identitiesWith(4, 1);
  const files = copyInto(photos, a!.files.slice(0, 2));
  const core = new KindredCore({ dataDir: join(root, 'data'), watchFolders: true, watchSettleMs: 300 });
  const nextRescan = () => new Promise<Job>((resolve) => {
    const off = core.on('job.finished', (j) => {
      off();
      resolve(j);
    });
  });
  try {
    const first = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
    assert.equal((await core.invoke('assets.list', { library_id: first.library_id })).total, 2);
    await new Promise((r) => setTimeout(r, 500)); // the watcher picks up the new folder after the import

    let rescanned = nextRescan();
    copyFileSync(a!.files[2]!, join(photos, 'new.jpg'));
    let job = await rescanned;
    assert.equal(job.state, 'done');
    assert.equal((await core.invoke('assets.list', { library_id: first.library_id })).total, 3, 'the new photo is in');

    rescanned = nextRescan();
    rmSync(files[0]!);
    job = await rescanned;
    assert.equal(job.progress.missing, 1);
    assert.equal((await core.invoke('assets.missing', { library_id: first.library_id })).total, 1);
  } finally {
    await core.close();
  }
});
