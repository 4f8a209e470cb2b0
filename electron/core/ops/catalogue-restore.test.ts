import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

// A restore in the running app swaps the catalogue under the people engine: whatever the engine knew
// about people made after the backup must go with them, or the next import places faces into people
// that no longer exist.
test('after a restore in the running app, new photos are placed among the restored people only', async () => {
  const root = tempDir();
  const [a, b] = identitiesWith(6, 2);
  copyInto(join(root, 'a'), a!.files.slice(0, 3));
  copyInto(join(root, 'b'), b!.files.slice(0, 3));
  copyInto(join(root, 'b-later'), b!.files.slice(3, 6));
  copyInto(join(root, 'a-later'), a!.files.slice(3, 6));
  const backup = join(root, 'backup.sqlite');
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  const importFolder = async (folder: string) => {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [join(root, folder)], library_name: 'Family' })).id });
    assert.equal(job.state, 'done', `import of ${folder}: ${job.state}`);
  };
  try {
    await importFolder('a');
    const ann = (await core.invoke('people.list', {})).items.find((p) => p.face_count >= 2)!;
    await core.invoke('people.update', { person_id: ann.id, name: 'Ann' });
    await core.invoke('catalogue.backup', { path: backup });

    await importFolder('b');
    const before = new Set((await core.invoke('people.list', {})).items.map((p) => p.id));
    assert.ok(before.size > 1, 'the photos of b made a person after the backup');

    await core.invoke('catalogue.restore', { path: backup });
    const restored = new Set((await core.invoke('people.list', {})).items.map((p) => p.id));
    assert.ok(restored.has(ann.id) && restored.size < before.size, 'the people made after the backup are gone');

    await importFolder('b-later');
    await importFolder('a-later');
    // b's later photos make a person again, as b's first photos did before the restore.
    const inFolder = (folder: string) => (a: { id: string }) => core.catalogue.assets.path(a.id as never)!.includes(`/${folder}/`);
    const bAssets = new Set((await core.invoke('assets.list', { limit: 500 })).items.filter(inFolder('b-later')).map((a) => a.id));
    const bFaces = (await core.invoke('faces.list', { limit: 500 })).items.filter((f) => bAssets.has(f.asset_id));
    assert.ok(bFaces.length >= 3 && bFaces.filter((f) => f.person_id).length >= 2, `b's later faces are placed: ${bFaces.map((f) => f.person_id).join(', ')}`);
    const people = new Set((await core.invoke('people.list', { limit: 500 })).items.map((p) => p.id));
    for (const f of (await core.invoke('faces.list', { limit: 500 })).items) {
      if (f.person_id) assert.ok(people.has(f.person_id), `face ${f.id} is placed in ${f.person_id}, a person the catalogue does not have`);
    }
    const annNow = await core.invoke('people.get', { person_id: ann.id });
    assert.equal(annNow.name, 'Ann');
    assert.ok(annNow.face_count >= ann.face_count + 2, `Ann's later photos join her: ${ann.face_count} -> ${annNow.face_count}`);
  } finally {
    await core.close();
  }
});
