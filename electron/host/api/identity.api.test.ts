import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith, truncated } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { importPhotos, startApiTestServer, type ApiTestServer } from './testing.ts';

// A real catalogue (2 LFW identities × 5 photos) behind a real API server and a real key. The
// reference's curl examples are replayed as they are written, with ids from this catalogue.
let api: ApiTestServer;
let photos: string[];
/** The two people the import made, biggest first. */
let people: PersonId[];
let facesOf: Map<PersonId, Face[]>;

const root = tempDir();
const NO_ONE = 'person_00000000000000000000000000';
const CARY = {
  version: 1,
  identity_uuid: 'a9a901056d6b46ff92da0c3c1a57dff4',
  name: 'Cary Grant',
  identity_type: 'people',
  source: '.json',
  status: 'confirmed',
  metadata: {},
  file_bindings: [],
};

before(async () => {
  photos = [];
  for (const id of identitiesWith(5, 2)) photos.push(...copyInto(join(root, 'photos', id.name), id.files.slice(0, 5)));
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  await importPhotos(core, join(root, 'photos'));
  const list = await core.invoke('people.list', { limit: 100 });
  people = list.items.sort((a, b) => b.face_count - a.face_count).slice(0, 2).map((p) => p.id);
  facesOf = new Map();
  for (const p of people) facesOf.set(p, (await core.invoke('faces.list', { person_id: p })).items);
  api = await startApiTestServer(core);
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

interface Reply {
  status: number;
  body: { success?: boolean; message?: string; error?: { code: string; message: string } };
}

/** The envelope of an identity-API failure, with its code. */
function failed(r: Reply, status: number, code: string): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.success, false);
  assert.equal(r.body.error?.code, code);
}

