import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../../core/testing/temp-dir.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { startApiTestServer, twoLibraries, type ApiTestServer } from './testing.ts';

// A real catalogue with two libraries (Family: 3 LFW identities × 3 photos; Work: 1 × 3), served by a
// real API server. Keys are real; a Work-only key must not see Family.
let api: ApiTestServer;
let family: LibraryId;
let work: LibraryId;
let workKey: string;

const root = tempDir();
before(async () => {
  const libs = await twoLibraries(root);
  ({ family, work, workKey } = libs);
  api = await startApiTestServer(libs.core);
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

const asWork = { 'x-api-key': () => workKey };
const workHeaders = () => ({ 'x-api-key': asWork['x-api-key']() });

test('every route needs a live key: none, a wrong one and a revoked one get 401 in the error envelope', async () => {
  const none = await fetch(`${api.origin}/api/faces`);
  assert.equal(none.status, 401);
  const body = (await none.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'unauthorized');
  assert.match(body.error.message, /X-API-Key/);
  assert.equal((await fetch(`${api.origin}/api/faces`, { headers: { 'x-api-key': 'kdk_not-a-real-key' } })).status, 401);
  // The cloud API's header is for the cloud API's routes only.
  assert.equal((await fetch(`${api.origin}/api/faces`, { headers: { 'ocp-apim-subscription-key': api.key } })).status, 401);
  const { key, secret } = await api.core.invoke('api_keys.create', { name: 'short-lived' });
  assert.equal((await fetch(`${api.origin}/api/libraries`, { headers: { 'x-api-key': secret } })).status, 200);
  await api.core.invoke('api_keys.revoke', { key_id: key.id });
  assert.equal((await fetch(`${api.origin}/api/libraries`, { headers: { 'x-api-key': secret } })).status, 401);
  const listed = await api.core.invoke('api_keys.list', { include_revoked: true });
  const stored = listed.find((k) => k.id === key.id)!;
  assert.ok(stored.revoked_at && stored.last_used_at, 'revocation and last use are recorded');
  assert.ok(!JSON.stringify(listed).includes(secret), 'secrets are never listed');
});

test('unknown API paths and unknown ids are 404s in the envelope', async () => {
  const r = await api.json('GET', '/api/nothing-here');
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'not_found');
  const f = await api.json('GET', '/api/faces/face_0000000000zzzzzzzzzzzzzzzz');
  assert.equal(f.status, 404);
  assert.equal((await api.json('GET', '/api/people/not-an-id')).status, 404);
});

test('libraries, assets and their images', async () => {
  const libs = await api.json('GET', '/api/libraries');
  assert.equal(libs.status, 200);
  assert.deepEqual(libs.body.data.map((l: { name: string }) => l.name).sort(), ['Family', 'Work']);
  const assets = await api.json('GET', `/api/assets?library_id=${family}&limit=4`);
  assert.equal(assets.status, 200);
  assert.equal(assets.body.total, 9);
  assert.equal(assets.body.data.length, 4);
  assert.equal(assets.body.has_more, true);
  const a = assets.body.data[0];
  assert.ok(a.width > 0 && a.height > 0 && a.face_count >= 1);
  for (const url of [a.asset_urls.thumbnail, a.asset_urls.preview]) {
    const img = await api.fetch(new URL(url).pathname);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await img.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8]);
  }
  assert.equal((await api.json('GET', `/api/assets/${a.id}`)).body.id, a.id);
  assert.equal((await api.json('GET', `/api/assets?limit=0`)).status, 400);
});

