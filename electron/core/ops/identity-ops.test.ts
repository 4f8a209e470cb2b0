import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { KindredCore } from '../app.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { IdentityFile } from '../../../shared/domain/identity.ts';
import type { AssetId, PersonId } from '../../../shared/ids.ts';
import { copyInto, identitiesWith, pngBomb, truncated } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

// One real catalogue: 2 LFW identities × 5 photos, imported through the real pipeline, with file
// times one day apart so "newest first" has an answer.
let core: KindredCore;
let photos: string[];
/** The central face of each photo, labelled with its identity (the folder name). */
let central: Array<{ face: Face; label: string; asset: AssetId }>;

const root = tempDir();
const rejects = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof KindredError && e.code === code && (!message || message.test(e.message)), `expected ${code}`);
const labels = () => [...new Set(central.map((c) => c.label))];
const personOf = (label: string): PersonId => central.find((c) => c.label === label)!.face.person_id!;
const upload = (identity: IdentityFile) => core.invoke('people.upsert_identity', { identity });
const NO_ONE = 'person_00000000000000000000000000';

before(async () => {
  photos = [];
  for (const id of identitiesWith(5, 2)) photos.push(...copyInto(join(root, 'photos', id.name), id.files.slice(0, 5)));
  const day = 86_400;
  photos.forEach((p, i) => utimesSync(p, 1_600_000_000 + i * day, 1_600_000_000 + i * day));
  core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  const job = await core.invoke('import.start', { paths: [join(root, 'photos')] });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
  const faces = (await core.invoke('faces.list', { limit: 5000 })).items;
  central = [];
  for (const asset of (await core.invoke('assets.list', { limit: 5000 })).items) {
    const centre = (f: Face) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - asset.width! / 2, f.bounding_box.y + f.bounding_box.h / 2 - asset.height! / 2);
    const face = faces.filter((f) => f.asset_id === asset.id).sort((a, b) => centre(a) - centre(b))[0];
    if (face) central.push({ face, label: basename(dirname(core.catalogue.assets.path(asset.id)!)), asset: asset.id });
  }
});
after(() => core?.close());

test('people.files lists each photo of a person once, newest first, with counts and confidence', async () => {
  assert.ok(central.length >= 9, `central faces: ${central.length}`);
  for (const label of labels()) {
    const pid = personOf(label);
    const files = await core.invoke('people.files', { person_id: pid });
    const mine = central.filter((c) => c.label === label && c.face.person_id === pid).map((c) => c.asset);
    assert.ok(mine.length >= 4, `${label}: ${mine.length} photos in one person`);
    for (const asset of mine) assert.ok(files.some((f) => f.asset_id === asset), `${label}: ${asset} missing`);
    assert.equal(new Set(files.map((f) => f.asset_id)).size, files.length, 'one row per photo');
    // Newest first: file times rise with the photo's position in `photos`.
    const order = files.map((f) => photos.findIndex((p) => basename(p) === f.file_name));
    assert.deepEqual(order, [...order].sort((a, b) => b - a));
    for (const f of files) {
      assert.ok(f.face_count >= 1 && f.best_confidence !== null && f.best_confidence > 0.5, JSON.stringify(f));
      assert.equal(f.first_timestamp_ms, null, 'stills have no timeline');
      assert.equal(f.last_timestamp_ms, null);
      assert.match(f.file_name, /\.jpg$/);
    }
  }
  await rejects(core.invoke('people.files', { person_id: NO_ONE }), 'not_found');
});

test('a hand-drawn face counts as a photo of its person, with no confidence', async () => {
  const [a, b] = labels();
  const photoOfA = central.find((c) => c.label === a)!.asset;
  const pb = personOf(b!);
  await core.invoke('faces.create', { asset_id: photoOfA, bounding_box: { x: 5, y: 5, w: 60, h: 60 }, person_id: pb });
  const row = (await core.invoke('people.files', { person_id: pb })).find((f) => f.asset_id === photoOfA);
  assert.ok(row, 'the drawn face brings the photo into the person’s files');
  assert.deepEqual([row.face_count, row.best_confidence], [1, null]);
});

