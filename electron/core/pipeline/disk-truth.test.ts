import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Face } from '../../../shared/domain/face.ts';
import type { AssetId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

/** What the user decided, read back: names, which face is in which person and how, rejections. */
function decisions(core: KindredCore, libraryId: LibraryId) {
  const faces = core.catalogue.faces.list({ libraryId }, 0, 10_000).items;
  const people = core.catalogue.people.list({ libraryId, includeHidden: true }, 0, 1000).items;
  const rejections = core.catalogue.db.prepare('SELECT face_id, person_id FROM face_rejections ORDER BY face_id').all();
  return {
    faces: new Map(faces.map((f) => [f.id, { asset: f.asset_id, person: f.person_id, assignment: f.assignment, source: f.source }])),
    names: new Map(people.map((p) => [p.id, p.name])),
    rejections,
  };
}

async function rescan(core: KindredCore, libraryId: LibraryId) {
  const [job] = await core.invoke('libraries.rescan', { library_id: libraryId });
  const done = await core.invoke('jobs.wait', { job_id: job!.id });
  assert.equal(done.state, 'done');
  return done.progress;
}

test('the catalogue follows files as they move, are renamed, change, vanish and sit on a disk that is not mounted', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  const disk = join(root, 'usb', 'DCIM');
  const ids = identitiesWith(5, 3);
  const [alice, bob, carol] = ids.map((id, i) => copyInto(join(photos, `p${i}`), id.files.slice(0, 3)));
  const onDisk = copyInto(disk, ids[2]!.files.slice(3, 5));
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos, disk], library_name: 'Home' })).id });
    const libraryId = job.library_id;
    const assetAt = (path: string): AssetId => core.catalogue.db.prepare('SELECT id FROM assets WHERE path = ?').pluck().get(path) as AssetId;
    const facesOf = async (asset: AssetId): Promise<Face[]> => (await core.invoke('faces.list', { asset_id: asset })).items;

    // The user's decisions: a name, a face placed by hand, a "not this person", a face drawn by hand.
    const aliceFace = (await facesOf(assetAt(alice![0]!)))[0]!;
    const alicePerson = aliceFace.person_id as PersonId;
    await core.invoke('people.update', { person_id: alicePerson, name: 'Alice' });
    const bobFace = (await facesOf(assetAt(bob![1]!)))[0]!;
    const bobPerson = bobFace.person_id as PersonId;
    await core.invoke('people.update', { person_id: bobPerson, name: 'Bob' });
    const placed = (await facesOf(assetAt(alice![1]!)))[0]!;
    await core.invoke('faces.assign', { face_ids: [placed.id], person_id: alicePerson });
    const rejected = (await facesOf(assetAt(bob![2]!)))[0]!;
    await core.invoke('faces.detach', { face_ids: [rejected.id], reject: true });
    // The photo that will be edited: its face confirmed by hand, and a face drawn by hand beside it.
    const confirmed = (await facesOf(assetAt(alice![2]!)))[0]!;
    await core.invoke('faces.assign', { face_ids: [confirmed.id], person_id: alicePerson });
    const drawn = await core.invoke('faces.create', { asset_id: assetAt(alice![2]!), bounding_box: { x: 5, y: 5, w: 60, h: 60 } });
    const before = decisions(core, libraryId);
    const idsBefore = new Map([...alice!, ...bob!, ...carol!].map((p) => [p, assetAt(p)]));

    // Move one photo to another folder and rename another: same assets, same faces, same decisions.
    mkdirSync(join(photos, 'sorted'));
    renameSync(alice![0]!, join(photos, 'sorted', 'alice-at-home.jpg'));
    renameSync(alice![1]!, join(photos, 'p0', 'renamed.jpg'));
    let progress = await rescan(core, libraryId);
    assert.equal(progress.moved, 2);
    assert.equal(progress.missing, 0);
    assert.equal(assetAt(join(photos, 'sorted', 'alice-at-home.jpg')), idsBefore.get(alice![0]!));
    assert.equal(assetAt(join(photos, 'p0', 'renamed.jpg')), idsBefore.get(alice![1]!));
    assert.deepEqual(decisions(core, libraryId), before);
    assert.equal((await core.invoke('import.report', { job_id: job.id })).duplicates.length, 0, 'a moved file is not a duplicate of itself');
    const media = await core.invoke('media.get', { kind: 'thumbnail', id: idsBefore.get(alice![0]!)! }).catch((e: unknown) => e);
    assert.ok(!(media instanceof Error), `the moved photo still has its thumbnail: ${String(media)}`);

    // Delete a photo: missing, out of the grid and the counts, faces and decisions kept for its return.
    const gone = idsBefore.get(bob![1]!)!;
    const bobCount = (await core.invoke('people.get', { person_id: bobPerson })).asset_count;
    rmSync(bob![1]!);
    progress = await rescan(core, libraryId);
    assert.equal(progress.missing, 1);
    assert.equal((await core.invoke('assets.get', { asset_id: gone })).presence, 'missing');
    assert.ok(!(await core.invoke('assets.list', { library_id: libraryId })).items.some((a) => a.id === gone), 'out of the grid');
    assert.equal((await core.invoke('people.get', { person_id: bobPerson })).asset_count, bobCount - 1);
    const missing = await core.invoke('assets.missing', { library_id: libraryId });
    assert.deepEqual(missing.items.map((m) => [m.asset_id, m.relative_path]), [[gone, 'p1/' + bob![1]!.slice(bob![1]!.lastIndexOf('/') + 1)]]);
    assert.deepEqual(decisions(core, libraryId), before, 'nothing about its faces was lost');

    // It turns up elsewhere (restored from a backup into another folder): the same asset again.
    const restored = join(photos, 'restored.jpg');
    copyFileSync(ids[1]!.files[1]!, restored);
    progress = await rescan(core, libraryId);
    assert.equal(progress.moved, 1);
    assert.equal(assetAt(restored), gone);
    assert.equal((await core.invoke('assets.get', { asset_id: gone })).presence, 'present');
    assert.equal((await core.invoke('people.get', { person_id: bobPerson })).asset_count, bobCount);

    // Relink by hand, then purge: deleted again, relinked to where the user says it is, deleted and purged.
    rmSync(restored);
    await rescan(core, libraryId);
    const elsewhere = join(root, 'elsewhere', 'bob.jpg');
    mkdirSync(join(root, 'elsewhere'));
    copyFileSync(ids[0]!.files[0]!, join(root, 'elsewhere', 'not-bob.jpg'));
    await assert.rejects(core.invoke('assets.relink', { asset_id: gone, path: join(root, 'elsewhere', 'not-bob.jpg') }), { code: 'conflict' });
    copyFileSync(ids[1]!.files[1]!, elsewhere);
    assert.equal((await core.invoke('assets.relink', { asset_id: gone, path: elsewhere })).presence, 'present');
    assert.deepEqual(decisions(core, libraryId), before);
    rmSync(elsewhere);
    await rescan(core, libraryId);
    assert.deepEqual(await core.invoke('assets.purge', { library_id: libraryId }), { purged: 1 });
    await assert.rejects(core.invoke('assets.get', { asset_id: gone }), { code: 'not_found' });
    assert.equal((await core.invoke('assets.missing', { library_id: libraryId })).total, 0);

    // Edit a photo (re-encoded, as an editor saves it): analysed again, its faces keep ids, people and decisions.
    const edited = alice![2]!;
    const editedId = idsBefore.get(edited)!;
    const reencoded = await sharp(edited).modulate({ brightness: 1.05 }).jpeg({ quality: 70 }).toBuffer();
    rmSync(edited);
    await sharp(reencoded).toFile(edited);
    const hashBefore = core.catalogue.presence.contentHash(editedId);
    const facesBefore = (await facesOf(editedId)).map((f) => [f.id, f.person_id, f.assignment, f.source]);
    await rescan(core, libraryId);
    assert.notEqual(core.catalogue.presence.contentHash(editedId), hashBefore, 'analysed again');
    assert.equal(assetAt(edited), editedId);
    assert.deepEqual((await facesOf(editedId)).map((f) => [f.id, f.person_id, f.assignment, f.source]), facesBefore);
    assert.ok((await facesOf(editedId)).some((f) => f.id === drawn.id), 'the face drawn by hand is still there');
    const kept = (await facesOf(editedId)).find((f) => f.id === confirmed.id);
    assert.deepEqual([kept?.person_id, kept?.assignment], [alicePerson, 'user'], 'the face confirmed by hand still matches, so it keeps the decision');

    // The USB disk is not mounted: its photos are offline, not missing, and nothing is lost.
    const diskIds = onDisk.map(assetAt);
    const afterEdits = decisions(core, libraryId);
    renameSync(join(root, 'usb'), join(root, 'usb-unplugged'));
    progress = await rescan(core, libraryId);
    assert.equal(progress.offline, diskIds.length);
    assert.equal(progress.missing, 0);
    for (const id of diskIds) assert.equal((await core.invoke('assets.get', { asset_id: id })).presence, 'offline');
    assert.equal((await core.invoke('assets.missing', { library_id: libraryId })).total, 0);
    assert.deepEqual(decisions(core, libraryId), afterEdits);
    renameSync(join(root, 'usb-unplugged'), join(root, 'usb'));
    progress = await rescan(core, libraryId);
    assert.equal(progress.offline, 0);
    for (const id of diskIds) assert.equal((await core.invoke('assets.get', { asset_id: id })).presence, 'present');
    assert.deepEqual(decisions(core, libraryId), afterEdits);
  } finally {
    await core.close();
  }
});