test('POST /api/faces draws a face: library required with two libraries, box inside the photo, field errors', async () => {
  const asset = (await api.json('GET', `/api/assets?library_id=${family}&limit=1`)).body.data[0];
  const box = { x: 5, y: 5, w: Math.floor(asset.width / 3), h: Math.floor(asset.height / 3) };
  const noLib = await api.json('POST', '/api/faces', { asset_id: asset.id, bounding_box: box });
  assert.equal(noLib.status, 400);
  assert.deepEqual(noLib.body.error.issues.map((i: { path: string }) => i.path), ['body.library_id']);

  const made = await api.json('POST', '/api/faces', { asset_id: asset.id, bounding_box: box, library_id: family });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.source, 'manual');
  assert.equal(made.body.confidence, null);
  assert.deepEqual(made.body.bounding_box, box);
  assert.ok(made.body.cluster_assignment, 'a created face explains where it went');
  const crop = await api.fetch(new URL(made.body.asset_urls.thumbnail).pathname);
  assert.equal(crop.status, 200);
  assert.equal(crop.headers.get('content-type'), 'image/jpeg');

  const outside = await api.json('POST', '/api/faces', { asset_id: asset.id, bounding_box: { x: asset.width - 10, y: 0, w: 50, h: 50 }, library_id: family });
  assert.equal(outside.status, 400);
  assert.equal(outside.body.error.code, 'out_of_bounds');
  const missing = await api.json('POST', '/api/faces', { bounding_box: box, library_id: family });
  assert.equal(missing.status, 400);
  assert.ok(missing.body.error.issues.some((i: { path: string }) => i.path === 'body.asset_id'));
  const negative = await api.json('POST', '/api/faces', { asset_id: asset.id, bounding_box: { ...box, w: -3 }, library_id: family });
  assert.equal(negative.status, 400);
  const malformed = await api.fetch('/api/faces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"asset_id": ' });
  assert.equal(malformed.status, 400);
  assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'invalid_input');
  const huge = await api.fetch('/api/faces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(400_000) }) });
  assert.equal(huge.status, 413);
  const otherLibrary = await api.json('POST', '/api/faces', { asset_id: asset.id, bounding_box: box, library_id: work });
  assert.equal(otherLibrary.status, 404);
  const notJson = await api.fetch('/api/faces', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
  assert.equal(notJson.status, 415);
  const gone = await api.json('DELETE', `/api/faces/${made.body.id}`);
  assert.equal(gone.status, 204);
  assert.equal((await api.json('GET', `/api/faces/${made.body.id}`)).status, 404);
});

test('GET /api/faces filters and paginates, and explains with include=cluster_assignment', async () => {
  const people = (await api.json('GET', `/api/people?library_id=${family}`)).body.data;
  assert.equal(people.length, 3);
  const p = people[0];
  const plain = await api.json('GET', `/api/faces?person_id=${p.id}`);
  assert.equal(plain.status, 200);
  assert.ok(plain.body.data.length >= 3);
  assert.ok(plain.body.data.every((f: { person_id: string; cluster_assignment: unknown }) => f.person_id === p.id && f.cluster_assignment === null));
  const explained = await api.json('GET', `/api/faces?person_id=${p.id}&include=cluster_assignment`);
  for (const f of explained.body.data) {
    assert.equal(typeof f.cluster_assignment.distance_to_person, 'number');
    assert.ok(Array.isArray(f.cluster_assignment.candidates));
  }
  const page = await api.json('GET', `/api/faces?library_id=${family}&limit=2&offset=2`);
  assert.equal(page.body.data.length, 2);
  assert.equal(page.body.offset, 2);
  assert.equal((await api.json('GET', '/api/faces?include=everything')).status, 400);
  assert.equal((await api.json('GET', '/api/faces?unassigned=maybe')).status, 400);
});