test('people.identity has defaults until something is uploaded', async () => {
  const extras = await core.invoke('people.identity', { person_id: personOf(labels()[0]!) });
  assert.deepEqual(extras, { identity_type: null, external_uuid: null, tmdb_id: null, metadata: {}, has_profile_image: false, profile_mime: null, reference_source: null, reference_status: null });
  await rejects(core.invoke('people.identity', { person_id: NO_ONE }), 'not_found');
});

test('upsert_identity creates, then updates by uuid, by person id and by name (any script, any case)', async () => {
  const uuid = 'a9a901056d6b46ff92da0c3c1a57dff4';
  const made = await upload({
    version: 1, identity_uuid: uuid, name: 'Cary Grant', identity_type: 'people', source: '.json', status: 'confirmed',
    tmdb_id: 112, metadata: { tmdb_character: 'Roger', cast_order: 1 }, file_bindings: [{ file_uuid: 'x', trace_ids: [], face_count: 0 }],
  });
  assert.equal(made.created, true);
  assert.deepEqual([made.person.name, made.person.source, made.person.status, made.person.face_count], ['Cary Grant', 'user_defined', 'confirmed', 0]);
  const extras = await core.invoke('people.identity', { person_id: made.person.id });
  assert.deepEqual(extras, {
    identity_type: 'people', external_uuid: uuid, tmdb_id: 112, metadata: { tmdb_character: 'Roger', cast_order: 1 }, has_profile_image: false, profile_mime: null,
    reference_source: '.json', reference_status: 'confirmed',
  });

  const renamed = await upload({ identity_uuid: uuid, name: 'Archibald Leach' });
  assert.deepEqual([renamed.created, renamed.person.id, renamed.person.name], [false, made.person.id, 'Archibald Leach']);
  const kept = await core.invoke('people.identity', { person_id: made.person.id });
  assert.deepEqual([kept.tmdb_id, kept.identity_type, kept.metadata], [112, 'people', { tmdb_character: 'Roger', cast_order: 1 }], 'absent fields are kept');

  const sameName = await upload({ identity_uuid: 'another-uuid', name: 'ARCHIBALD leach', identity_type: null, metadata: null });
  assert.deepEqual([sameName.created, sameName.person.id, sameName.person.name], [false, made.person.id, 'ARCHIBALD leach']);
  const cleared = await core.invoke('people.identity', { person_id: made.person.id });
  assert.deepEqual([cleared.identity_type, cleared.metadata, cleared.external_uuid], [null, {}, 'another-uuid']);

  const pa = personOf(labels()[0]!);
  const byId = await upload({ identity_uuid: pa, name: 'First Person' });
  assert.deepEqual([byId.created, byId.person.id, byId.person.source, byId.person.status], [false, pa, 'user_defined', 'confirmed']);
  assert.equal((await core.invoke('people.identity', { person_id: pa })).external_uuid, null, 'its own id is not an external uuid');

  const emile = await upload({ identity_uuid: 'zola-1', name: 'Émile Zola' });
  const again = await upload({ identity_uuid: 'zola-2', name: 'émile zola' });
  assert.deepEqual([again.created, again.person.id], [false, emile.person.id]);
  const found = await core.invoke('people.list', { query: 'ÉMILE' });
  assert.deepEqual(found.items.map((p) => p.id), [emile.person.id], 'people.list folds case beyond ASCII');
  const decomposed = await core.invoke('people.list', { query: 'E\u0301mile' });
  assert.deepEqual(decomposed.items.map((p) => p.id), [emile.person.id], 'a decomposed accent matches a composed one');
  assert.equal((await core.invoke('people.list', { query: 'mile_z' })).total, 0, '_ is a wildcard only in LIKE, not in a search');
});

test('status inactive hides the person; confirmed or pending shows them again', async () => {
  const made = await upload({ identity_uuid: 'hidden-1', name: 'Hidden Person', status: 'inactive' });
  assert.deepEqual([made.created, made.person.is_hidden, made.person.status], [true, true, 'inactive']);
  assert.ok(!(await core.invoke('people.list', {})).items.some((p) => p.id === made.person.id));
  assert.ok((await core.invoke('people.list', { include_hidden: true })).items.some((p) => p.id === made.person.id));
  const shown = await upload({ identity_uuid: 'hidden-1', name: 'Hidden Person', status: 'pending' });
  assert.deepEqual([shown.person.is_hidden, shown.person.status], [false, 'confirmed'], 'a named person is confirmed, whatever was uploaded');
  const again = await upload({ identity_uuid: 'hidden-1', name: 'Hidden Person', status: 'inactive' });
  assert.equal(again.person.status, 'inactive');
  const back = await upload({ identity_uuid: 'hidden-1', name: 'Hidden Person', status: 'confirmed' });
  assert.equal(back.person.status, 'confirmed');
});

