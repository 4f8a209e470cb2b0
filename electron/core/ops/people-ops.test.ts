import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, dirname, join } from 'node:path';
import { KindredCore } from '../app.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { SimilarFace } from '../../../shared/domain/recognition.ts';
import type { FaceId, PersonId } from '../../../shared/ids.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

// One real catalogue for the file: 5 LFW identities × 5 photos, imported through the real pipeline.
let core: KindredCore;
/** The central face of each photo, with its identity from the folder name. */
let central: Array<{ face: Face; label: string }>;

const rejects = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => e instanceof KindredError && e.code === code, `expected ${code}`);
const personOf = async (id: FaceId) => (await core.invoke('faces.get', { face_id: id, include_cluster_assignment: false })).person_id;
const byLabel = (label: string) => central.filter((c) => c.label === label);
const labels = () => [...new Set(central.map((c) => c.label))];

const root = tempDir();
before(async () => {
  const ids = identitiesWith(5, 5);
  for (const id of ids) copyInto(join(root, 'photos', id.name), id.files.slice(0, 5));
  core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  const job = await core.invoke('import.start', { paths: [join(root, 'photos')] });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
  const all = await core.invoke('faces.list', { limit: 5000 });
  central = [];
  for (const asset of (await core.invoke('assets.list', { limit: 5000 })).items) {
    const faces = all.items.filter((f) => f.asset_id === asset.id);
    const centre = (f: Face) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - asset.width! / 2, f.bounding_box.y + f.bounding_box.h / 2 - asset.height! / 2);
    const face = faces.sort((a, b) => centre(a) - centre(b))[0];
    if (face) central.push({ face, label: basename(dirname(core.catalogue.assets.path(asset.id)!)) });
  }
});
after(() => core?.close());

test('the import groups each identity into one person, with face and photo counts', async () => {
  assert.ok(central.length >= 23, `central faces: ${central.length}`);
  for (const label of labels()) {
    const people = new Set(byLabel(label).map((c) => c.face.person_id));
    assert.equal(people.size, 1, `${label} is in ${people.size} people`);
    const pid = [...people][0];
    assert.ok(pid, `${label} has a person`);
    const p = await core.invoke('people.get', { person_id: pid });
    assert.ok(p.face_count >= byLabel(label).length && p.asset_count >= byLabel(label).length);
    assert.equal(p.status, 'pending');
  }
});

test('people.update names, dates, hides and picks a cover face, with clear errors', async () => {
  const [a, b] = labels();
  const pa = byLabel(a!)[0]!.face.person_id!;
  const cover = byLabel(a!)[1]!.face.id;
  const p = await core.invoke('people.update', { person_id: pa, name: a!, birth_date: '1950-02-03', is_favorite: true, thumbnail_face_id: cover });
  assert.deepEqual([p.name, p.birth_date, p.is_favorite, p.thumbnail_face_id, p.status], [a, '1950-02-03', true, cover, 'confirmed']);
  await rejects(core.invoke('people.update', { person_id: pa, thumbnail_face_id: byLabel(b!)[0]!.face.id }), 'invalid_input');
  await rejects(core.invoke('people.update', { person_id: pa, birth_date: '2999-01-01' }), 'invalid_input');
  await rejects(core.invoke('people.update', { person_id: 'person_00000000000000000000000000', name: 'x' }), 'not_found');
  await rejects(core.invoke('people.update', { person_id: 'face_00000000000000000000000000' as PersonId, name: 'x' }), 'invalid_input');
  const hidden = await core.invoke('people.update', { person_id: pa, is_hidden: true });
  assert.equal(hidden.status, 'inactive');
  assert.ok(!(await core.invoke('people.list', {})).items.some((x) => x.id === pa));
  assert.ok((await core.invoke('people.list', { include_hidden: true })).items.some((x) => x.id === pa));
  await core.invoke('people.update', { person_id: pa, is_hidden: false });
  assert.equal((await core.invoke('people.list', { query: a!.slice(0, 4).toLowerCase() })).items[0]!.id, pa);
});

