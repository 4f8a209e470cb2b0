import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { tempDir } from '../../core/testing/temp-dir.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { startApiTestServer, twoLibraries, type ApiTestServer } from './testing.ts';
import { idOfUuid, shown as uuid } from '../../../shared/rest/face-api.uuid.ts';

// The cloud face API against a real server over a real catalogue: Family (3 LFW identities × 3
// photos) and Work (1 × 3). Each identity's 4th photo is never imported: it is only uploaded.

interface Rect { top: number; left: number; width: number; height: number }
interface DetectReply { faceId?: string; faceRectangle: Rect; faceLandmarks?: Record<string, { x: number; y: number }>; recognitionModel?: string }
interface ErrorReply { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } }
interface PersonReply { personId: string; name: string | null; userData: string | null; persistedFaceIds: string[] }

let api: ApiTestServer;
let family: LibraryId;
let work: LibraryId;
let workKey: string;
let ids: Array<{ name: string; files: string[] }>;
/** The central catalogued face of each imported photo, by identity. */
const faces = new Map<string, Face[]>();

const root = tempDir();
before(async () => {
  const libs = await twoLibraries(root, 4);
  ({ family, work, workKey, ids } = libs);
  const { core } = libs;
  for (const asset of (await core.invoke('assets.list', { limit: 100 })).items) {
    const path = core.catalogue.assets.path(asset.id)!;
    const label = ids.find((i) => path.includes(`/${i.name}/`))!.name;
    const centre = (f: Face) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - asset.width! / 2, f.bounding_box.y + f.bounding_box.h / 2 - asset.height! / 2);
    const face = (await core.invoke('faces.list', { asset_id: asset.id })).items.sort((a, b) => centre(a) - centre(b))[0];
    if (face) faces.set(label, [...(faces.get(label) ?? []), face]);
  }
  api = await startApiTestServer(core);
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

const F = '/face/v1.0';
const label = (i: number) => ids[i]!.name;
const outsider = (i: number) => readFileSync(ids[i]!.files[3]!);
const post = (path: string, bytes: Uint8Array, headers: Record<string, string> = {}) =>
  api.fetch(path, { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream', ...headers } });
const central = (found: DetectReply[]) => {
  const d = (f: DetectReply) => Math.hypot(f.faceRectangle.left + f.faceRectangle.width / 2 - 125, f.faceRectangle.top + f.faceRectangle.height / 2 - 125);
  return [...found].sort((a, b) => d(a) - d(b))[0]!;
};
/** Upload a photo and return the faceId of its central face. */
async function detectId(bytes: Uint8Array, query = ''): Promise<string> {
  const res = await post(`${F}/detect${query}`, bytes);
  assert.equal(res.status, 200, await res.clone().text());
  return central((await res.json()) as DetectReply[]).faceId!;
}
const expectError = (r: { status: number; body: unknown }, status: number, message?: RegExp) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  const e = (r.body as ErrorReply).error;
  assert.ok(e?.code && e.message, 'in the error envelope');
  if (message) assert.match(e.message, message);
};

test('POST /detect takes image bytes with the cloud API header and answers in its shape', async () => {
  const res = await post(`${F}/detect?returnFaceLandmarks=true&returnRecognitionModel=true&recognitionModel=recognition_04&detectionModel=detection_03&faceIdTimeToLive=120`, outsider(0), {
    'ocp-apim-subscription-key': api.key,
  });
  assert.equal(res.status, 200);
  const found = (await res.json()) as DetectReply[];
  assert.ok(found.length >= 1);
  const areas = found.map((f) => f.faceRectangle.width * f.faceRectangle.height);
  assert.deepEqual(areas, [...areas].sort((a, b) => b - a), 'largest face first');
  const f = central(found);
  assert.match(f.faceId!, /^[0-9a-f-]{36}$/);
  assert.ok(Object.values(f.faceRectangle).every(Number.isInteger));
  assert.deepEqual(Object.keys(f.faceLandmarks!).sort(), ['mouthLeft', 'mouthRight', 'noseTip', 'pupilLeft', 'pupilRight']);
  assert.ok(f.faceLandmarks!.pupilLeft!.x < f.faceLandmarks!.pupilRight!.x && f.faceLandmarks!.mouthLeft!.x < f.faceLandmarks!.mouthRight!.x);
  assert.equal(f.recognitionModel, 'fr_feature', 'names the model that really ran');
  const expires = api.core.catalogue.db.prepare('SELECT expires_at FROM detected_faces WHERE id = ?').pluck().get(f.faceId) as number;
  assert.ok(Math.abs(expires - Date.now() - 120_000) < 10_000, 'faceIdTimeToLive is honoured');

  const bare = (await (await post(`${F}/detect?returnFaceId=false`, outsider(0))).json()) as DetectReply[];
  assert.ok(bare.length === found.length && bare.every((x) => x.faceId === undefined && x.faceLandmarks === undefined && x.recognitionModel === undefined));
});

test('POST /detect with { assetId } reports catalogued faces; a URL is refused with the reason', async () => {
  const face = faces.get(label(0))![0]!;
  const r = await api.json('POST', `${F}/detect`, { assetId: face.asset_id });
  assert.equal(r.status, 200);
  assert.ok((r.body as DetectReply[]).some((f) => f.faceId === uuid(face.id)), 'a catalogued face in its UUID form');
  expectError(await api.json('POST', `${F}/detect`, { url: 'https://example.com/a.jpg' }), 400, /never fetches URLs/);
  expectError(await api.json('POST', `${F}/detect`, {}), 400);
  expectError(await api.json('POST', `${F}/detect`, { assetId: face.asset_id }, { 'x-api-key': workKey }), 404);
});

test('POST /detect refuses what it cannot do, clearly', async () => {
  expectError(await api.json('POST', `${F}/detect?returnFaceAttributes=age,emotion`, { assetId: faces.get(label(0))![0]!.asset_id }), 400, /returnFaceAttributes: Kindred does not estimate age, emotion/);
  expectError(await api.json('POST', `${F}/detect?faceIdTimeToLive=30`, { assetId: faces.get(label(0))![0]!.asset_id }), 400, /faceIdTimeToLive/);
  // The claimed type is never trusted: the bytes decide.
  const text = await api.fetch(`${F}/detect`, { method: 'POST', body: 'just text, claiming to be a GIF', headers: { 'content-type': 'image/gif' } });
  expectError({ status: text.status, body: await text.json() }, 400, /not a usable image: not an image/);
  const broken = await api.fetch(`${F}/detect`, { method: 'POST', body: 'GIF89a and then nothing of a GIF', headers: { 'content-type': 'image/gif' } });
  expectError({ status: broken.status, body: await broken.json() }, 400, /not a usable image: corrupt GIF/);
  const bmp = await post(`${F}/detect`, tinyBmp());
  expectError({ status: bmp.status, body: await bmp.json() }, 415, /image\/bmp/);
  const gif = await post(`${F}/detect`, await sharp(outsider(0)).gif().toBuffer(), { 'content-type': 'image/gif' });
  assert.equal(gif.status, 200, 'a real GIF is a supported image (first frame)');
  const plain = await api.fetch(`${F}/detect`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
  assert.ok(plain.status === 415 || plain.status === 400, `text/plain: ${plain.status}`);
});

test('POST /verify compares detected and catalogued faces, and faces with persons', async () => {
  const a = faces.get(label(0))!;
  const b = faces.get(label(1))!;
  const upload = await detectId(outsider(0));
  const same = await api.json('POST', `${F}/verify`, { faceId1: upload, faceId2: a[0]!.id });
  assert.equal(same.status, 200);
  assert.equal((same.body as { isIdentical: boolean }).isIdentical, true, JSON.stringify(same.body));
  const diff = await api.json('POST', `${F}/verify`, { faceId1: upload, faceId2: b[0]!.id });
  assert.deepEqual([diff.status, (diff.body as { isIdentical: boolean }).isIdentical], [200, false]);
  const person = await api.json('POST', `${F}/verify`, { faceId: upload, personId: a[0]!.person_id, personGroupId: family });
  assert.equal((person.body as { isIdentical: boolean }).isIdentical, true, JSON.stringify(person.body));
  const large = await api.json('POST', `${F}/verify`, { faceId: upload, personId: b[0]!.person_id, largePersonGroupId: family });
  assert.equal((large.body as { isIdentical: boolean }).isIdentical, false);

  expectError(await api.json('POST', `${F}/verify`, { faceId: upload, personId: a[0]!.person_id }), 400);
  expectError(await api.json('POST', `${F}/verify`, { faceId1: upload }), 400);
  expectError(await api.json('POST', `${F}/verify`, { faceId1: 'not a face', faceId2: upload }), 400, /faceId/);
  expectError(await api.json('POST', `${F}/verify`, { faceId1: '0f8fad5b-d9cb-469f-a165-70867728950e', faceId2: upload }), 404, /expired or never existed/);
  api.core.catalogue.db.prepare('UPDATE detected_faces SET expires_at = ? WHERE id = ?').run(Date.now() - 1, upload);
  expectError(await api.json('POST', `${F}/verify`, { faceId1: upload, faceId2: a[0]!.id }), 404, /expired/);
  // A Work key sees nothing of Family.
  expectError(await api.json('POST', `${F}/verify`, { faceId1: a[0]!.id, faceId2: a[1]!.id }, { 'x-api-key': workKey }), 404);
});

test('POST /identify finds the person of detected faces in a person group', async () => {
  const up0 = await detectId(outsider(0));
  const up1 = await detectId(outsider(1));
  const r = await api.json('POST', `${F}/identify`, { faceIds: [up0, up1], personGroupId: family, maxNumOfCandidatesReturned: 2 });
  assert.equal(r.status, 200);
  const out = r.body as Array<{ faceId: string; candidates: Array<{ personId: string; confidence: number }> }>;
  assert.deepEqual(out.map((x) => x.faceId), [up0, up1]);
  assert.equal(out[0]!.candidates[0]!.personId, uuid(faces.get(label(0))![0]!.person_id!));
  assert.equal(out[1]!.candidates[0]!.personId, uuid(faces.get(label(1))![0]!.person_id!));
  const large = await api.json('POST', `${F}/identify`, { faceIds: [up0], largePersonGroupId: family });
  assert.equal((large.body as typeof out)[0]!.candidates.length, 1, 'one candidate by default');

  expectError(await api.json('POST', `${F}/identify`, { faceIds: [up0] }), 400, /no library/);
  expectError(await api.json('POST', `${F}/identify`, { faceIds: Array.from({ length: 11 }, () => up0), personGroupId: family }), 400);
  expectError(await api.json('POST', `${F}/identify`, { faceIds: [up0], personGroupId: family, largePersonGroupId: family }), 400);
  expectError(await api.json('POST', `${F}/identify`, { faceIds: [up0], personGroupId: family }, { 'x-api-key': workKey }), 404);
});

test('POST /findsimilars searches faceIds, a face list, or a person group', async () => {
  const a = faces.get(label(0))!;
  const b = faces.get(label(1))!;
  const up = await detectId(outsider(0));
  const among = await api.json('POST', `${F}/findsimilars`, { faceId: up, faceIds: [b[0]!.id, a[1]!.id], mode: 'matchFace' });
  assert.equal(among.status, 200);
  assert.deepEqual((among.body as Array<{ faceId: string }>).map((s) => s.faceId), [uuid(a[1]!.id), uuid(b[0]!.id)]);
  const person = await api.json('POST', `${F}/findsimilars`, { faceId: up, faceIds: [b[0]!.id, a[1]!.id] });
  assert.deepEqual((person.body as Array<{ faceId: string }>).map((s) => s.faceId), [uuid(a[1]!.id)], 'matchPerson by default');
  const inGroup = await api.json('POST', `${F}/findsimilars`, { faceId: up, personGroupId: family, maxNumOfCandidatesReturned: 2 });
  const aIds = new Set<string>(a.map((f) => uuid(f.id)));
  assert.ok((inGroup.body as Array<{ faceId: string }>).length === 2 && (inGroup.body as Array<{ faceId: string }>).every((s) => aIds.has(s.faceId)), JSON.stringify(inGroup.body));

  assert.equal((await api.json('PUT', `${F}/facelists/similar-1`, { name: 'Similar' })).status, 200);
  const pa = (await api.json('POST', `${F}/facelists/similar-1/persistedfaces`, { faceId: a[0]!.id })).body as { persistedFaceId: string };
  await api.json('POST', `${F}/facelists/similar-1/persistedfaces`, { faceId: b[0]!.id });
  const inList = await api.json('POST', `${F}/findsimilars`, { faceId: up, faceListId: 'similar-1' });
  assert.deepEqual(inList.body, [{ persistedFaceId: pa.persistedFaceId, confidence: (inList.body as Array<{ confidence: number }>)[0]!.confidence }]);
  const viaLarge = await api.json('POST', `${F}/findsimilars`, { faceId: up, largeFaceListId: 'similar-1', mode: 'matchFace' });
  assert.equal((viaLarge.body as unknown[]).length, 2, 'large face lists are the same lists');

  expectError(await api.json('POST', `${F}/findsimilars`, { faceId: up }), 400, /no library/);
  expectError(await api.json('POST', `${F}/findsimilars`, { faceId: up, faceIds: [a[0]!.id], faceListId: 'similar-1' }), 400);
  expectError(await api.json('POST', `${F}/findsimilars`, { faceId: up, faceListId: 'nope' }), 404);
  expectError(await api.json('POST', `${F}/findsimilars`, { faceId: up, faceListId: 'similar-1' }, { 'x-api-key': workKey }), 404);
});

test('POST /group splits faces by person, with loners in the messy group', async () => {
  const up0 = await detectId(outsider(0));
  const a = faces.get(label(0))!.map((f) => uuid(f.id));
  const b = faces.get(label(1))!.map((f) => uuid(f.id));
  const loner = uuid(faces.get(label(2))![0]!.id);
  const r = await api.json('POST', `${F}/group`, { faceIds: [up0, ...a, ...b, loner] });
  assert.equal(r.status, 200);
  const g = r.body as { groups: string[][]; messyGroup: string[] };
  assert.deepEqual(g.groups.map((x) => [...x].sort()).sort(), [[up0, ...a].sort(), [...b].sort()].sort());
  assert.deepEqual(g.messyGroup, [loner]);
  expectError(await api.json('POST', `${F}/group`, { faceIds: [up0] }), 400);
});

test('person groups are libraries and persons are people, under both paths', async () => {
  const list = await api.json('GET', `${F}/persongroups?returnRecognitionModel=true`);
  assert.deepEqual((list.body as Array<{ personGroupId: string }>).map((g) => g.personGroupId).sort(), [family, work].sort());
  assert.ok((list.body as Array<{ recognitionModel: string }>).every((g) => g.recognitionModel === 'fr_feature'));
  const scoped = await api.json('GET', `${F}/largepersongroups`, undefined, { 'x-api-key': workKey });
  assert.deepEqual(scoped.body, [{ largePersonGroupId: work, name: 'Work', userData: null }]);
  expectError(await api.json('GET', `${F}/persongroups/${family}`, undefined, { 'x-api-key': workKey }), 404);
  assert.deepEqual((await api.json('GET', `${F}/persongroups/${family}`)).body, { personGroupId: family, name: 'Family', userData: null });
  const missing = await api.json('GET', `${F}/persongroups/my-group`);
  expectError(missing, 404);
  assert.equal(missing.body.error.code, 'PersonGroupNotFound', 'the cloud API’s error code');
  expectError(await api.json('DELETE', `${F}/largepersongroups/${family}`), 403, /made in Kindred/);
  expectError(await api.json('PUT', `${F}/persongroups/theirs`, { name: 'Theirs' }, { 'x-api-key': workKey }), 403);

  const persons = (await api.json('GET', `${F}/persongroups/${family}/persons`)).body as PersonReply[];
  assert.deepEqual(persons.map((p) => p.personId), [...persons.map((p) => p.personId)].sort(), 'by id');
  const pa = uuid(faces.get(label(0))![0]!.person_id!);
  assert.ok(faces.get(label(0))!.every((f) => persons.find((p) => p.personId === pa)!.persistedFaceIds.includes(uuid(f.id))));
  const paged = (await api.json('GET', `${F}/persongroups/${family}/persons?start=${persons[0]!.personId}&top=1`)).body as PersonReply[];
  assert.deepEqual(paged.map((p) => p.personId), [persons[1]!.personId]);
  assert.equal(((await api.json('GET', `${F}/persongroups/${family}/persons/${faces.get(label(0))![0]!.person_id}`)).body as PersonReply).personId, pa, 'person_… ids are taken too');

  // A new person in Family gets a catalogued face, loses it ("not this person"), is renamed and deleted.
  const made = await api.json('POST', `${F}/largepersongroups/${family}/persons`, { name: 'New Person', userData: 'crm:42' });
  const personId = (made.body as { personId: string }).personId;
  const moved = faces.get(label(2))![0]!;
  const added = await api.json('POST', `${F}/persongroups/${family}/persons/${personId}/persistedfaces?userData=first`, { faceId: moved.id });
  assert.deepEqual(added.body, { persistedFaceId: uuid(moved.id) });
  const got = (await api.json('GET', `${F}/persongroups/${family}/persons/${personId}`)).body as PersonReply;
  assert.deepEqual([got.name, got.userData, got.persistedFaceIds], ['New Person', 'crm:42', [uuid(moved.id)]]);
  assert.deepEqual((await api.json('GET', `${F}/persongroups/${family}/persons/${personId}/persistedfaces/${uuid(moved.id)}`)).body, { persistedFaceId: uuid(moved.id), userData: 'first' });
  assert.equal((await api.json('PATCH', `${F}/persongroups/${family}/persons/${personId}/persistedfaces/${uuid(moved.id)}`, { userData: 'second' })).status, 200);
  assert.equal(((await api.json('GET', `${F}/persongroups/${family}/persons/${personId}/persistedfaces/${uuid(moved.id)}`)).body as { userData: string }).userData, 'second');
  assert.equal((await api.json('DELETE', `${F}/persongroups/${family}/persons/${personId}/persistedfaces/${uuid(moved.id)}`)).status, 200);
  assert.ok(api.core.catalogue.rejections.has(moved.id, idOfUuid(personId, 'person')!), 'recorded as not this person');
  expectError(await api.json('GET', `${F}/persongroups/${family}/persons/${personId}/persistedfaces/${uuid(moved.id)}`), 404);
  assert.equal((await api.json('PATCH', `${F}/persongroups/${family}/persons/${personId}`, { name: 'Renamed', userData: null })).status, 200);
  const renamed = (await api.json('GET', `${F}/persongroups/${family}/persons/${personId}`)).body as PersonReply;
  assert.deepEqual([renamed.name, renamed.userData], ['Renamed', null]);
  expectError(await api.json('GET', `${F}/persongroups/${work}/persons/${personId}`), 404);
  assert.equal((await api.json('DELETE', `${F}/persongroups/${family}/persons/${personId}`)).status, 200);
  expectError(await api.json('GET', `${F}/persongroups/${family}/persons/${personId}`), 404);
});

test('a group the client names: created, filled from image bytes, trained, identified against, renamed and deleted', async () => {
  const G = `${F}/persongroups/door-camera`;
  assert.equal((await api.json('PUT', G, { name: 'Door camera', userData: 'front door' })).status, 200);
  expectError(await api.json('PUT', G, { name: 'Again' }), 409);
  assert.equal((await api.json('PUT', G.replace('door-camera', family), { name: 'Clash' })).status, 409, 'a library id is taken');
  assert.deepEqual((await api.json('GET', `${F}/largepersongroups/door-camera`)).body, { largePersonGroupId: 'door-camera', name: 'Door camera', userData: 'front door' });
  const person = ((await api.json('POST', `${G}/persons`, { name: ids[0]!.name })).body as { personId: string }).personId;
  // Faces from bytes: the photos no library has (each identity's 4th), the person's only exemplars.
  const pair = await sharp({ create: { width: 500, height: 250, channels: 3, background: '#808080' } })
    .composite([{ input: outsider(0), left: 0, top: 0 }, { input: outsider(1), left: 250, top: 0 }])
    .jpeg()
    .toBuffer();
  const noTarget = await post(`${G}/persons/${person}/persistedfaces`, pair);
  expectError({ status: noTarget.status, body: await noTarget.json() }, 400, /targetFace/);
  const seen = (await (await post(`${F}/detect`, pair)).json()) as DetectReply[];
  const left = seen.filter((f) => f.faceRectangle.left < 250).sort((x, y) => y.faceRectangle.width - x.faceRectangle.width)[0]!.faceRectangle;
  const added = await post(`${G}/persons/${person}/persistedfaces?userData=door&targetFace=${left.left},${left.top},${left.width},${left.height}`, pair);
  assert.equal(added.status, 200, await added.clone().text());
  const persisted = ((await added.json()) as { persistedFaceId: string }).persistedFaceId;
  assert.deepEqual(((await api.json('GET', `${G}/persons/${person}`)).body as PersonReply).persistedFaceIds, [persisted]);
  assert.deepEqual((await api.json('GET', `${G}/persons/${person}/persistedfaces/${persisted}`)).body, { persistedFaceId: persisted, userData: 'door' });

  assert.equal((await api.fetch(`${G}/train`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status, 202);
  let status = '';
  for (let i = 0; i < 50 && status !== 'succeeded'; i++) {
    status = ((await api.json('GET', `${G}/training`)).body as { status: string }).status;
    assert.ok(status === 'running' || status === 'succeeded', status);
    if (status !== 'succeeded') await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(status, 'succeeded');

  // The person is found from a photo of them in the library, and verified; someone else is not.
  const mine = await api.json('POST', `${F}/identify`, { faceIds: [faces.get(label(0))![1]!.id], personGroupId: 'door-camera' });
  assert.deepEqual((mine.body as Array<{ candidates: Array<{ personId: string }> }>)[0]!.candidates.map((c) => c.personId), [person]);
  const other = await api.json('POST', `${F}/identify`, { faceIds: [faces.get(label(1))![1]!.id], personGroupId: 'door-camera' });
  assert.deepEqual((other.body as Array<{ candidates: unknown[] }>)[0]!.candidates, []);
  const v = await api.json('POST', `${F}/verify`, { faceId: faces.get(label(0))![2]!.id, personId: person, personGroupId: 'door-camera' });
  assert.equal((v.body as { isIdentical: boolean }).isIdentical, true, JSON.stringify(v.body));

  assert.equal((await api.json('PATCH', `${F}/largepersongroups/door-camera`, { name: 'Porch camera' })).status, 200);
  assert.ok((await api.core.invoke('libraries.list', {})).some((l) => l.name === 'Porch camera'), 'a group the API made renames its library');
  assert.equal((await api.json('DELETE', `${G}/persons/${person}/persistedfaces/${persisted}`)).status, 200);
  assert.equal((await api.fetch(G, { method: 'DELETE', headers: { 'content-type': 'application/json' } })).status, 200, 'an empty JSON body is no body');
  expectError(await api.json('GET', G), 404);
  assert.ok(!(await api.core.invoke('libraries.list', {})).some((l) => l.name === 'Porch camera'));
});

test('face lists: create, add faces from bytes or ids, list, page, remove, delete; scoped keys see their own', async () => {
  assert.equal((await api.json('PUT', `${F}/facelists/friends`, { name: 'Friends', userData: 'u', recognitionModel: 'recognition_04' })).status, 200);
  expectError(await api.json('PUT', `${F}/facelists/friends`, { name: 'Again' }), 409);
  expectError(await api.json('PUT', `${F}/facelists/Not%20Valid`, { name: 'Bad' }), 400, /face_list_id/);

  // The middle of an LFW photo: its one face, without the people behind.
  const middle = await sharp(outsider(0)).extract({ left: 50, top: 50, width: 150, height: 150 }).jpeg().toBuffer();
  const one = await post(`${F}/facelists/friends/persistedfaces?userData=upload`, middle);
  assert.equal(one.status, 200, await one.clone().text());
  const fromBytes = ((await one.json()) as { persistedFaceId: string }).persistedFaceId;
  // Two people side by side: the image needs targetFace.
  const pair = await sharp({ create: { width: 500, height: 250, channels: 3, background: '#808080' } })
    .composite([{ input: outsider(1), left: 0, top: 0 }, { input: outsider(2), left: 250, top: 0 }])
    .jpeg()
    .toBuffer();
  const noTarget = await post(`${F}/facelists/friends/persistedfaces`, pair);
  expectError({ status: noTarget.status, body: await noTarget.json() }, 400, /targetFace/);
  const seen = (await (await post(`${F}/detect`, pair)).json()) as DetectReply[];
  const right = seen.filter((f) => f.faceRectangle.left > 250).sort((x, y) => y.faceRectangle.width - x.faceRectangle.width)[0]!.faceRectangle;
  const targeted = await post(`${F}/largefacelists/friends/persistedfaces?targetFace=${right.left},${right.top},${right.width},${right.height}`, pair);
  assert.equal(targeted.status, 200, await targeted.clone().text());
  const fromTarget = ((await targeted.json()) as { persistedFaceId: string }).persistedFaceId;
  const fromId = ((await api.json('POST', `${F}/facelists/friends/persistedfaces`, { faceId: faces.get(label(1))![0]!.id })).body as { persistedFaceId: string }).persistedFaceId;

  const got = (await api.json('GET', `${F}/facelists/friends?returnRecognitionModel=true`)).body as { faceListId: string; userData: string; recognitionModel: string; persistedFaces: Array<{ persistedFaceId: string; userData: string | null }> };
  assert.deepEqual([got.faceListId, got.userData, got.recognitionModel], ['friends', 'u', 'fr_feature']);
  assert.deepEqual(got.persistedFaces, [
    { persistedFaceId: fromBytes, userData: 'upload' },
    { persistedFaceId: fromTarget, userData: null },
    { persistedFaceId: fromId, userData: null },
  ]);
  // The face from the right half is identity 2's, not identity 1's.
  const two = await detectId(outsider(2));
  const match = await api.json('POST', `${F}/findsimilars`, { faceId: two, faceListId: 'friends' });
  assert.deepEqual((match.body as Array<{ persistedFaceId: string }>).map((s) => s.persistedFaceId), [fromTarget]);

  const large = await api.json('GET', `${F}/largefacelists/friends/persistedfaces?top=2`);
  assert.deepEqual((large.body as Array<{ persistedFaceId: string }>).map((f) => f.persistedFaceId), [fromBytes, fromTarget, fromId].sort().slice(0, 2));
  assert.equal(((await api.json('GET', `${F}/largefacelists/friends/training`)).body as { status: string }).status, 'succeeded');
  assert.equal((await api.fetch(`${F}/largefacelists/friends/train`, { method: 'POST' })).status, 202);
  assert.equal((await api.json('PATCH', `${F}/facelists/friends`, { name: 'Close friends' })).status, 200);
  assert.ok(((await api.json('GET', `${F}/facelists`)).body as Array<{ faceListId: string; name: string }>).some((l) => l.faceListId === 'friends' && l.name === 'Close friends'));

  // A Work key's lists are Work's: it sees none of the others, and they do not see its faces from Family.
  assert.equal((await api.json('PUT', `${F}/facelists/work-list`, { name: 'Work' }, { 'x-api-key': workKey })).status, 200);
  assert.deepEqual(((await api.json('GET', `${F}/facelists`, undefined, { 'x-api-key': workKey })).body as Array<{ faceListId: string }>).map((l) => l.faceListId), ['work-list']);
  expectError(await api.json('GET', `${F}/facelists/friends`, undefined, { 'x-api-key': workKey }), 404);
  expectError(await api.json('POST', `${F}/facelists/work-list/persistedfaces`, { faceId: faces.get(label(0))![0]!.id }, { 'x-api-key': workKey }), 404);

  assert.equal((await api.json('DELETE', `${F}/facelists/friends/persistedfaces/${fromId}`)).status, 200);
  expectError(await api.json('DELETE', `${F}/facelists/friends/persistedfaces/${fromId}`), 404);
  assert.equal((await api.json('DELETE', `${F}/largefacelists/friends`)).status, 200);
  expectError(await api.json('GET', `${F}/facelists/friends`), 404);
});

/** A tiny valid 24-bit BMP: a well-formed image in a format Kindred does not decode. */
function tinyBmp(): Uint8Array {
  const b = Buffer.alloc(54 + 16);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(2, 18);
  b.writeInt32LE(2, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(16, 34);
  return new Uint8Array(b);
}