test('upsert_identity refuses what it cannot store', async () => {
  await rejects(upload({ identity_uuid: 'x', name: '  ' }), 'invalid_input');
  await rejects(upload({ identity_uuid: '', name: 'x' }), 'invalid_input');
  await rejects(upload({ identity_uuid: 'x', name: 'x', status: 'gone' } as never), 'invalid_input');
  await rejects(upload({ identity_uuid: 'x', name: 'x', metadata: { blob: 'x'.repeat(70_000) } }), 'invalid_input');
  await rejects(core.invoke('people.upsert_identity', { library_id: 'library_00000000000000000000000000', identity: { identity_uuid: 'x', name: 'x' } }), 'not_found');
});

test('profile images: JPEG and PNG are stored in the cache dir, anything else is refused', async () => {
  const pid = personOf(labels()[1]!);
  const jpeg = readFileSync(photos[0]!);
  assert.deepEqual(await core.invoke('people.set_profile_image', { person_id: pid, bytes: jpeg }), { mime: 'image/jpeg', file_name: 'profile.jpg' });
  const got = await core.invoke('people.profile_image', { person_id: pid });
  assert.equal(got.mime, 'image/jpeg');
  assert.ok(Buffer.from(got.bytes).equals(jpeg));
  const jpgPath = join(root, 'data', 'cache', 'identities', pid, 'profile.jpg');
  assert.ok(existsSync(jpgPath), 'under the cache dir, never beside the photos');
  assert.equal((await core.invoke('people.identity', { person_id: pid })).has_profile_image, true);

  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).png().toBuffer();
  assert.deepEqual(await core.invoke('people.set_profile_image', { person_id: pid, bytes: png }), { mime: 'image/png', file_name: 'profile.png' });
  assert.equal((await core.invoke('people.profile_image', { person_id: pid })).mime, 'image/png');
  assert.ok(!existsSync(jpgPath), 'the replaced JPEG is gone');

  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
  await rejects(core.invoke('people.set_profile_image', { person_id: pid, bytes: gif }), 'unsupported', /JPEG or PNG.*image\/gif/);
  await rejects(core.invoke('people.set_profile_image', { person_id: pid, bytes: Buffer.from('just some text') }), 'unsupported');
  await rejects(core.invoke('people.set_profile_image', { person_id: pid, bytes: truncated(photos[0]!) }), 'invalid_input', /cannot be decoded/);
  await rejects(core.invoke('people.set_profile_image', { person_id: pid, bytes: pngBomb(20_000, 20_000) }), 'invalid_input');
  await rejects(core.invoke('people.set_profile_image', { person_id: pid, bytes: 'not bytes' }), 'invalid_input');
  assert.equal((await core.invoke('people.profile_image', { person_id: pid })).mime, 'image/png', 'a refused upload leaves the last good image');

  await rejects(core.invoke('people.set_profile_image', { person_id: NO_ONE, bytes: jpeg }), 'not_found');
  await rejects(core.invoke('people.profile_image', { person_id: personOf(labels()[0]!) }), 'not_found', /no profile image/);
});

test('with two libraries an upload must say which, and a person id from another library is not found there', async () => {
  const other = await core.invoke('libraries.create', { name: 'Other' });
  await rejects(upload({ identity_uuid: 'new-one', name: 'Nobody Yet' }), 'invalid_input', /library_id/);
  await rejects(core.invoke('people.upsert_identity', { library_id: other.id, identity: { identity_uuid: personOf(labels()[0]!), name: 'x' } }), 'not_found');
  const there = await core.invoke('people.upsert_identity', { library_id: other.id, identity: { identity_uuid: 'a9a901056d6b46ff92da0c3c1a57dff4', name: 'Cary Grant' } });
  assert.deepEqual([there.created, there.person.library_id], [true, other.id], 'uuids and names match within a library only');
});
