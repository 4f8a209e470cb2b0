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
  for (const url of [a.asset_urls.thumbnail.url, a.asset_urls.preview.url]) {
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

  const made = await api.json('POST', '/api/faces?include=cluster_assignment', { asset_id: asset.id, bounding_box: box, library_id: family });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.source, 'manual');
  assert.equal(made.body.confidence, null);
  assert.deepEqual(made.body.bounding_box, box);
  assert.ok(made.body.cluster_assignment, 'a created face explains where it went');
  const crop = await api.fetch(new URL(made.body.asset_urls.thumbnail.url).pathname);
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
  assert.equal(page.body.has_more, page.body.total > 4);
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
  assert.match(created.body.asset_urls.thumbnail.url, new RegExp(`/api/faces/${face.id}/thumbnail$`));
  const renamed = await api.json('PATCH', `/api/people/${created.body.id}`, { name: 'Ada L.', is_hidden: true });
  assert.deepEqual([renamed.body.name, renamed.body.is_hidden], ['Ada L.', true]);
  const visible = (await api.json('GET', `/api/people?library_id=${family}`)).body.data.map((x: { id: string }) => x.id);
  assert.ok(!visible.includes(created.body.id), 'hidden people stay out of default listings');
  const all = (await api.json('GET', `/api/people?library_id=${family}&include_hidden=true&name=ada`)).body.data;
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

