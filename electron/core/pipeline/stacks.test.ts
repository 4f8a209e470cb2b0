import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { KindredCore } from '../app.ts';
import { identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { distance } from './stacks.ts';

test('resized, recompressed and re-encoded copies of a photo form one stack, shown once and counted once', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  mkdirSync(join(photos, 'exports'), { recursive: true });
  const [one, other] = identitiesWith(2, 2);
  const original = join(photos, 'IMG_1000.jpg');
  await sharp(one!.files[0]!).resize(1000, 1000).jpeg({ quality: 92 }).toFile(original);
  await sharp(original).resize(500, 500).jpeg({ quality: 85 }).toFile(join(photos, 'exports', 'small.jpg'));
  await sharp(original).jpeg({ quality: 35 }).toFile(join(photos, 'exports', 'recompressed.jpg'));
  await sharp(original).resize(700, 700).webp({ quality: 70 }).toFile(join(photos, 'exports', 'shared.webp'));
  await sharp(one!.files[1]!).resize(1000, 1000).jpeg({ quality: 92 }).toFile(join(photos, 'same-person-other-photo.jpg'));
  await sharp(other!.files[0]!).resize(1000, 1000).jpeg({ quality: 92 }).toFile(join(photos, 'someone-else.jpg'));

  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
    assert.equal(job.state, 'done');
    const rows = core.catalogue.db.prepare('SELECT rel_path, stack_id, id, phash FROM assets ORDER BY rel_path').all() as Array<{ rel_path: string; stack_id: string | null; id: string; phash: string }>;
    const by = new Map(rows.map((r) => [r.rel_path, r]));
    const stack = by.get('IMG_1000.jpg')!.stack_id;
    assert.equal(stack, by.get('IMG_1000.jpg')!.id, 'the largest copy stands for the stack');
    for (const copy of ['exports/small.jpg', 'exports/recompressed.jpg', 'exports/shared.webp']) assert.equal(by.get(copy)!.stack_id, stack, `${copy} is in the stack`);
    assert.equal(by.get('same-person-other-photo.jpg')!.stack_id, null, 'another photo of the same person is not a copy');
    assert.equal(by.get('someone-else.jpg')!.stack_id, null);
    assert.ok(distance(by.get('IMG_1000.jpg')!.phash, by.get('someone-else.jpg')!.phash) > 10);

    const grid = await core.invoke('assets.list', { library_id: job.library_id });
    assert.equal(grid.total, 3, 'the stack shows as one photo');
    assert.equal(grid.items.find((a) => a.id === stack)!.stack_size, 4);
    const faces = (await core.invoke('faces.list', { library_id: job.library_id, limit: 100 })).items;
    const person = faces.find((f) => f.asset_id === stack)!.person_id!;
    const inStack = faces.filter((f) => [...by.values()].some((r) => r.stack_id === stack && r.id === f.asset_id) && f.person_id === person);
    assert.ok(inStack.length >= 2, 'the copies have their faces, in the same person');
    const p = await core.invoke('people.get', { person_id: person });
    const photosOfPerson = new Set(faces.filter((f) => f.person_id === person).map((f) => by.get([...by.keys()].find((k) => by.get(k)!.id === f.asset_id)!)!.stack_id ?? f.asset_id));
    assert.equal(p.asset_count, photosOfPerson.size, 'a stack counts once in asset_count');
    assert.ok(p.face_count > p.asset_count);
  } finally {
    await core.close();
  }
});
