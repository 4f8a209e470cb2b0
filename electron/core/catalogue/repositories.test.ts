import { test } from 'node:test';
import { imageBox } from '../../../shared/geometry.ts';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Catalogue } from './catalogue.ts';
import { newId } from '../ids.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';
import type { AssetId, FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';

function fixture() {
  const cat = Catalogue.open(join(tempDir(), 'c.sqlite'));
  const lib = cat.libraries.create('Family');
  const folder = cat.folders.ensure(lib.id, '/photos');
  return { cat, lib, folder };
}

const meta = (hash: string) => ({ contentHash: hash, mime: 'image/jpeg', width: 400, height: 300, orientation: 1, takenAt: null });

function addAsset(cat: Catalogue, libraryId: LibraryId, folderId: `folder_${string}`, name: string, hash = name): AssetId {
  cat.assets.upsertScanned(libraryId, folderId, [{ path: `/photos/${name}`, relPath: name, size: 10, mtimeMs: 1 }]);
  const pending = cat.assets.pending([folderId]).find((a) => a.rel_path === name)!;
  cat.assets.markDone(pending.id, meta(hash), 0);
  return pending.id;
}

function addFace(cat: Catalogue, libraryId: LibraryId, assetId: AssetId, personId: PersonId | null, now = Date.now()) {
  const id = newId('face');
  cat.faces.insertMany([
    { id, assetId, libraryId, box: imageBox({ x: 1, y: 2, w: 30, h: 40 }), source: 'automatic', confidence: 0.9, landmarks: [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], timestampMs: null, detector: 'd', embedding: new Float32Array(512).fill(0.5), embedder: 'e', personId, assignment: personId ? 'auto' : null },
  ], now);
  return id;
}

test('library names are unique regardless of case, and counts come back', () => {
  const { cat, lib } = fixture();
  assert.throws(() => cat.libraries.create('family'), /UNIQUE/);
  assert.equal(cat.libraries.findByName('FAMILY')?.id, lib.id);
  assert.deepEqual(
    { assets: lib.asset_count, faces: lib.face_count, people: lib.people_count },
    { assets: 0, faces: 0, people: 0 },
  );
});

test('re-scanning leaves catalogued files alone but re-queues changed and failed ones', () => {
  const { cat, lib, folder } = fixture();
  const files = [
    { path: '/photos/a.jpg', relPath: 'a.jpg', size: 10, mtimeMs: 1 },
    { path: '/photos/b.jpg', relPath: 'b.jpg', size: 10, mtimeMs: 1 },
    { path: '/photos/c.jpg', relPath: 'c.jpg', size: 10, mtimeMs: 1 },
  ];
  assert.equal(cat.assets.upsertScanned(lib.id, folder.id, files), 3);
  const [a, b] = cat.assets.pending([folder.id]);
  cat.assets.markDone(a!.id, meta('ha'), 0);
  cat.assets.markError(b!.id, 'corrupt JPEG', 'image/jpeg');
  // Same files again: only the failed one is queued again.
  assert.equal(cat.assets.upsertScanned(lib.id, folder.id, files), 1);
  // a.jpg changed on disk: queued again.
  assert.equal(cat.assets.upsertScanned(lib.id, folder.id, [{ ...files[0]!, size: 11 }]), 1);
  assert.deepEqual(cat.assets.pending([folder.id]).map((p) => p.rel_path).sort(), ['a.jpg', 'b.jpg', 'c.jpg']);
  assert.equal(cat.assets.countInFolders([folder.id]).pending, 3);
});

test('the person filter on assets is an AND of people', () => {
  const { cat, lib, folder } = fixture();
  const alice = cat.people.create({ libraryId: lib.id, name: 'Alice', source: 'user_defined', status: 'confirmed' });
  const bob = cat.people.create({ libraryId: lib.id, name: 'Bob', source: 'user_defined', status: 'confirmed' });
  const both = addAsset(cat, lib.id, folder.id, 'both.jpg');
  const onlyAlice = addAsset(cat, lib.id, folder.id, 'alice.jpg');
  addFace(cat, lib.id, both, alice);
  addFace(cat, lib.id, both, bob);
  addFace(cat, lib.id, onlyAlice, alice);
  const ids = (people: PersonId[]) => cat.assets.list({ libraryId: lib.id, personIds: people, status: 'done' }, 0, 10).items.map((a) => a.id).sort();
  assert.deepEqual(ids([alice]), [both, onlyAlice].sort());
  assert.deepEqual(ids([alice, bob]), [both]);
  assert.equal(cat.assets.list({ libraryId: lib.id, status: 'done' }, 0, 10).total, 2);
});

test('people are listed favourites first, then by name, then unnamed by size, with face and photo counts', () => {
  const { cat, lib, folder } = fixture();
  const zed = cat.people.create({ libraryId: lib.id, name: 'Zed' });
  const amy = cat.people.create({ libraryId: lib.id, name: 'amy' });
  const fav = cat.people.create({ libraryId: lib.id, name: 'Yann', isFavorite: true });
  const big = cat.people.create({ libraryId: lib.id });
  const small = cat.people.create({ libraryId: lib.id });
  const hidden = cat.people.create({ libraryId: lib.id, name: 'Hidden', isHidden: true });
  const a1 = addAsset(cat, lib.id, folder.id, '1.jpg');
  const a2 = addAsset(cat, lib.id, folder.id, '2.jpg');
  addFace(cat, lib.id, a1, big);
  addFace(cat, lib.id, a2, big);
  addFace(cat, lib.id, a1, small);
  const { items, total } = cat.people.list({ libraryId: lib.id, includeHidden: false }, 0, 50);
  assert.equal(total, 5);
  assert.deepEqual(items.map((p) => p.id), [fav, amy, zed, big, small]);
  assert.deepEqual([items[3]!.face_count, items[3]!.asset_count], [2, 2]);
  assert.equal(cat.people.list({ libraryId: lib.id, includeHidden: true }, 0, 50).total, 6);
  assert.deepEqual(cat.people.list({ libraryId: lib.id, includeHidden: true, query: 'hid' }, 0, 50).items.map((p) => p.id), [hidden]);
  assert.equal(cat.people.list({ libraryId: lib.id, includeHidden: true, query: '%' }, 0, 50).total, 0, 'LIKE wildcards are matched literally');
});

test('lists page by cursor in every order, both ways, and say when they go on', () => {
  const { cat, lib, folder } = fixture();
  const names = ['Ann', 'bob', 'Cy', null, 'Dee', null, 'Eve'];
  const ids = names.map((name, i) => cat.people.create({ libraryId: lib.id, name }, 1_000 + i));
  const a = addAsset(cat, lib.id, folder.id, 'a.jpg');
  addFace(cat, lib.id, a, ids[4]!);
  addFace(cat, lib.id, a, ids[4]!);
  type Sort = Parameters<typeof cat.people.list>[0]['sort'];
  const all = (sort: Sort) => cat.people.list({ libraryId: lib.id, includeHidden: true, sort }, 0, 50).items.map((p) => p.id);
  assert.deepEqual(all('created_at_desc'), [...ids].reverse());
  assert.deepEqual(all('name_asc').slice(0, 5), [ids[0], ids[1], ids[2], ids[4], ids[6]], 'by name, any case, unnamed last');
  assert.equal(all('asset_count_desc')[0], ids[4]);
  for (const sort of ['default', 'count', 'name', 'recent', 'created_at_desc', 'created_at_asc', 'name_asc', 'name_desc', 'asset_count_desc', 'asset_count_asc'] as const) {
    const order = all(sort);
    const walked: string[] = [];
    let after: PersonId | undefined;
    for (;;) {
      const page = cat.people.list({ libraryId: lib.id, includeHidden: true, sort }, 0, 3, { afterId: after });
      walked.push(...page.items.map((p) => p.id));
      if (!page.has_more) break;
      after = page.items.at(-1)!.id;
    }
    assert.deepEqual(walked, order, `${sort}: after_id walks the whole list once`);
    const back = cat.people.list({ libraryId: lib.id, includeHidden: true, sort }, 0, 2, { beforeId: order[4] as PersonId });
    assert.deepEqual(back.items.map((p) => p.id), order.slice(2, 4), `${sort}: before_id is the page just before, in list order`);
    assert.equal(back.has_more, true);
  }
  assert.throws(() => cat.people.list({ libraryId: lib.id, includeHidden: true, named: 'named' }, 0, 3, { afterId: ids[3] }), /names no person of this list/, 'an unnamed person is not in the named list');

  const faces = Array.from({ length: 5 }, (_, i) => addFace(cat, lib.id, a, null, 2_000 + i));
  const newest = cat.faces.list({ libraryId: lib.id, unassigned: true }, 0, 50, { order: 'newest' }).items.map((f) => f.id);
  assert.deepEqual(newest, [...faces].reverse(), 'newest recorded first');
  const next = cat.faces.list({ libraryId: lib.id, unassigned: true }, 0, 2, { afterId: newest[1] as FaceId, order: 'newest' });
  assert.deepEqual(next.items.map((f) => f.id), newest.slice(2, 4));
  assert.equal(next.has_more, true);
  const past = cat.faces.list({ libraryId: lib.id, unassigned: true }, 0, 50, { afterId: faces[2], order: 'oldest' });
  assert.deepEqual(past.items.map((f) => f.id), faces.slice(3));
  assert.equal(past.has_more, false);
  cat.faces.delete(faces[2]!);
  assert.throws(() => cat.faces.list({ libraryId: lib.id }, 0, 50, { afterId: faces[2] }), /names no face of this list/, 'a deleted face is no cursor');

  const b = addAsset(cat, lib.id, folder.id, 'b.jpg');
  const assets = cat.assets.list({ libraryId: lib.id, status: 'done' }, 0, 10).items.map((x) => x.id);
  assert.deepEqual(cat.assets.list({ libraryId: lib.id, status: 'done' }, 0, 5, { afterId: assets[0] }).items.map((x) => x.id), assets.slice(1));
  assert.deepEqual(cat.assets.list({ libraryId: lib.id, status: 'done' }, 0, 5, { beforeId: assets[1] }).items.map((x) => x.id), assets.slice(0, 1));
  assert.ok([a, b].every((x) => assets.includes(x)));
});

test('embeddings round-trip through the packed loader as float16, and older float32 rows still read', () => {
  const { cat, lib, folder } = fixture();
  const asset = addAsset(cat, lib.id, folder.id, 'x.jpg');
  const v = new Float32Array(512).map((_, i) => Math.sin(i));
  const id = newId('face');
  cat.faces.insertMany([{ id, assetId: asset, libraryId: lib.id, box: imageBox({ x: 0, y: 0, w: 10, h: 10 }), source: 'automatic', confidence: 0.8, landmarks: null, timestampMs: null, detector: 'd', embedding: v, embedder: EMBEDDER_MODEL }]);
  const set = cat.faces.embeddings(lib.id, 512);
  assert.deepEqual(set.ids, [id]);
  const blob = cat.db.prepare('SELECT embedding FROM faces WHERE id = ?').pluck().get(id) as Buffer;
  assert.equal(blob.byteLength, 1024, 'two bytes per value');
  // float16 keeps 11 significant bits: relative error at most 2^-11.
  v.forEach((x, i) => assert.ok(Math.abs(set.vectors[i]! - x) <= Math.abs(x) * 2 ** -11 + 1e-7, `component ${i}`));
  assert.deepEqual(Array.from(cat.faces.embedding(id)!), Array.from(set.vectors));
  cat.db.prepare('UPDATE faces SET embedding = ? WHERE id = ?').run(Buffer.from(v.buffer), id);
  assert.deepEqual(Array.from(cat.faces.embedding(id)!), Array.from(v));
});

test('deleting an asset removes its faces; deleting a person unassigns them', () => {
  const { cat, lib, folder } = fixture();
  const p = cat.people.create({ libraryId: lib.id });
  const asset = addAsset(cat, lib.id, folder.id, 'x.jpg');
  const face = addFace(cat, lib.id, asset, p);
  cat.people.delete(p);
  assert.equal(cat.faces.get(face)?.person_id, null);
  cat.db.prepare('DELETE FROM assets WHERE id = ?').run(asset);
  assert.equal(cat.faces.get(face), undefined);
});

test('an unfinished import of the same folders is found for resuming, in any order', () => {
  const { cat, lib, folder } = fixture();
  const other = cat.folders.ensure(lib.id, '/more');
  const job = cat.jobs.createImport(lib.id, { paths: ['/photos', '/more'], folderIds: [folder.id, other.id] });
  assert.equal(cat.jobs.findUnfinishedImport(lib.id, [other.id, folder.id])?.id, job.id);
  assert.equal(cat.jobs.findUnfinishedImport(lib.id, [folder.id]), undefined);
  cat.jobs.setState(job.id, 'done');
  assert.equal(cat.jobs.findUnfinishedImport(lib.id, [folder.id, other.id]), undefined);
});

test('hidden photos leave the grid, the timeline and previous / next, and come back exactly', () => {
  const { cat, lib, folder } = fixture();
  const [a, b, c, d] = ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'].map((n) => addAsset(cat, lib.id, folder.id, n)) as [AssetId, AssetId, AssetId, AssetId];
  // c stands for a stack of c and d: hiding c hides the stack.
  cat.db.prepare('UPDATE assets SET stack_id = ? WHERE id IN (?, ?)').run(c, c, d);
  const shown = { libraryId: lib.id, status: 'done' as const };
  const hidden = { ...shown, hidden: true };
  assert.equal(cat.assets.list(shown, 0, 10).total, 3);
  assert.deepEqual(cat.assets.setHidden([b, c], true).changed.sort(), [b, c].sort());
  assert.deepEqual(cat.assets.list(shown, 0, 10).items.map((x) => x.id), [a]);
  assert.equal(cat.assets.timeline(shown).total, 1);
  assert.deepEqual(cat.assets.list(hidden, 0, 10).items.map((x) => [x.id, x.is_hidden]).sort(), [[b, true], [c, true]].sort());
  assert.equal(cat.assets.get(d)!.is_hidden, true, 'the stack is hidden whole');
  assert.deepEqual(cat.assets.around(a, shown), { index: 0, total: 1, previous: null, next: null });
  // Hiding again changes nothing, so an undo of it would show nothing that was hidden before.
  assert.deepEqual(cat.assets.setHidden([a, b], true).changed, [a]);
  assert.deepEqual(cat.assets.setHidden([a], false).changed, [a]);
  assert.deepEqual(cat.assets.setHidden([b, c], false).changed.sort(), [b, c].sort());
  assert.equal(cat.assets.list(shown, 0, 10).total, 3);
  assert.equal(cat.assets.list(hidden, 0, 10).total, 0);
  assert.deepEqual([...cat.assets.existing([a, 'asset_0000000000000000' as AssetId])], [a]);
});