/** POST an image as multipart/form-data, the way `curl -F image=@photo.jpg` does. */
async function postImage(path: string, bytes: Uint8Array, field = 'image', type = 'image/jpeg'): Promise<Reply & { body: { path?: string } }> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), 'photo');
  const res = await api.fetch(path, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

test('GET /identities pages through every person, hidden ones as inactive', async () => {
  const all = await api.json('GET', '/api/v1/identities?page=1&page_size=20');
  assert.equal(all.status, 200);
  assert.equal(all.body.success, true);
  assert.deepEqual([all.body.page, all.body.page_size], [1, 20]);
  assert.equal(all.body.count, all.body.identities.length);
  const first = all.body.identities.find((i: { identity_uuid: string }) => i.identity_uuid === people[0]);
  assert.ok(first, 'the biggest person is listed');
  assert.deepEqual(
    { ...first, created_at: undefined, updated_at: undefined },
    {
      identity_uuid: people[0], person_id: people[0], name: null, identity_type: null, source: 'auto', status: 'pending', tmdb_id: null, tmdb_profile: null,
      metadata: {}, reference_data: {}, library_id: first.library_id, face_count: facesOf.get(people[0]!)!.length, file_count: first.file_count,
      created_at: undefined, updated_at: undefined,
    },
  );
  assert.ok(first.file_count >= 4);

  await api.core.invoke('people.update', { person_id: people[1]!, is_hidden: true });
  const paged = await api.json('GET', '/api/v1/identities?page=2&page_size=1');
  assert.equal(paged.status, 200);
  assert.deepEqual([paged.body.count, paged.body.identities.length], [all.body.count, 1]);
  const hidden = (await api.json('GET', `/api/v1/identity/${people[1]}`)).body;
  assert.deepEqual([hidden.status, hidden.success], ['inactive', true]);
  assert.ok((await api.json('GET', '/api/v1/identities?page_size=500')).body.identities.some((i: { identity_uuid: string }) => i.identity_uuid === people[1]));
  await api.core.invoke('people.update', { person_id: people[1]!, is_hidden: false });

  for (const bad of ['page_size=0', 'page_size=501', 'page=0', 'page_size=ten', 'library_id=nope']) {
    const r = await api.json('GET', `/api/v1/identities?${bad}`);
    failed(r, 400, 'invalid_input');
    assert.ok(r.body.error.issues?.length, `${bad}: field errors`);
  }
});

test('POST /identity/upload takes the reference example, then updates the same identity', async () => {
  const made = await api.json('POST', '/api/v1/identity/upload', CARY);
  assert.equal(made.status, 200, JSON.stringify(made.body));
  assert.deepEqual({ ...made.body, person_id: undefined }, { success: true, identity_uuid: CARY.identity_uuid, person_id: undefined, name: 'Cary Grant', created: true, message: 'Identity uploaded successfully' });
  assert.match(made.body.person_id, /^person_/);
  const again = await api.json('POST', '/api/v1/identity/upload', { ...CARY, name: 'cary grant', tmdb_id: 112, metadata: { cast_order: 1 } });
  assert.deepEqual([again.body.created, again.body.identity_uuid, again.body.name], [false, made.body.identity_uuid, 'cary grant']);

  const got = await api.json('GET', `/api/v1/identity/${made.body.identity_uuid}`);
  assert.equal(got.status, 200);
  assert.deepEqual(
    [got.body.success, got.body.name, got.body.identity_type, got.body.source, got.body.status, got.body.tmdb_id, got.body.metadata, got.body.reference_data, got.body.face_count],
    [true, 'cary grant', 'people', '.json', 'confirmed', 112, { cast_order: 1 }, {}, 0],
  );
  assert.match(got.body.created_at, /^\d{4}-\d\d-\d\dT/);

  const byId = await api.json('POST', '/api/v1/identity/upload', { identity_uuid: people[0], name: 'First Person' });
  assert.deepEqual([byId.status, byId.body.created, byId.body.identity_uuid], [200, false, people[0]]);

  failed(await api.json('POST', '/api/v1/identity/upload', { identity_uuid: 'x' }), 400, 'invalid_input');
  failed(await api.json('POST', '/api/v1/identity/upload', { ...CARY, status: 'gone' }), 400, 'invalid_input');
  failed(await api.json('POST', '/api/v1/identity/upload?library_id=library_00000000000000000000000000', CARY), 404, 'not_found');
  const text = await api.fetch('/api/v1/identity/upload', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Cary Grant' });
  assert.equal(text.status, 415);
});

test('GET /identities/search finds names case-insensitively, in any script', async () => {
  await api.json('POST', '/api/v1/identity/upload', { identity_uuid: 'zola', name: 'Émile Zola' });
  const r = await api.json('GET', '/api/v1/identities/search?q=Cary');
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.success, r.body.count, r.body.identities.map((i: { name: string }) => i.name)], [true, 1, ['cary grant']]);
  const accented = await api.json('GET', `/api/v1/identities/search?q=${encodeURIComponent('ÉMILE')}`);
  assert.deepEqual(accented.body.identities.map((i: { name: string }) => i.name), ['Émile Zola']);
  assert.equal((await api.json('GET', '/api/v1/identities/search?q=%25')).body.count, 0, '% is a plain character');
  failed(await api.json('GET', '/api/v1/identities/search'), 400, 'invalid_input');
  failed(await api.json('GET', '/api/v1/identities/search?q=%20'), 400, 'invalid_input');
});

test('GET /files, /faces and /chunks of an identity', async () => {
  const pid = people[0]!;
  const faces = facesOf.get(pid)!;
  const files = await api.json('GET', `/api/v1/identity/${pid}/files`);
  assert.equal(files.status, 200);
  assert.equal(files.body.identity_uuid, pid);
  assert.deepEqual(new Set(files.body.files.map((f: { file_uuid: string }) => f.file_uuid)), new Set(faces.map((f) => f.asset_id)));
  assert.equal(files.body.count, files.body.files.length);
  for (const f of files.body.files) {
    assert.ok(photos.some((p) => p.endsWith(`/${f.file_name}`)), f.file_name);
    assert.ok(f.face_count >= 1 && f.best_confidence > 0.5);
    assert.deepEqual([f.first_appearance_ms, f.last_appearance_ms], [null, null]);
  }

  const fr = await api.json('GET', `/api/v1/identity/${pid}/faces`);
  assert.equal(fr.status, 200);
  assert.equal(fr.body.count, faces.length);
  const one = fr.body.faces.find((f: { face_id: string }) => f.face_id === faces[0]!.id);
  assert.deepEqual(one, { file_uuid: faces[0]!.asset_id, frame_number: null, face_id: faces[0]!.id, kindred_face_id: faces[0]!.id, timestamp_ms: null, confidence: faces[0]!.confidence, bounding_box: faces[0]!.bounding_box, source: 'automatic' });

  assert.deepEqual((await api.json('GET', `/api/v1/identity/${pid}/chunks`)).body, { success: true, identity_uuid: pid, data: [] });
  for (const part of ['', '/files', '/faces', '/chunks']) {
    failed(await api.json('GET', `/api/v1/identity/${NO_ONE}${part}`), 404, 'not_found');
    failed(await api.json('GET', `/api/v1/identity/0123456789abcdef0123456789abcdef${part}`), 404, 'not_found');
  }
});

