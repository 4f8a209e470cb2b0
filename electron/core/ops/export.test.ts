import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { exiftool } from '../testing/real-formats.ts';
import { tempDir } from '../testing/temp-dir.ts';

test("export a person's photos to a folder, with XMP sidecars exiftool reads, never overwriting", async () => {
  const root = tempDir();
  const [a, b] = identitiesWith(4, 2);
  const mine = copyInto(join(root, 'photos', 'a'), a!.files.slice(0, 4));
  copyInto(join(root, 'photos', 'b'), b!.files.slice(0, 4));
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [join(root, 'photos')] })).id });
    const face = (await core.invoke('faces.list', { limit: 100 })).items.find((f) => core.catalogue.assets.path(f.asset_id) === mine[0])!;
    const person = await core.invoke('people.update', { person_id: face.person_id!, name: 'Ada Lovelace' });
    const out = join(root, 'export');
    const first = await core.invoke('assets.export', { person_id: person.id, folder: out, sidecars: true });
    assert.deepEqual([first.exported, first.sidecars, first.failed], [person.asset_count, person.asset_count, []]);
    for (const f of mine.slice(0, person.asset_count)) {
      const name = f.slice(f.lastIndexOf('/') + 1);
      assert.deepEqual(readFileSync(join(out, name)), readFileSync(f), 'the original, byte for byte');
      assert.match(exiftool(['-s3', '-XMP-mwg-rs:RegionName', join(out, name.replace(/\.jpg$/, '.xmp'))]), /Ada Lovelace/);
    }
    const again = await core.invoke('assets.export', { asset_ids: [face.asset_id], folder: out });
    assert.deepEqual([again.exported, again.sidecars], [1, 0]);
    assert.ok(readdirSync(out).some((n) => / \(2\)\.jpg$/.test(n)), 'a name already taken gets a number');
    rmSync(mine[0]!);
    await core.invoke('jobs.wait', { job_id: (await core.invoke('libraries.rescan', {}))[0]!.id });
    const gone = await core.invoke('assets.export', { asset_ids: [face.asset_id], folder: out });
    assert.deepEqual([gone.exported, gone.failed[0]?.error], [0, 'the photo is missing']);
  } finally {
    await core.close();
  }
});