test('PATCH /api/faces/{id} assigns or detaches (person_id only); people CRUD with reference fields', async () => {
  const [a, b] = (await api.json('GET', `/api/people?library_id=${family}`)).body.data;
  const face = (await api.json('GET', `/api/faces?person_id=${a.id}&limit=1`)).body.data[0];
  const moved = await api.json('PATCH', `/api/faces/${face.id}`, { person_id: b.id });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.person_id, b.id);
  const detached = await api.json('PATCH', `/api/faces/${face.id}`, { person_id: null });
  assert.equal(detached.body.person_id, null);
  const extra = await api.json('PATCH', `/api/faces/${face.id}`, { person_id: b.id, bounding_box: { x: 0, y: 0, w: 1, h: 1 } });
  assert.equal(extra.status, 400);
  const wrongPrefix = await api.json('PATCH', `/api/faces/${face.id}`, { person_id: face.id });
  assert.equal(wrongPrefix.status, 400);
  assert.equal(wrongPrefix.body.error.issues[0].path, 'body.person_id');

  const created = await api.json('POST', '/api/people', { name: 'Ada', birth_date: '1990-05-01', is_favorite: true, thumbnail_face_id: face.id, library_id: family });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual([created.body.name, created.body.is_favorite, created.body.is_hidden, created.body.thumbnail_face_id, created.body.asset_count], ['Ada', true, false, face.id, 1]);
  assert.match(created.body.asset_urls.thumbnail, new RegExp(`/api/faces/${face.id}/thumbnail$`));
  const renamed = await api.json('PATCH', `/api/people/${created.body.id}`, { name: 'Ada L.', is_hidden: true });
  assert.deepEqual([renamed.body.name, renamed.body.is_hidden], ['Ada L.', true]);
  const visible = (await api.json('GET', `/api/people?library_id=${family}`)).body.data.map((x: { id: string }) => x.id);
  assert.ok(!visible.includes(created.body.id), 'hidden people stay out of default listings');
  const all = (await api.json('GET', `/api/people?library_id=${family}&include_hidden=true&q=ada`)).body.data;
  assert.deepEqual(all.map((x: { id: string }) => x.id), [created.body.id]);
  assert.equal((await api.json('PATCH', `/api/people/${created.body.id}`, { birth_date: '3000-01-01' })).status, 400);
  assert.equal((await api.json('POST', '/api/people', { name: '', library_id: family })).status, 400);
  assert.equal((await api.json('DELETE', `/api/people/${created.body.id}`)).status, 204);
  assert.equal((await api.json('GET', `/api/people/${created.body.id}`)).status, 404);
});

test('a key limited to one library gets 404 for everything of another library', async () => {
  const familyFace = (await api.json('GET', `/api/faces?library_id=${family}&limit=1`)).body.data[0];
  const familyPerson = (await api.json('GET', `/api/people?library_id=${family}`)).body.data[0];
  const h = workHeaders();
  for (const [method, path, body] of [
    ['GET', `/api/faces/${familyFace.id}`, undefined],
    ['PATCH', `/api/faces/${familyFace.id}`, { person_id: null }],
    ['DELETE', `/api/faces/${familyFace.id}`, undefined],
    ['GET', `/api/people/${familyPerson.id}`, undefined],
    ['GET', `/api/faces/${familyFace.id}/thumbnail`, undefined],
    ['GET', `/api/assets/${familyFace.asset_id}`, undefined],
    ['GET', `/api/faces?library_id=${family}`, undefined],
  ] as const) {
    const r = await api.json(method, path, body, h);
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.ok(!JSON.stringify(r.body).includes('Family'), 'nothing about the other library leaks');
  }
  const libs = await api.json('GET', '/api/libraries', undefined, h);
  assert.deepEqual(libs.body.data.map((l: { id: string }) => l.id), [work]);
  const faces = await api.json('GET', '/api/faces', undefined, h);
  assert.ok(faces.body.total >= 3 && faces.body.data.every((f: { library_id: string }) => f.library_id === work));
  // Its writes land in its own library without naming it.
  const person = await api.json('POST', '/api/people', { name: 'Colleague' }, h);
  assert.equal(person.status, 201);
  assert.equal(person.body.library_id, work);
  // The face it still has is untouched by the refused requests above.
  assert.equal((await api.json('GET', `/api/faces/${familyFace.id}`)).body.person_id, familyFace.person_id);
});
