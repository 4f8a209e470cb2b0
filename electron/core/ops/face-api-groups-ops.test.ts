import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { imageBox } from '../../../shared/geometry.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';

// The face API's person groups, persons' faces from uploads, training and snapshots, on a real
// catalogue. Faces from uploads are stored the way detect stores them, with embeddings made here
// (the recognition itself is proven with real photos in electron/host/api/*.test.ts).

const DIM = 512;
/** A unit vector near `axis`: faces of one "person" share an axis. */
function vector(axis: number, jitter: number): Float32Array {
  const v = new Float32Array(DIM).map((_, i) => (i === axis ? 1 : 0) + Math.sin(i * 7 + jitter) * 0.05);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function detected(core: KindredCore, axis: number, jitter: number): string {
  const id = randomUUID();
  core.catalogue.detectedFaces.insertMany([
    { id, imageHash: `h${axis}${jitter}`, box: imageBox({ x: 1, y: 1, w: 50, h: 50 }), landmarks: [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]], confidence: 0.9, embedding: vector(axis, jitter), embedder: EMBEDDER_MODEL, expiresAt: Date.now() + 60_000 },
  ]);
  return id;
}

const until = async (poll: () => Promise<string>) => {
  for (let i = 0; i < 200; i++) {
    const s = await poll();
    if (s !== 'running') return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  return 'timeout';
};

test('person groups: client ids onto libraries, made and deleted through the API only, scoped keys see their own', async () => {
  const core = new KindredCore({ dataDir: join(tempDir(), 'data') });
  try {
    const home = await core.invoke('libraries.create', { name: 'Home' });
    const g = await core.invoke('person_groups.create', { group_id: 'door', name: 'Home', user_data: 'u' });
    assert.notEqual(g.library_id, home.id);
    assert.equal((await core.invoke('libraries.get', { library_id: g.library_id })).name, 'Home (door)', 'library names stay unique');
    assert.deepEqual((await core.invoke('person_groups.list', {})).map((x) => x.group_id).sort(), ['door', home.id].sort());
    await assert.rejects(core.invoke('person_groups.create', { group_id: 'door', name: 'Again' }), /already exists/);
    await assert.rejects(core.invoke('person_groups.create', { group_id: home.id, name: 'Clash' }), /already exists/);
    await assert.rejects(core.invoke('person_groups.get', { group_id: 'door', within: home.id }), /No person group/);
    const renamed = await core.invoke('person_groups.update', { group_id: home.id, name: 'Family photos', user_data: 'mine' });
    assert.deepEqual([renamed.name, renamed.user_data, (await core.invoke('libraries.get', { library_id: home.id })).name], ['Family photos', 'mine', 'Home'], 'a Kindred library keeps its name');
    await assert.rejects(core.invoke('person_groups.delete', { group_id: home.id }), (e: { code: string }) => e.code === 'forbidden');
    await core.invoke('person_groups.delete', { group_id: 'door' });
    await assert.rejects(core.invoke('libraries.get', { library_id: g.library_id }), /No library/);
  } finally {
    await core.close();
  }
});

test('faces added from uploads are a person’s exemplars: identify finds them, training rebuilds, merges lend them', async () => {
  const core = new KindredCore({ dataDir: join(tempDir(), 'data') });
  try {
    const g = await core.invoke('person_groups.create', { group_id: 'lab', name: 'Lab' });
    const ann = await core.invoke('people.create', { library_id: g.library_id, name: 'Ann' });
    const bob = await core.invoke('people.create', { library_id: g.library_id, name: 'Bob' });
    const added = await core.invoke('person_faces.add', { person_id: ann.id, detected_face_id: detected(core, 3, 0), user_data: 'front' });
    await core.invoke('person_faces.add', { person_id: bob.id, detected_face_id: detected(core, 9, 0) });
    const probe = detected(core, 3, 1);
    const found = await core.invoke('faces.identify', { face_ids: [probe], library_id: g.library_id });
    assert.equal(found[0]!.candidates[0]?.person_id, ann.id);
    assert.equal((await core.invoke('faces.verify', { face_id: probe, person_id: ann.id })).is_identical, true);
    assert.equal((await core.invoke('faces.verify', { face_id: probe, person_id: bob.id })).is_identical, false);

    const started = await core.invoke('person_groups.train', { group_id: 'lab' });
    assert.equal(started.status, 'running', 'training answers before it is done');
    assert.equal(await until(async () => (await core.invoke('person_groups.training', { group_id: 'lab' })).status), 'succeeded');

    await core.invoke('person_faces.update', { person_id: ann.id, persisted_face_id: added.persisted_face_id, user_data: 'side' });
    assert.equal((await core.invoke('person_faces.list', { person_id: ann.id }))[0]!.user_data, 'side');
    const { merges } = await core.invoke('people.merge', { target_person_id: bob.id, source_person_ids: [ann.id] });
    assert.equal((await core.invoke('faces.identify', { face_ids: [probe], library_id: g.library_id }))[0]!.candidates[0]?.person_id, bob.id, 'the merged person has Ann’s faces');
    await core.invoke('people.unmerge', { merge_id: merges[0]!.id });
    assert.equal((await core.invoke('faces.identify', { face_ids: [probe], library_id: g.library_id }))[0]!.candidates[0]?.person_id, ann.id, 'and gives them back');
    await core.invoke('person_faces.remove', { person_id: ann.id, persisted_face_id: added.persisted_face_id });
    assert.deepEqual((await core.invoke('faces.identify', { face_ids: [probe], library_id: g.library_id }))[0]!.candidates, []);
  } finally {
    await core.close();
  }
});

test('snapshots: take writes a file, apply makes a new group that recognises the same people; scoped, expiring, refused cleanly', async () => {
  const dataDir = join(tempDir(), 'data');
  const core = new KindredCore({ dataDir });
  try {
    const g = await core.invoke('person_groups.create', { group_id: 'src', name: 'Source', user_data: 'g' });
    const ann = await core.invoke('people.create', { library_id: g.library_id, name: 'Ann' });
    await core.invoke('face_api.set_user_data', { subject_id: ann.id, user_data: 'ann!' });
    await core.invoke('person_faces.add', { person_id: ann.id, detected_face_id: detected(core, 5, 0), user_data: 'f' });
    const scope = [randomUUID()];
    const take = await core.invoke('snapshots.take', { type: 'PersonGroup', object_id: 'src', apply_scope: scope });
    const op = async (id: string) => core.invoke('operations.get', { operation_id: id });
    assert.equal(await until(async () => (await op(take.id)).status), 'succeeded');
    const snapshotId = (await op(take.id)).resource_location!.split('/').pop()!;
    assert.ok(existsSync(join(dataDir, 'snapshots', `${snapshotId}.json`)));
    assert.deepEqual((await core.invoke('snapshots.get', { snapshot_id: snapshotId })).apply_scope, scope);

    const apply = await core.invoke('snapshots.apply', { snapshot_id: snapshotId, object_id: 'copy' });
    assert.equal(await until(async () => (await op(apply.id)).status), 'succeeded');
    const copy = await core.invoke('person_groups.get', { group_id: 'copy' });
    assert.deepEqual([copy.name, copy.user_data, copy.made_by_api], ['Source', 'g', true]);
    const people = (await core.invoke('people.list', { library_id: copy.library_id })).items;
    assert.deepEqual(people.map((p) => p.name), ['Ann']);
    assert.deepEqual(await core.invoke('face_api.user_data', { subject_ids: [people[0]!.id] }), { [people[0]!.id]: 'ann!' });
    const found = await core.invoke('faces.identify', { face_ids: [detected(core, 5, 2)], library_id: copy.library_id });
    assert.equal(found[0]!.candidates[0]?.person_id, people[0]!.id);
    await assert.rejects(core.invoke('snapshots.apply', { snapshot_id: snapshotId, object_id: 'copy' }), /already exists/);

    await assert.rejects(core.invoke('snapshots.take', { type: 'FaceList', object_id: 'nope', apply_scope: scope }), /No face list/, 'a missing source is the caller’s 404, not a failed operation');
    await assert.rejects(core.invoke('snapshots.get', { snapshot_id: snapshotId, within: copy.library_id }), /No snapshot/, 'a scoped key sees only its own');
    await assert.rejects(core.invoke('snapshots.apply', { snapshot_id: snapshotId, object_id: 'other', within: g.library_id }), /No snapshot|cannot make a new person group/);
    core.catalogue.db.prepare('UPDATE face_api_snapshots SET expires_at = ? WHERE id = ?').run(Date.now() - 1, snapshotId);
    await assert.rejects(core.invoke('snapshots.get', { snapshot_id: snapshotId }), /expire/);
    assert.ok(!existsSync(join(dataDir, 'snapshots', `${snapshotId}.json`)), 'an expired snapshot’s file is removed');
  } finally {
    await core.close();
  }
});
