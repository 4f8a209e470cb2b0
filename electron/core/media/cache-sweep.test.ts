import { test } from 'node:test';
import { imageBox } from '../../../shared/geometry.ts';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Catalogue } from '../catalogue/catalogue.ts';
import { newId } from '../ids.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { cachePaths } from './cache-paths.ts';
import { sweepCache } from './cache-sweep.ts';

const HOUR_AGO = (Date.now() - 3_600_000) / 1000;

function plant(file: string, old = true): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'jpeg');
  if (old) utimesSync(file, HOUR_AGO, HOUR_AGO);
  return file;
}

test('the start-up sweep removes derived files nothing owns and keeps every owned or fresh one', async () => {
  const root = tempDir();
  const cat = Catalogue.open(join(root, 'catalogue.sqlite'));
  const cacheDir = join(root, 'cache');
  const paths = cachePaths(cacheDir);
  try {
    const lib = cat.libraries.create('Family');
    const folder = cat.folders.ensure(lib.id, '/photos');
    cat.assets.upsertScanned(lib.id, folder.id, ['a.jpg', 'b.jpg'].map((n) => ({ path: `/photos/${n}`, relPath: n, size: 1, mtimeMs: 1 })));
    const [done, pending] = cat.assets.pending([folder.id]);
    cat.assets.markDone(done!.id, { contentHash: 'h', mime: 'image/jpeg', width: 10, height: 10, orientation: 1, takenAt: null }, 1);
    const faceId = newId('face');
    cat.faces.insertMany([
      { id: faceId, assetId: done!.id, libraryId: lib.id, box: imageBox({ x: 1, y: 1, w: 5, h: 5 }), source: 'automatic', confidence: 0.9, landmarks: null, timestampMs: null, detector: 'd', embedding: null, embedder: null },
    ]);
    const person = cat.people.create({ libraryId: lib.id, name: 'Ann', source: 'user_defined', status: 'confirmed' });

    const kept = [paths.thumbnail(done!.id), paths.faceCrop(faceId), paths.preview(done!.id), join(cacheDir, 'identities', person, 'profile.jpg')].map((f) => plant(f));
    const freshOrphan = plant(paths.faceCrop(newId('face')), false);
    const orphans = [
      paths.faceCrop(newId('face')), // a killed import's crop: its face was never written
      paths.faceCrop(newId('face')),
      paths.thumbnail(pending!.id), // a thumbnail of a photo not analysed yet
      paths.thumbnail(newId('asset')),
      `${paths.faceCrop(faceId)}.1234.tmp`, // half-written
      join(cacheDir, 'identities', newId('person'), 'profile.png'), // a deleted person's profile image
    ].map((f) => plant(f));

    const result = await sweepCache(cat, cacheDir, Date.now() - 60_000);
    assert.equal(result.removed, orphans.length);
    assert.deepEqual(result.byKind, { faces: 2, thumbs: 2, partial: 1, identities: 1 });
    for (const f of orphans) assert.ok(!existsSync(f), `removed ${f}`);
    for (const f of [...kept, freshOrphan]) assert.ok(existsSync(f), `kept ${f}`);
  } finally {
    cat.close();
  }
});