test('cluster_assignment explains a face: near its person, far from the others', async () => {
  const [a] = labels();
  const f = byLabel(a!)[0]!.face;
  const ca = await core.invoke('faces.cluster_assignment', { face_id: f.id, max_candidates: 3 });
  assert.ok(ca.distance_to_person !== null && ca.distance_to_person < 0.6, `distance ${ca.distance_to_person}`);
  assert.equal(ca.candidates.length, 3);
  assert.ok(ca.candidates.every((c) => c.person_id !== f.person_id && c.distance > ca.distance_to_person!));
  const got = await core.invoke('faces.get', { face_id: f.id });
  assert.deepEqual(got.cluster_assignment?.distance_to_person, ca.distance_to_person);
});

test('verify, identify, find-similar and group follow the cloud API semantics', async () => {
  const [a, b] = labels();
  const [a1, a2] = byLabel(a!).map((c) => c.face);
  const b1 = byLabel(b!)[0]!.face;
  const same = await core.invoke('faces.verify', { face_id1: a1!.id, face_id2: a2!.id });
  const diff = await core.invoke('faces.verify', { face_id1: a1!.id, face_id2: b1.id });
  assert.ok(same.is_identical && same.confidence > 0.5, JSON.stringify(same));
  assert.ok(!diff.is_identical && diff.confidence < 0.5, JSON.stringify(diff));
  const toPerson = await core.invoke('faces.verify', { face_id: a1!.id, person_id: a1!.person_id! });
  assert.ok(toPerson.is_identical);
  assert.ok(!(await core.invoke('faces.verify', { face_id: b1.id, person_id: a1!.person_id! })).is_identical);
  await rejects(core.invoke('faces.verify', { face_id1: a1!.id } as never), 'invalid_input');

  const ident = await core.invoke('faces.identify', { face_ids: [a1!.id, b1.id], max_candidates: 2 });
  assert.equal(ident[0]!.candidates[0]!.person_id, a1!.person_id);
  assert.equal(ident[1]!.candidates[0]!.person_id, b1.person_id);
  assert.ok(ident.every((i) => i.candidates.length <= 2 && i.candidates.every((c) => c.confidence >= 0.5)));

  // Without a face list, find_similar answers with faces (not persisted face-list entries).
  const similar = (await core.invoke('faces.find_similar', { face_id: a1!.id, max_candidates: 50 })) as SimilarFace[];
  const aIds = new Set<string>(byLabel(a!).map((c) => c.face.id));
  assert.ok(similar.length >= 3 && similar.slice(0, 3).every((s) => aIds.has(s.face_id)), 'matchPerson ranks the same person first');
  assert.ok(!similar.some((s) => s.face_id === a1!.id), 'not itself');
  const byFace = (await core.invoke('faces.find_similar', { face_id: a1!.id, face_ids: [b1.id, a2!.id], mode: 'matchFace' })) as SimilarFace[];
  assert.deepEqual(byFace.map((s) => s.face_id), [a2!.id, b1.id]);

  const ids = central.map((c) => c.face.id);
  const g = await core.invoke('faces.group', { face_ids: ids });
  assert.equal(g.groups.length, labels().length);
  for (const group of g.groups) assert.equal(new Set(group.map((id) => central.find((c) => c.face.id === id)!.label)).size, 1);
  await rejects(core.invoke('faces.group', { face_ids: ['face_00000000000000000000000000'] }), 'not_found');
});