test('POST /bind pins a face to an identity; /unbind remembers "not this person"', async () => {
  const [a, b] = people as [PersonId, PersonId];
  const face = facesOf.get(b)![0]!;
  const otherFile = facesOf.get(a)!.find((f) => f.asset_id !== face.asset_id)!.asset_id;

  const bound = await api.json('POST', `/api/v1/identity/${a}/bind`, { file_uuid: face.asset_id, face_id: face.id });
  assert.equal(bound.status, 200, JSON.stringify(bound.body));
  assert.deepEqual(bound.body, { success: true, identity_uuid: a, file_uuid: face.asset_id, face_id: face.id, kindred_face_id: face.id, message: 'Face bound to identity' });
  const after1 = await api.core.invoke('faces.get', { face_id: face.id, include_cluster_assignment: false });
  assert.deepEqual([after1.person_id, after1.assignment], [a, 'user']);

  const wrongFile = await api.json('POST', `/api/v1/identity/${a}/bind`, { file_uuid: otherFile, face_id: face.id });
  failed(wrongFile, 404, 'not_found');
  assert.ok(wrongFile.body.error.message.includes(face.id) && wrongFile.body.error.message.includes(otherFile), wrongFile.body.error.message);
  failed(await api.json('POST', `/api/v1/identity/${a}/bind`, { file_uuid: face.asset_id, face_id: 'face_00000000000000000000000000' }), 404, 'not_found');
  // {frame}_{idx} names a face in a video; a photo has no frames.
  failed(await api.json('POST', `/api/v1/identity/${a}/bind`, { file_uuid: face.asset_id, face_id: '1_5' }), 404, 'not_found');
  failed(await api.json('POST', `/api/v1/identity/${a}/bind`, { file_uuid: face.asset_id, face_id: 'frame 1' }), 400, 'invalid_input');
  failed(await api.json('POST', `/api/v1/identity/${a}/bind`, { face_id: face.id }), 400, 'invalid_input');
  failed(await api.json('POST', `/api/v1/identity/${NO_ONE}/bind`, { file_uuid: face.asset_id, face_id: face.id }), 404, 'not_found');

  failed(await api.json('POST', `/api/v1/identity/${b}/unbind`, { file_uuid: face.asset_id, face_id: face.id }), 409, 'conflict');
  failed(await api.json('POST', `/api/v1/identity/${a}/unbind`, { file_uuid: otherFile, face_id: face.id }), 404, 'not_found');
  const unbound = await api.json('POST', `/api/v1/identity/${a}/unbind`, { file_uuid: face.asset_id, face_id: face.id });
  assert.equal(unbound.status, 200, JSON.stringify(unbound.body));
  assert.deepEqual([unbound.body.success, unbound.body.identity_uuid, unbound.body.face_id], [true, a, face.id]);
  assert.equal((await api.core.invoke('faces.get', { face_id: face.id })).person_id, null);
  assert.ok(api.core.catalogue.rejections.has(face.id, a), 'remembered as not this person');
  await api.core.invoke('people.recluster', {});
  assert.notEqual((await api.core.invoke('faces.get', { face_id: face.id })).person_id, a, 'a re-cluster does not undo the unbind');
  failed(await api.json('POST', `/api/v1/identity/${a}/unbind`, { file_uuid: face.asset_id, face_id: face.id }), 409, 'conflict');
});