/** Every page of a list, following starting_after_id until has_more is false. */
async function walk(path: string, limit: number): Promise<Array<{ id: string; created_at: string }>> {
  const out: Array<{ id: string; created_at: string }> = [];
  let after = '';
  for (let pages = 0; pages < 100; pages++) {
    const r = await api.json('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${after ? `&starting_after_id=${after}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.data.length <= limit);
    out.push(...r.body.data);
    if (!r.body.has_more) return out;
    after = r.body.data.at(-1).id;
  }
  throw new Error(`${path}: has_more never turned false`);
}

test('lists page by cursor (starting_after_id, ending_before_id, has_more) in the reference’s orders', async () => {
  for (const [path, n] of [[`/api/faces?library_id=${family}`, 2], [`/api/people?library_id=${family}&include_hidden=true`, 2], [`/api/assets?library_id=${family}`, 4]] as const) {
    const all = (await api.json('GET', `${path}&limit=200`)).body.data as Array<{ id: string }>;
    const walked = await walk(path, n);
    assert.deepEqual(walked.map((x) => x.id), all.map((x) => x.id), `${path}: the cursor walks the list once`);
    const k = Math.min(3, all.length - 1);
    const before = await api.json('GET', `${path}&limit=2&ending_before_id=${all[k]!.id}`);
    assert.deepEqual(before.body.data.map((x: { id: string }) => x.id), all.slice(Math.max(0, k - 2), k).map((x) => x.id), `${path}: ending_before_id`);
    assert.equal(before.body.has_more, k > 2);
  }
  const faces = await walk(`/api/faces?library_id=${family}`, 3);
  // Newest recorded first: by created_at (ids carry their own clock, which need not agree to the millisecond).
  const recorded = faces.map((f) => f.created_at);
  assert.deepEqual(recorded, [...recorded].sort().reverse(), 'faces newest first');
  const people = (await api.json('GET', `/api/people?library_id=${family}&sort=created_at_asc&limit=200`)).body.data as Array<{ created_at: string }>;
  assert.deepEqual(people.map((p) => p.created_at), [...people.map((p) => p.created_at)].sort());
  const named = (await api.json('GET', `/api/people?library_id=${family}&name_filter=named&limit=200`)).body.data as Array<{ name: string | null }>;
  assert.ok(named.every((p) => p.name !== null));
  assert.equal((await api.json('GET', `/api/faces?starting_after_id=${faces[0]!.id}&ending_before_id=${faces[1]!.id}`)).status, 400);
  assert.equal((await api.json('GET', `/api/people?starting_after_id=person_0000000000zzzzzzzzzzzzzzzz`)).status, 400, 'a cursor that is no person of the list');
  assert.equal((await api.json('GET', '/api/people?sort=shoe_size')).status, 400);
});

test('assets carry the reference’s fields and expand faces and people with include', async () => {
  const r = await api.json('GET', `/api/assets?library_id=${family}&limit=3&include=faces,people`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (const a of r.body.data) {
    assert.equal(a.kind, 'original');
    assert.equal(a.mime_type, 'image/jpeg');
    assert.match(a.original_file_name, /\.jpg$/);
    assert.ok(!Number.isNaN(Date.parse(a.local_datetime)) && !Number.isNaN(Date.parse(a.updated_at)));
    assert.match(a.current_version_id, /^asset_version_/);
    assert.ok(a.faces.length >= 1 && a.faces.every((f: { asset_id: string }) => f.asset_id === a.id));
    const personIds = [...new Set(a.faces.map((f: { person_id: string | null }) => f.person_id).filter(Boolean))];
    assert.deepEqual(a.people.map((p: { id: string }) => p.id).sort(), personIds.sort(), 'each person once');
    for (const v of Object.values(a.asset_urls) as Array<{ url: string; mimetype: string }>) assert.equal(v.mimetype, 'image/jpeg');
  }
  const one = await api.json('GET', `/api/assets/${r.body.data[0].id}?include=faces`);
  assert.equal(one.body.faces.length, r.body.data[0].faces.length);
  assert.equal(one.body.people, undefined);
  const bad = await api.json('GET', '/api/assets?include=faces,metadata');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /include/);
});

test('library_id may be sent where the reference allows it; a face’s box is whole pixels', async () => {
  const face = (await api.json('GET', `/api/faces?library_id=${family}&limit=200`)).body.data.find((f: { person_id: string | null }) => f.person_id);
  assert.ok(Object.values(face.bounding_box).every(Number.isInteger));
  assert.equal((await api.json('PATCH', `/api/faces/${face.id}?library_id=${family}`, { person_id: face.person_id, library_id: family })).status, 200);
  const elsewhere = await api.json('PATCH', `/api/faces/${face.id}`, { person_id: face.person_id, library_id: work });
  assert.equal(elsewhere.status, 404, JSON.stringify(elsewhere.body));
  assert.equal((await api.json('PATCH', `/api/faces/${face.id}?library_id=${family}`, { person_id: face.person_id, library_id: work })).status, 400, 'query and body disagree');
  const p = face.person_id;
  assert.equal((await api.json('PATCH', `/api/people/${p}`, { library_id: family, is_favorite: null })).status, 200);
  assert.equal((await api.json('GET', `/api/people/${p}?library_id=${work}`)).status, 404);
});

test('Kindred extensions: merge, unmerge, split, re-cluster and "not this person" over REST', async () => {
  const people = (await api.json('GET', `/api/people?library_id=${family}&sort=created_at_asc`)).body.data as Array<{ id: string; asset_count: number }>;
  const [a, b] = people;
  const merged = await api.json('POST', `/api/people/${a!.id}/merge`, { source_person_ids: [b!.id] });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));
  assert.equal(merged.body.merges.length, 1);
  assert.equal(merged.body.asset_count, a!.asset_count + b!.asset_count);
  assert.equal((await api.json('GET', `/api/people/${b!.id}`)).status, 404);
  const history = await api.json('GET', `/api/people/${a!.id}/merges`);
  assert.equal(history.body.data[0].id, merged.body.merges[0].id);
  const undone = await api.json('POST', `/api/merges/${merged.body.merges[0].id}/unmerge`);
  assert.equal(undone.status, 200, JSON.stringify(undone.body));
  assert.equal(undone.body.restored.id, b!.id);
  assert.equal(undone.body.restored.asset_count, b!.asset_count);

  const faces = (await api.json('GET', `/api/faces?person_id=${a!.id}`)).body.data as Array<{ id: string }>;
  const split = await api.json('POST', '/api/people/split', { face_ids: [faces[0]!.id], name: 'Split off' });
  assert.equal(split.status, 201, JSON.stringify(split.body));
  assert.equal(split.body.name, 'Split off');
  assert.equal((await api.json('GET', `/api/faces/${faces[0]!.id}`)).body.person_id, split.body.id);

  const rejected = await api.json('POST', `/api/people/${a!.id}/rejections`, { face_ids: [faces[1]!.id] });
  assert.equal(rejected.status, 201, JSON.stringify(rejected.body));
  assert.equal(rejected.body.data[0].person_id, null, 'the face left the person');
  const listed = await api.json('GET', `/api/people/${a!.id}/rejections`);
  assert.deepEqual(listed.body.data.map((r: { face_id: string }) => r.face_id), [faces[1]!.id]);
  const re = await api.json('POST', `/api/libraries/${family}/recluster`);
  assert.equal(re.status, 200, JSON.stringify(re.body));
  assert.notEqual((await api.json('GET', `/api/faces/${faces[1]!.id}`)).body.person_id, a!.id, 're-clustering keeps "not this person"');
  assert.equal((await api.json('DELETE', `/api/people/${a!.id}/rejections/${faces[1]!.id}`)).status, 204);
  assert.deepEqual((await api.json('GET', `/api/people/${a!.id}/rejections`)).body.data, []);
  assert.equal((await api.json('POST', `/api/people/${a!.id}/rejections`, { face_ids: [faces[1]!.id], why: 'x' })).status, 400);
});

test('GET /api/assets leaves out the photos the user hid; hidden=true lists those instead', async () => {
  const before = (await api.json('GET', `/api/assets?library_id=${family}&limit=200`)).body;
  const hide = before.data[1].id;
  await api.core.invoke('assets.hide', { asset_ids: [hide] });
  try {
    const shown = (await api.json('GET', `/api/assets?library_id=${family}&limit=200`)).body;
    assert.equal(shown.total, before.total - 1);
    assert.ok(!shown.data.some((a: { id: string }) => a.id === hide));
    const hidden = (await api.json('GET', `/api/assets?library_id=${family}&hidden=true`)).body;
    assert.deepEqual(hidden.data.map((a: { id: string }) => a.id), [hide]);
    assert.equal((await api.json('GET', `/api/assets?hidden=maybe`)).status, 400);
  } finally {
    await api.core.invoke('assets.hide', { asset_ids: [hide], hidden: false });
  }
});