test('merge combines people into the named one, whichever was asked to be the target, and unmerge restores both exactly once', async () => {
  const [, , c, d] = labels();
  const pc = byLabel(c!)[0]!.face.person_id!;
  const pd = byLabel(d!)[0]!.face.person_id!;
  const cover = byLabel(d!)[1]!.face.id;
  await core.invoke('people.update', { person_id: pd, name: d!, thumbnail_face_id: cover });
  await rejects(core.invoke('people.merge', { target_person_id: pc, source_person_ids: [pc] }), 'invalid_input');
  await rejects(core.invoke('people.merge', { target_person_id: pc, source_person_ids: [] as never }), 'invalid_input');
  const before = await core.invoke('people.get', { person_id: pc });
  const beforeD = await core.invoke('people.get', { person_id: pd });
  // Asked to merge named D into unnamed C: D survives (ids scripts stored stay valid), with the cover the user chose.
  const { person, merges } = await core.invoke('people.merge', { target_person_id: pc, source_person_ids: [pd] });
  assert.equal(person.id, pd);
  assert.equal(person.name, d);
  assert.equal(person.thumbnail_face_id, cover);
  assert.equal(person.source, 'merged');
  assert.equal(person.face_count, beforeD.face_count + merges[0]!.face_count);
  assert.deepEqual([merges[0]!.target_person_id, merges[0]!.source_person_id], [pd, pc]);
  for (const x of byLabel(c!)) assert.equal(await personOf(x.face.id), pd);
  await rejects(core.invoke('people.get', { person_id: pc }), 'not_found');
  // Merges are must-links: a re-cluster keeps them together.
  await core.invoke('people.recluster', {});
  for (const x of [...byLabel(c!), ...byLabel(d!)]) assert.equal(await personOf(x.face.id), pd);
  const history = await core.invoke('people.merges', { person_id: pd });
  assert.equal(history[0]!.id, merges[0]!.id);
  const { target, restored } = await core.invoke('people.unmerge', { merge_id: merges[0]!.id });
  assert.equal(restored.id, pc);
  assert.equal(restored.name, before.name);
  assert.equal(target.name, d);
  assert.equal(target.face_count, beforeD.face_count);
  for (const x of byLabel(c!)) assert.equal(await personOf(x.face.id), pc);
  await rejects(core.invoke('people.unmerge', { merge_id: merges[0]!.id }), 'conflict');
  await rejects(core.invoke('people.unmerge', { merge_id: 'merge_00000000000000000000000000' }), 'not_found');
});

test('user decisions survive a full re-cluster: placements, rejections, names', async () => {
  const [a, b, , d, e] = labels();
  const pa = byLabel(a!)[0]!.face.person_id!;
  const pb = byLabel(b!)[0]!.face.person_id!;
  const pe = byLabel(e!)[0]!.face.person_id!;
  await core.invoke('people.update', { person_id: pb, name: b! });
  // A face of D (named earlier) the user put into A: it stays there, and D keeps its other faces.
  const moved = byLabel(d!)[0]!.face;
  const pd = byLabel(d!)[1]!.face.person_id!;
  const [assigned] = await core.invoke('faces.assign', { face_ids: [moved.id], person_id: pa });
  assert.deepEqual([assigned!.person_id, assigned!.assignment], [pa, 'user']);
  // "Not B" for one of B's faces: it leaves B and never comes back.
  const rejected = byLabel(b!)[1]!.face;
  const [detached] = await core.invoke('faces.detach', { face_ids: [rejected.id], reject: true });
  assert.equal(detached!.person_id, null);
  // A plain detach: out of E, and left out of automatic placement.
  const plain = byLabel(e!)[1]!.face;
  await core.invoke('faces.detach', { face_ids: [plain.id] });
  const outcome = await core.invoke('people.recluster', {});
  assert.ok(outcome.assigned > 0);
  assert.equal(await personOf(moved.id), pa);
  assert.notEqual(await personOf(rejected.id), pb);
  assert.equal(await personOf(plain.id), null);
  assert.equal((await core.invoke('people.get', { person_id: pb })).name, b);
  assert.equal((await core.invoke('people.get', { person_id: pa })).name, a);
  // E was untouched by the user: it may be rebuilt, but under its old id.
  for (const x of byLabel(d!).slice(1)) assert.equal(await personOf(x.face.id), pd);
  assert.equal(await personOf(byLabel(e!)[2]!.face.id), pe);
  // Suggestions never propose the rejected pairing; answering yes pins a face.
  const sugg = await core.invoke('suggestions.list', { limit: 100 });
  assert.ok(!sugg.some((s) => s.face.id === rejected.id && s.person_id === pb));
  assert.ok(sugg.every((s, i) => i === 0 || sugg[i - 1]!.confidence >= s.confidence));
  await core.invoke('suggestions.answer', { face_id: plain.id, person_id: pe, answer: 'yes' });
  assert.equal(await personOf(plain.id), pe);
  await core.invoke('suggestions.answer', { face_id: plain.id, person_id: pe, answer: 'no' });
  assert.equal(await personOf(plain.id), null);
  assert.ok(core.catalogue.rejections.has(plain.id, pe));
});

