import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, dirname, join } from 'node:path';
import { KindredCore } from '../app.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

// Merges that keep the user's choices, renames that would give two people one name, and "are these the
// same person?" between people; on one real catalogue: 4 LFW identities × 6 photos through the pipeline.

let core: KindredCore;
let central: Array<{ face: Face; label: string }>;
const root = tempDir();

const byLabel = (label: string) => central.filter((c) => c.label === label);
const labels = () => [...new Set(central.map((c) => c.label))].sort();
const personOf = async (face: Face) => (await core.invoke('faces.get', { face_id: face.id, include_cluster_assignment: false })).person_id;

before(async () => {
  for (const id of identitiesWith(6, 4)) copyInto(join(root, 'photos', id.name), id.files.slice(0, 6));
  core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  const job = await core.invoke('import.start', { paths: [join(root, 'photos')] });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
  const all = (await core.invoke('faces.list', { limit: 5000 })).items;
  central = [];
  for (const asset of (await core.invoke('assets.list', { limit: 5000 })).items) {
    const centre = (f: Face) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - asset.width! / 2, f.bounding_box.y + f.bounding_box.h / 2 - asset.height! / 2);
    const face = all.filter((f) => f.asset_id === asset.id).sort((a, b) => centre(a) - centre(b))[0];
    if (face) central.push({ face, label: basename(dirname(core.catalogue.assets.path(asset.id)!)) });
  }
});
after(() => core?.close());

test('renaming a person to a name another person has is a conflict that names that person', async () => {
  const [a, b] = labels();
  const pa = byLabel(a!)[0]!.face.person_id!;
  const pb = byLabel(b!)[0]!.face.person_id!;
  await core.invoke('people.update', { person_id: pa, name: 'Émile Zola' });
  const err = await core.invoke('people.update', { person_id: pb, name: 'émile zola' }).catch((e: unknown) => e);
  assert.ok(err instanceof KindredError && err.code === 'conflict', String(err));
  assert.deepEqual(err.existingPerson, { id: pa, name: 'Émile Zola' });
  assert.deepEqual(err.toPayload().existing_person, { id: pa, name: 'Émile Zola' });
  assert.match(err.message, /Émile Zola/);
  assert.equal((await core.invoke('people.get', { person_id: pb })).name, null, 'nothing was renamed');
  // Its own name again, or a name free in the library, is fine.
  assert.equal((await core.invoke('people.update', { person_id: pa, name: 'Émile Zola' })).name, 'Émile Zola');
  assert.equal((await core.invoke('people.update', { person_id: pb, name: 'Zola Émile' })).name, 'Zola Émile');
  await core.invoke('people.update', { person_id: pa, name: null });
  await core.invoke('people.update', { person_id: pb, name: null });
});

test('merging unnamed people keeps the older one; a named one always survives, with its cover', async () => {
  const [, , c] = labels();
  const faces = byLabel(c!);
  const older = await core.invoke('people.split', { face_ids: [faces[0]!.face.id] });
  await new Promise((r) => setTimeout(r, 5));
  const newer = await core.invoke('people.split', { face_ids: [faces[1]!.face.id, faces[2]!.face.id] });
  await core.invoke('people.update', { person_id: older.id, name: null });
  await core.invoke('people.update', { person_id: newer.id, name: null });
  const merged = await core.invoke('people.merge', { target_person_id: newer.id, source_person_ids: [older.id] });
  assert.equal(merged.person.id, older.id, 'the older person survives, though the newer one was the target');
  assert.equal(merged.person.face_count, 3);
  await core.invoke('people.unmerge', { merge_id: merged.merges[0]!.id });

  const named = await core.invoke('people.update', { person_id: newer.id, name: 'Carol', thumbnail_face_id: faces[2]!.face.id });
  const again = await core.invoke('people.merge', { target_person_id: older.id, source_person_ids: [named.id] });
  assert.deepEqual([again.person.id, again.person.name, again.person.thumbnail_face_id], [newer.id, 'Carol', faces[2]!.face.id]);
  await core.invoke('people.unmerge', { merge_id: again.merges[0]!.id });
  for (const p of [older.id, newer.id]) await core.invoke('people.delete', { person_id: p });
  await core.invoke('people.recluster', {});
});