test('profile images: JPEG and PNG round-trip by URL, anything else is refused', async () => {
  const pid = people[0]!;
  const jpeg = readFileSync(photos[0]!);
  failed(await api.json('GET', `/api/v1/identity/${pid}/profile-image`), 404, 'not_found');

  const saved = await postImage(`/api/v1/identity/${pid}/profile-image`, jpeg);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const url = `${api.origin}/api/v1/identity/${pid}/profile-image`;
  assert.deepEqual(saved.body, { success: true, identity_uuid: pid, path: url, message: 'Profile image saved: profile.jpg' });
  assert.ok(!saved.body.path!.includes(root), 'no filesystem path leaks');

  const got = await api.fetch(new URL(url).pathname);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(jpeg));
  assert.equal((await api.json('GET', `/api/v1/identity/${pid}`)).body.tmdb_profile, url);

  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#225588' } }).png().toBuffer();
  const asPng = await postImage(`/api/v1/identity/${pid}/profile-image`, png, 'image', 'image/jpeg');
  assert.equal(asPng.body.message, 'Profile image saved: profile.png', 'the bytes decide, not the declared type');
  assert.equal((await api.fetch(new URL(url).pathname)).headers.get('content-type'), 'image/png');

  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
  failed(await postImage(`/api/v1/identity/${pid}/profile-image`, gif, 'image', 'image/gif'), 415, 'unsupported');
  failed(await postImage(`/api/v1/identity/${pid}/profile-image`, truncated(photos[0]!)), 400, 'invalid_input');
  failed(await postImage(`/api/v1/identity/${pid}/profile-image`, jpeg, 'photo'), 400, 'invalid_input');
  failed(await postImage(`/api/v1/identity/${NO_ONE}/profile-image`, jpeg), 404, 'not_found');
  const notMultipart = await api.fetch(`/api/v1/identity/${pid}/profile-image`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg) });
  assert.equal(notMultipart.status, 415);
  assert.equal((await api.fetch(new URL(url).pathname)).headers.get('content-type'), 'image/png', 'refusals leave the last good image');
});

test('a key limited to another library sees none of these identities', async () => {
  const empty = await api.core.invoke('libraries.create', { name: 'Empty' });
  const { secret } = await api.core.invoke('api_keys.create', { name: 'empty only', library_id: empty.id });
  const as = { 'x-api-key': secret };
  assert.equal((await api.json('GET', '/api/v1/identities', undefined, as)).body.count, 0);
  failed(await api.json('GET', `/api/v1/identity/${people[0]}`, undefined, as), 404, 'not_found');
  failed(await api.json('GET', `/api/v1/identity/${people[0]}/profile-image`, undefined, as), 404, 'not_found');
  const made = await api.json('POST', '/api/v1/identity/upload', CARY, as);
  assert.deepEqual([made.status, made.body.created], [200, true], 'the same uuid is a new identity in another library');
  assert.equal((await api.json('GET', `/api/v1/identity/${made.body.identity_uuid}`, undefined, as)).body.library_id, empty.id, 'a scoped key finds the uuid in its own library');
});

test('an uploaded 32-hex identity_uuid works in URLs; source and status are kept as uploaded; search names a file', async () => {
  const uuid = 'b1b2b3b4b5b6b7b8b9b0c1c2c3c4c5c6';
  const lib = api.core.catalogue.people.libraryOf(people[0]!)!;
  const made = await api.json('POST', `/api/v1/identity/upload?library_id=${lib}`, { identity_uuid: uuid, name: 'Grace Kelly', source: 'tmdb', status: 'pending', tmdb_id: 4070 });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  assert.equal(made.body.identity_uuid, uuid);
  const got = (await api.json('GET', `/api/v1/identity/${uuid}`)).body;
  assert.deepEqual([got.identity_uuid, got.person_id, got.source, got.status, got.tmdb_id], [uuid, made.body.person_id, 'tmdb', 'pending', 4070]);
  const face = facesOf.get(people[0]!)![0]!;
  const bound = await api.json('POST', `/api/v1/identity/${uuid}/bind`, { file_uuid: face.asset_id, face_id: face.id });
  assert.equal(bound.status, 200, JSON.stringify(bound.body));
  assert.equal(bound.body.identity_uuid, uuid);
  assert.deepEqual((await api.json('GET', `/api/v1/identity/${uuid}/faces`)).body.faces.map((f: { face_id: string }) => f.face_id), [face.id]);
  assert.deepEqual((await api.json('GET', `/api/v1/identity/${uuid.toUpperCase()}/files`)).body.files.map((f: { file_uuid: string }) => f.file_uuid), [face.asset_id], 'any case');
  const found = (await api.json('GET', '/api/v1/identities/search?q=grace')).body.identities;
  assert.deepEqual(found.map((i: { identity_uuid: string; file_uuid: string | null }) => [i.identity_uuid, i.file_uuid]), [[uuid, face.asset_id]]);
  await api.core.invoke('people.update', { person_id: made.body.person_id, is_hidden: true });
  assert.equal((await api.json('GET', `/api/v1/identity/${uuid}`)).body.status, 'inactive', 'hidden in Kindred is inactive');
  await api.core.invoke('people.update', { person_id: made.body.person_id, is_hidden: false });
  await api.json('POST', `/api/v1/identity/${uuid}/unbind`, { file_uuid: face.asset_id, face_id: face.id });
  failed(await api.json('GET', '/api/v1/identity/b1b2b3b4b5b6b7b8b9b0c1c2c3c4c5c7'), 404, 'not_found');
  failed(await api.json('GET', '/api/v1/identity/not-a-uuid'), 404, 'not_found');
});

