import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { KindredCore } from '../app.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { PEOPLE_PARAMS } from './params.ts';

// The quality gate and the age rule, on real photos through the real pipeline: faces-dev portraits, the
// same portraits shrunk until their faces are too small to recognise (a crowd's background faces), and
// copies carrying EXIF dates.

const root = tempDir();
let core: KindredCore;
const [alice, bob] = identitiesWith(6, 2);

/** Write variants of photos into a new folder and import it. */
async function importVariants(dir: string, files: string[], edit: (s: Sharp) => Sharp): Promise<void> {
  mkdirSync(join(root, dir), { recursive: true });
  for (const f of files) writeFileSync(join(root, dir, basename(f)), await edit(sharp(f)).jpeg({ quality: 92 }).toBuffer());
  const job = await core.invoke('import.start', { paths: [join(root, dir)] });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
}

const facesIn = async (dir: string): Promise<Face[]> => {
  const all = (await core.invoke('faces.list', { limit: 5000 })).items;
  return all.filter((f) => core.catalogue.assets.path(f.asset_id)!.includes(`/${dir}/`));
};

before(() => {
  core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
});
after(() => core?.close());

test('low-quality faces never found a person, and join one only on a strong match', async () => {
  // 250 px portraits shrunk to 56 px: faces about 22 px across, below the recognition floor.
  await importVariants('tiny', [...alice!.files.slice(0, 4), ...bob!.files.slice(0, 4)], (s) => s.resize(56, 56));
  const tiny = await facesIn('tiny');
  assert.ok(tiny.length >= 4, `the detector still finds ${tiny.length} tiny faces`);
  for (const f of tiny) assert.equal(f.quality?.quality_for_recognition, 'low', `a ${f.quality?.face_size_px} px face`);
  assert.equal((await core.invoke('people.list', { limit: 100 })).total, 0, 'eight low-quality faces of two people found nobody');

  // Good photos of the same two people found them; the tiny faces may join only on a strong match.
  await importVariants('good', [...alice!.files.slice(0, 5), ...bob!.files.slice(0, 5)], (s) => s);
  const good = await facesIn('good');
  // The portrait's own face is good in every photo (a small face in the background may not be).
  const largest = new Map<string, Face>();
  for (const f of good) if ((largest.get(f.asset_id)?.bounding_box.w ?? 0) < f.bounding_box.w) largest.set(f.asset_id, f);
  assert.equal(largest.size, 10);
  for (const f of largest.values()) assert.notEqual(f.quality?.quality_for_recognition, 'low', JSON.stringify(f.quality));
  const people = (await core.invoke('people.list', { limit: 100 })).items;
  assert.equal(people.length, 2, 'one person each from the good faces');
  for (const f of await facesIn('tiny')) {
    if (!f.person_id) continue;
    const why = await core.invoke('faces.cluster_assignment', { face_id: f.id, max_candidates: 2 });
    assert.ok(1 - why.distance_to_person! >= PEOPLE_PARAMS.lowQualityAssignSimilarity, `a low-quality face joined at similarity ${1 - why.distance_to_person!}`);
  }
  // They stay findable, and People counts only good faces as evidence.
  const unassigned = new Set((await core.invoke('faces.list', { unassigned: true, limit: 5000 })).items.map((f) => f.id));
  for (const f of await facesIn('tiny')) assert.ok(f.person_id || unassigned.has(f.id), 'an unplaced low-quality face is listed with the unassigned faces');
  for (const p of people) {
    assert.equal(p.has_evidence, true);
    assert.ok(p.good_face_count >= 2 && p.good_face_count <= p.face_count);
  }
  const real = await core.invoke('people.list', { limit: 100, evidence: 'real' });
  const little = await core.invoke('people.list', { limit: 100, evidence: 'little' });
  assert.deepEqual([real.total, little.total], [2, 0]);
});

test('a face is never given to someone not yet born when the photo was taken', async () => {
  const faces = await facesIn('good');
  const aliceFace = faces.find((f) => core.catalogue.assets.path(f.asset_id)!.includes(basename(alice!.files[0]!)))!;
  const aliceId = aliceFace.person_id as PersonId;
  await core.invoke('people.update', { person_id: aliceId, name: 'Alice', birth_date: '2010-06-01' });
  const dated = (date: string) => (s: Sharp) => s.withExif({ IFD2: { DateTimeOriginal: date } });
  // The same face, in photos from before she was born and from after.
  await importVariants('before-birth', [alice!.files[5]!], dated('2003:04:05 12:00:00'));
  await importVariants('after-birth', [alice!.files[5]!], dated('2019:04:05 12:00:00'));
  // The portrait's own face: the photo has a smaller one in the background too, listed in no set order beside it.
  const portrait = async (dir: string) => (await facesIn(dir)).sort((a, b) => b.bounding_box.w - a.bounding_box.w)[0];
  const early = await portrait('before-birth');
  const late = await portrait('after-birth');
  assert.ok(early && late);
  const earlyAsset = await core.invoke('assets.get', { asset_id: early.asset_id });
  assert.ok(earlyAsset.taken_at?.startsWith('2003-04-05'), `taken_at ${earlyAsset.taken_at}`);
  assert.equal(late.person_id, aliceId, 'the same face from 2019 is Alice');
  assert.notEqual(early.person_id, aliceId, 'the same face from 2003 is not Alice, born 2010');
  // Nor does a re-cluster or an explicit suggestion put it there.
  await core.invoke('people.recluster', {});
  assert.notEqual((await core.invoke('faces.get', { face_id: early.id, include_cluster_assignment: false })).person_id, aliceId);
  const asked = await core.invoke('suggestions.list', { person_id: aliceId, limit: 50 });
  assert.ok(!asked.some((s) => s.face.id === early.id), 'not suggested as Alice either');
});
