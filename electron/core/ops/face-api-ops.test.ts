import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KindredCore } from '../app.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { DetectedFace } from '../../../shared/domain/face-api.ts';
import type { SimilarFace, SimilarPersistedFace } from '../../../shared/domain/recognition.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { Asset } from '../../../shared/domain/asset.ts';
import { copyInto, identitiesWith, truncated } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';

// A real catalogue: 3 LFW identities × 4 photos imported; each identity's 5th photo is only ever
// uploaded to detect, never catalogued.
let core: KindredCore;
let photos: Array<{ label: string; asset: Asset; face: Face; file: string }>;
let outsiders: Map<string, string>;

const rejects = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof KindredError && e.code === code && (!message || message.test(e.message)), `expected ${code}${message ? ` ${message}` : ''}`);
const labels = () => [...new Set(photos.map((p) => p.label))];
const of = (label: string) => photos.filter((p) => p.label === label);
const bytes = (file: string) => new Uint8Array(readFileSync(file));
/** The detected face nearest the middle of a 250×250 LFW photo: the identity's face. */
const central = (faces: DetectedFace[]) => {
  const d = (f: DetectedFace) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - 125, f.bounding_box.y + f.bounding_box.h / 2 - 125);
  return [...faces].sort((a, b) => d(a) - d(b))[0]!;
};
const detectOne = async (file: string, ttl_seconds?: number) =>
  central(await core.invoke('faces.detect', { image: bytes(file), ...(ttl_seconds ? { ttl_seconds } : {}) }));
const expire = (id: string) => core.catalogue.db.prepare('UPDATE detected_faces SET expires_at = ? WHERE id = ?').run(Date.now() - 1, id);

const root = tempDir();
before(async () => {
  const ids = identitiesWith(5, 3);
  outsiders = new Map();
  for (const id of ids) {
    copyInto(join(root, 'photos', id.name), id.files.slice(0, 4));
    outsiders.set(id.name, id.files[4]!);
  }
  core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  const job = await core.invoke('import.start', { paths: [join(root, 'photos')] });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
  photos = [];
  for (const asset of (await core.invoke('assets.list', { limit: 100 })).items) {
    const file = core.catalogue.assets.path(asset.id)!;
    const faces = (await core.invoke('faces.list', { asset_id: asset.id })).items;
    const d = (f: Face) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - asset.width! / 2, f.bounding_box.y + f.bounding_box.h / 2 - asset.height! / 2);
    const face = faces.sort((a, b) => d(a) - d(b))[0];
    if (face) photos.push({ label: basename(dirname(file)), asset, face, file });
  }
});
after(() => core?.close());