test('identity.json export, one and all, uploads back to the same identities', async () => {
  const lib = api.core.catalogue.people.libraryOf(people[0]!)!;
  await api.json('POST', `/api/v1/identity/upload?library_id=${lib}`, { identity_uuid: 'c0ffee00c0ffee00c0ffee00c0ffee00', name: 'Round Trip', source: '.json', status: 'pending', metadata: { cast_order: 3 } });
  const one = await api.json('GET', '/api/v1/identity/c0ffee00c0ffee00c0ffee00c0ffee00/identity.json');
  assert.equal(one.status, 200, JSON.stringify(one.body));
  assert.deepEqual({ ...one.body, file_bindings: undefined }, {
    version: 1, identity_uuid: 'c0ffee00c0ffee00c0ffee00c0ffee00', name: 'Round Trip', identity_type: null, source: '.json', status: 'pending',
    tmdb_id: null, tmdb_profile: null, metadata: { cast_order: 3 }, file_bindings: undefined,
  });
  await api.core.invoke('people.update', { person_id: people[0]!, name: 'Named Now' });
  const named = (await api.json('GET', `/api/v1/identity/${people[0]}/identity.json`)).body;
  assert.ok(named.file_bindings.length >= 4 && named.file_bindings.every((b: { trace_ids: string[]; face_count: number }) => b.trace_ids.length === b.face_count));
  failed(await api.json('GET', `/api/v1/identity/${people[1]}/identity.json`), 409, 'conflict');

  const all = await api.json('GET', `/api/v1/identities/export?library_id=${lib}`);
  assert.equal(all.status, 200);
  assert.equal(all.body.count, all.body.identities.length);
  assert.ok(all.body.identities.every((i: { name: string | null }) => i.name), 'named people only');
  // Upload every file back: each lands on the identity it came from, unchanged.
  const before = (await api.json('GET', `/api/v1/identities?page_size=500&library_id=${lib}`)).body.identities;
  for (const file of all.body.identities) {
    const r = await api.json('POST', `/api/v1/identity/upload?library_id=${lib}`, file);
    assert.deepEqual([r.status, r.body.created, r.body.identity_uuid], [200, false, file.identity_uuid], file.name);
  }
  const after = (await api.json('GET', `/api/v1/identities?page_size=500&library_id=${lib}`)).body.identities;
  const strip = (list: Array<Record<string, unknown>>) => list.map(({ updated_at: _u, ...rest }) => rest);
  assert.deepEqual(strip(after), strip(before), 'export → upload round-trips');
});

test('DELETE /identity removes it; its faces stay, unassigned', async () => {
  const pid = people[1]!;
  const del = await api.json('DELETE', `/api/v1/identity/${pid}`);
  assert.deepEqual(del.body, { success: true, identity_uuid: pid, message: 'Identity deleted' });
  failed(await api.json('GET', `/api/v1/identity/${pid}`), 404, 'not_found');
  failed(await api.json('DELETE', `/api/v1/identity/${pid}`), 404, 'not_found');
  const face = facesOf.get(pid)![1]!;
  assert.equal((await api.core.invoke('faces.get', { face_id: face.id })).person_id, null);
});