test('split moves selected faces into a new person; create and delete people', async () => {
  const [, , c] = labels();
  const faces = byLabel(c!).slice(0, 2).map((x) => x.face.id);
  const p = await core.invoke('people.split', { face_ids: faces, name: 'Split off' });
  assert.deepEqual([p.name, p.face_count, p.source], ['Split off', 2, 'user_defined']);
  for (const f of faces) assert.equal(await personOf(f), p.id);
  await rejects(core.invoke('people.split', { face_ids: [] as never }), 'invalid_input');
  await rejects(core.invoke('people.split', { face_ids: ['face_00000000000000000000000000'] }), 'not_found');
  const made = await core.invoke('people.create', { name: 'Nobody yet' });
  assert.equal(made.face_count, 0);
  await core.invoke('people.delete', { person_id: p.id });
  for (const f of faces) assert.equal(await personOf(f), null);
  await rejects(core.invoke('people.delete', { person_id: p.id }), 'not_found');
});

test('a drawn face is detected inside its box, embedded, stored as drawn and joins its person', async () => {
  const [a] = labels();
  const target = byLabel(a!)[2]!.face;
  const box = { x: Math.round(target.bounding_box.x) - 3, y: Math.round(target.bounding_box.y) - 2, w: Math.round(target.bounding_box.w) + 6, h: Math.round(target.bounding_box.h) + 4 };
  // Detected faces cannot be moved; delete the detected one so the drawn one stands alone in the photo.
  await rejects(core.invoke('faces.update_box', { face_id: target.id, bounding_box: box }), 'conflict');
  await core.invoke('faces.delete', { face_id: target.id });
  await rejects(core.invoke('faces.get', { face_id: target.id }), 'not_found');
  const asset = await core.invoke('assets.get', { asset_id: target.asset_id });
  await rejects(core.invoke('faces.create', { asset_id: target.asset_id, bounding_box: { x: asset.width! - 10, y: 0, w: 20, h: 20 } }), 'out_of_bounds');
  await rejects(core.invoke('faces.create', { asset_id: 'asset_00000000000000000000000000', bounding_box: box }), 'not_found');
  await rejects(core.invoke('faces.create', { asset_id: target.asset_id, bounding_box: { x: -1, y: 0, w: 5, h: 5 } }), 'invalid_input');
  const drawn = await core.invoke('faces.create', { asset_id: target.asset_id, bounding_box: box });
  assert.deepEqual(drawn.bounding_box, box);
  assert.deepEqual([drawn.source, drawn.has_embedding, drawn.confidence], ['manual', true, null]);
  assert.equal(drawn.landmarks?.length, 5);
  assert.equal(drawn.person_id, byLabel(a!)[0]!.face.person_id, 'the drawn face takes part in clustering');
  const moved = await core.invoke('faces.update_box', { face_id: drawn.id, bounding_box: { ...box, x: box.x + 2 } });
  assert.equal(moved.bounding_box.x, box.x + 2);
  // With an explicit person it is a user decision.
  const other = byLabel(labels()[1]!)[0]!.face;
  const pinned = await core.invoke('faces.create', { asset_id: other.asset_id, bounding_box: { x: 1, y: 1, w: 40, h: 40 }, person_id: byLabel(a!)[0]!.face.person_id! });
  assert.equal(pinned.assignment, 'user');
});