test('detect on uploaded bytes finds the face, and it verifies as the catalogued face of the same photo', async () => {
  const [a, b] = labels();
  const pa = of(a!)[0]!;
  const t0 = Date.now();
  const found = await core.invoke('faces.detect', { image: bytes(pa.file) });
  assert.ok(found.length >= 1);
  const areas = found.map((f) => f.bounding_box.w * f.bounding_box.h);
  assert.deepEqual(areas, [...areas].sort((x, y) => y - x), 'largest face first');
  const face = central(found);
  assert.match(face.face_id!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const expires = Date.parse(face.expires_at!);
  assert.ok(expires >= t0 + 86_400_000 && expires <= Date.now() + 86_400_000, 'kept for a day by default');
  // Same decode, detector and embedder as the import: the same box and (within float16) the same embedding.
  for (const k of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(face.bounding_box[k] - pa.face.bounding_box[k]) < 1, `box ${k}`);
  assert.equal(face.landmarks!.length, 5);
  assert.ok(face.landmarks![0]![0] < face.landmarks![1]![0], 'image-left eye first');
  const same = await core.invoke('faces.verify', { face_id1: face.face_id!, face_id2: pa.face.id });
  assert.ok(same.is_identical && same.confidence > 0.99, JSON.stringify(same));

  const other = await core.invoke('faces.verify', { face_id1: face.face_id!, face_id2: of(b!)[0]!.face.id });
  assert.ok(!other.is_identical && other.confidence < 0.5, JSON.stringify(other));
  // A photo of the same identity that was never catalogued.
  const outsider = await detectOne(outsiders.get(a!)!);
  const sameIdentity = await core.invoke('faces.verify', { face_id1: outsider.face_id!, face_id2: face.face_id! });
  assert.ok(sameIdentity.is_identical, JSON.stringify(sameIdentity));
  const toPerson = await core.invoke('faces.verify', { face_id: outsider.face_id!, person_id: pa.face.person_id!, library_id: pa.asset.library_id });
  assert.ok(toPerson.is_identical, JSON.stringify(toPerson));
  const notB = await core.invoke('faces.verify', { face_id: outsider.face_id!, person_id: of(b!)[0]!.face.person_id! });
  assert.ok(!notB.is_identical, JSON.stringify(notB));
});

test('identify, find-similar and group take detected faces; people need a library for them', async () => {
  const [a, b, c] = labels();
  const lib = photos[0]!.asset.library_id;
  const da = await detectOne(outsiders.get(a!)!);
  const db = await detectOne(outsiders.get(b!)!);
  await rejects(core.invoke('faces.identify', { face_ids: [da.face_id!] }), 'invalid_input', /library_id/);
  const ident = await core.invoke('faces.identify', { face_ids: [da.face_id!, db.face_id!, of(c!)[0]!.face.id], library_id: lib, max_candidates: 2 });
  assert.deepEqual(ident.map((i) => i.face_id), [da.face_id, db.face_id, of(c!)[0]!.face.id]);
  assert.equal(ident[0]!.candidates[0]!.person_id, of(a!)[0]!.face.person_id);
  assert.equal(ident[1]!.candidates[0]!.person_id, of(b!)[0]!.face.person_id);
  assert.equal(ident[2]!.candidates[0]!.person_id, of(c!)[0]!.face.person_id);

  await rejects(core.invoke('faces.find_similar', { face_id: da.face_id! }), 'invalid_input', /library_id/);
  const inLibrary = (await core.invoke('faces.find_similar', { face_id: da.face_id!, library_id: lib })) as SimilarFace[];
  const aFaces = new Set<string>(of(a!).map((p) => p.face.id));
  assert.ok(inLibrary.length >= 3 && inLibrary.slice(0, 3).every((s) => aFaces.has(s.face_id)), JSON.stringify(inLibrary));
  const among = (await core.invoke('faces.find_similar', { face_id: of(a!)[1]!.face.id, face_ids: [db.face_id!, da.face_id!], mode: 'matchFace' })) as SimilarFace[];
  assert.deepEqual(among.map((s) => [s.face_id, s.person_id]), [[da.face_id, null], [db.face_id, null]]);

  const g = await core.invoke('faces.group', { face_ids: [da.face_id!, db.face_id!, ...of(a!).map((p) => p.face.id), ...of(b!).slice(0, 2).map((p) => p.face.id)] });
  const groupOf = (id: string) => g.groups.find((x) => x.includes(id));
  assert.ok(groupOf(da.face_id!)?.includes(of(a!)[0]!.face.id), JSON.stringify(g));
  assert.ok(groupOf(db.face_id!)?.includes(of(b!)[0]!.face.id), JSON.stringify(g));
});

test('detect on an asset reports its catalogued faces, which never expire', async () => {
  const p = photos[0]!;
  const faces = await core.invoke('faces.detect', { asset_id: p.asset.id });
  assert.ok(faces.some((f) => f.face_id === p.face.id));
  assert.ok(faces.every((f) => f.expires_at === null && f.face_id!.startsWith('face_')));
  await rejects(core.invoke('faces.detect', { asset_id: 'asset_00000000000000000000000000' }), 'not_found');
});

test('an expired or unknown detected face is not found, with a message that says why', async () => {
  const face = await detectOne(outsiders.get(labels()[0]!)!, 60);
  assert.ok(Date.parse(face.expires_at!) <= Date.now() + 60_000);
  const catalogued = photos[0]!.face.id;
  await core.invoke('faces.verify', { face_id1: face.face_id!, face_id2: catalogued });
  expire(face.face_id!);
  await rejects(core.invoke('faces.verify', { face_id1: face.face_id!, face_id2: catalogued }), 'not_found', /expired or never existed/);
  assert.equal(core.catalogue.db.prepare('SELECT COUNT(*) FROM detected_faces WHERE id = ?').pluck().get(face.face_id!), 0, 'purged');
  await rejects(core.invoke('faces.group', { face_ids: [catalogued, '0f8fad5b-d9cb-469f-a165-70867728950e'] }), 'not_found', /expired or never existed/);
  await rejects(core.invoke('faces.detect', { image: bytes(photos[0]!.file), ttl_seconds: 59 }), 'invalid_input');
  await rejects(core.invoke('faces.verify', { face_id1: 'not-a-face', face_id2: catalogued } as never), 'invalid_input');
});

test('keep: false reports faces without keeping them', async () => {
  const before = core.catalogue.detectedFaces.count();
  const faces = await core.invoke('faces.detect', { image: bytes(photos[1]!.file), keep: false });
  assert.ok(faces.length >= 1 && faces.every((f) => f.face_id === null && f.expires_at === null));
  assert.equal(core.catalogue.detectedFaces.count(), before);
});

test('bytes that are not a usable image get a clear error', async () => {
  const text = new TextEncoder().encode('hello, this is not a photo at all\n'.repeat(20));
  await rejects(core.invoke('faces.detect', { image: text }), 'invalid_input', /not an image/);
  await rejects(core.invoke('faces.detect', { image: new Uint8Array(truncated(photos[0]!.file, 0.3)) }), 'invalid_input', /truncated|damaged|corrupt/);
  await rejects(core.invoke('faces.detect', { image: new Uint8Array(0) }), 'invalid_input', /empty/);
  await rejects(core.invoke('faces.detect', { image: 'aGVsbG8=' }), 'invalid_input');
  await rejects(core.invoke('faces.detect', { image: bmp(4, 4) }), 'unsupported', /image\/bmp/);
});

test('face lists keep copies of faces that outlive them, find similar faces, and remove them', async () => {
  const [a, b] = labels();
  const lib = photos[0]!.asset.library_id;
  const list = await core.invoke('face_lists.create', { face_list_id: 'family_1', name: ' Family ', user_data: 'x' });
  assert.deepEqual([list.id, list.name, list.user_data, list.library_id, list.face_count], ['family_1', 'Family', 'x', null, 0]);
  await rejects(core.invoke('face_lists.create', { face_list_id: 'family_1', name: 'Again' }), 'conflict');
  await rejects(core.invoke('face_lists.create', { face_list_id: 'Family 1', name: 'Bad id' }), 'invalid_input');

  const detected = await detectOne(outsiders.get(a!)!);
  const pa = await core.invoke('face_lists.add_face', { face_list_id: 'family_1', face_id: detected.face_id!, user_data: 'from an upload' });
  const pb = await core.invoke('face_lists.add_face', { face_list_id: 'family_1', face_id: of(b!)[0]!.face.id });
  expire(detected.face_id!);
  const got = await core.invoke('face_lists.get', { face_list_id: 'family_1' });
  assert.deepEqual(got.faces.map((f) => [f.persisted_face_id, f.user_data, f.source_face_id]), [
    [pa.persisted_face_id, 'from an upload', detected.face_id],
    [pb.persisted_face_id, null, of(b!)[0]!.face.id],
  ]);

  // The detected face has expired; its copy in the list has not.
  const similar = (await core.invoke('faces.find_similar', { face_id: of(a!)[0]!.face.id, face_list_id: 'family_1' })) as SimilarPersistedFace[];
  assert.deepEqual(similar.map((s) => s.persisted_face_id), [pa.persisted_face_id], 'matchPerson keeps only the same person');
  const all = (await core.invoke('faces.find_similar', { face_id: of(b!)[1]!.face.id, face_list_id: 'family_1', mode: 'matchFace' })) as SimilarPersistedFace[];
  assert.deepEqual(all.map((s) => s.persisted_face_id), [pb.persisted_face_id, pa.persisted_face_id]);
  await rejects(core.invoke('faces.find_similar', { face_id: of(b!)[1]!.face.id, face_list_id: 'nope' }), 'not_found');

  const renamed = await core.invoke('face_lists.update', { face_list_id: 'family_1', name: 'Kin', user_data: null });
  assert.deepEqual([renamed.name, renamed.user_data, renamed.face_count], ['Kin', null, 2]);
  await core.invoke('face_lists.remove_face', { face_list_id: 'family_1', persisted_face_id: pa.persisted_face_id });
  await rejects(core.invoke('face_lists.remove_face', { face_list_id: 'family_1', persisted_face_id: pa.persisted_face_id }), 'not_found');
  assert.equal((await core.invoke('face_lists.get', { face_list_id: 'family_1' })).face_count, 1);

  // A list bound to a library (a scoped API key made it) is invisible from anywhere else.
  await core.invoke('face_lists.create', { face_list_id: 'scoped', name: 'Scoped', library_id: lib });
  assert.deepEqual((await core.invoke('face_lists.list', { library_id: lib })).map((l) => l.id), ['scoped']);
  assert.deepEqual((await core.invoke('face_lists.list', {})).map((l) => l.id), ['family_1', 'scoped']);
  await rejects(core.invoke('face_lists.get', { face_list_id: 'family_1', library_id: lib }), 'not_found');

  await core.invoke('face_lists.delete', { face_list_id: 'family_1' });
  await rejects(core.invoke('face_lists.get', { face_list_id: 'family_1' }), 'not_found');
  await rejects(core.invoke('face_lists.add_face', { face_list_id: 'family_1', face_id: of(a!)[0]!.face.id }), 'not_found');
});

test('a face list holds at most 1000 faces', async () => {
  await core.invoke('face_lists.create', { face_list_id: 'full', name: 'Full' });
  const face = photos[0]!.face.id;
  for (let i = 0; i < 1000; i++) await core.invoke('face_lists.add_face', { face_list_id: 'full', face_id: face });
  await rejects(core.invoke('face_lists.add_face', { face_list_id: 'full', face_id: face }), 'conflict', /1000/);
});

/** A tiny valid 24-bit BMP: a well-formed image in a format Kindred does not decode. */
function bmp(width: number, height: number): Uint8Array {
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * height;
  const b = Buffer.alloc(size);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * height, 34);
  return new Uint8Array(b);
}