test('"are these the same person?": a split identity is suggested with evidence from both sides; no is remembered, yes merges', async () => {
  const [a, b, c, d] = labels();
  for (const label of [a, b, c, d]) assert.equal(new Set(byLabel(label!).map((x) => x.face.person_id)).size, 1, `${label} is one person`);
  const whole = byLabel(a!)[0]!.face.person_id!;
  // The user splits two photos of A off into a person of their own: the engine now sees two people who look alike.
  const part = await core.invoke('people.split', { face_ids: byLabel(a!).slice(0, 2).map((x) => x.face.id) });
  const pa = (await core.invoke('faces.get', { face_id: byLabel(a!)[3]!.face.id, include_cluster_assignment: false })).person_id!;
  assert.equal(pa, whole);
  const sugg = await core.invoke('suggestions.people', { limit: 10 });
  const pair = sugg.find((s) => new Set([s.person.id, s.other.id]).size === 2 && [s.person.id, s.other.id].includes(part.id) && [s.person.id, s.other.id].includes(pa));
  assert.ok(pair, `the split pair is suggested: ${JSON.stringify(sugg.map((s) => [s.person.id, s.other.id, s.confidence]))}`);
  assert.equal(sugg[0], pair, 'and first: it is the likeliest');
  assert.ok(pair.confidence >= 0.5 && pair.person_face_ids.length >= 1 && pair.person_face_ids.length === pair.other_face_ids.length);
  const sideOf = async (ids: readonly string[]) => new Set(await Promise.all(ids.map(async (id) => (await core.invoke('faces.get', { face_id: id as never, include_cluster_assignment: false })).person_id)));
  assert.deepEqual(await sideOf(pair.person_face_ids), new Set([pair.person.id]));
  assert.deepEqual(await sideOf(pair.other_face_ids), new Set([pair.other.id]));
  assert.ok(sugg.every((s, i) => i === 0 || s.person.name !== null || s.other.name !== null || sugg[i - 1]!.confidence >= s.confidence), 'ranked');
  // Asking about one person gives that person first in each pair.
  const about = await core.invoke('suggestions.people', { person_id: part.id, limit: 5 });
  assert.ok(about.length >= 1 && about.every((s) => s.person.id === part.id));

  // No: remembered; never suggested again, and a re-cluster keeps them apart.
  await core.invoke('suggestions.answer_people', { person_id: part.id, other_person_id: pa, answer: 'no' });
  const after1 = await core.invoke('suggestions.people', { limit: 50 });
  assert.ok(!after1.some((s) => [s.person.id, s.other.id].includes(part.id) && [s.person.id, s.other.id].includes(pa)));
  await core.invoke('people.recluster', {});
  assert.equal(await personOf(byLabel(a!)[0]!.face), part.id);
  assert.equal(await personOf(byLabel(a!)[3]!.face), pa);

  // Yes on another pair: merged, the named one surviving.
  const pb: PersonId = byLabel(b!)[0]!.face.person_id!;
  const pc: PersonId = byLabel(c!)[0]!.face.person_id!;
  await core.invoke('people.update', { person_id: pc, name: 'Cee' });
  const yes = await core.invoke('suggestions.answer_people', { person_id: pb, other_person_id: pc, answer: 'yes' });
  assert.equal(yes.survivor?.id, pc);
  assert.equal(await personOf(byLabel(b!)[0]!.face), pc);
  await assert.rejects(core.invoke('suggestions.answer_people', { person_id: pc, other_person_id: pc, answer: 'no' }), (e: unknown) => e instanceof KindredError && e.code === 'invalid_input');
});
