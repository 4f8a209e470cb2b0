import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaceClient } from '@azure/cognitiveservices-face';
import sharp from 'sharp';
import { tempDir } from '../../core/testing/temp-dir.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { sideBySide, sdkOperations, UNMAPPED } from './face-sdk-fixture.ts';
import { startApiTestServer, twoLibraries, type ApiTestServer } from './testing.ts';
import { runShell } from './shell.ts';

// The cloud face API's official SDKs, unmodified — for JavaScript (@azure/cognitiveservices-face 5.0.0),
// and for Python (azure-cognitiveservices-vision-face 0.6 in Debian's python3-azure) where it is installed —
// against a real Kindred server over a real catalogue: every operation the SDK has is called, and
// each one Kindred maps must work; the ones it does not map (adding faces from URLs: Kindred never
// fetches anything) must be refused with the cloud API's error. Family holds 3 LFW identities × 4
// photos; each identity's 5th photo is never imported, only uploaded.

let api: ApiTestServer;
let client: FaceClient;
let family: LibraryId;
let ids: Array<{ name: string; files: string[] }>;

const root = tempDir();
before(async () => {
  const libs = await twoLibraries(root, 5);
  ({ family, ids } = libs);
  api = await startApiTestServer(libs.core);
  // The SDK's ServiceClientCredentials: sign each request with the subscription key header, as ApiKeyCredentials does.
  const credentials = { signRequest: async (r: { headers: { set(k: string, v: string): void } }) => (r.headers.set('Ocp-Apim-Subscription-Key', api.key), r) };
  client = new FaceClient(credentials as unknown as ConstructorParameters<typeof FaceClient>[0], api.origin);
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

const photo = (identity: number, n: number) => readFileSync(ids[identity]!.files[n]!);
/** The middle of an LFW photo: its one face, without the people behind. */
const alone = (identity: number, n: number) => sharp(photo(identity, n)).extract({ left: 50, top: 50, width: 150, height: 150 }).jpeg().toBuffer();
const called = new Set<string>();
/** Run one SDK call and note that it worked. */
async function sdk<T>(name: string, call: Promise<T>): Promise<T> {
  const out = await call;
  called.add(name);
  return out;
}
/** An SDK call that must fail with this cloud error code. */
async function refused(name: string, call: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(call, (err: { code?: string; statusCode?: number; message: string }) => {
    assert.equal(err.code, code, `${name}: ${err.message}`);
    if (message) assert.match(err.message, message);
    return true;
  });
  called.add(name);
}
const waitFor = async (what: string, poll: () => Promise<string>) => {
  for (let i = 0; i < 200; i++) {
    const status = await poll();
    if (status === 'succeeded') return;
    assert.ok(status === 'running' || status === 'notstarted', `${what}: ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`${what} never succeeded`);
};

test('detect, verify, identify, find similar and group with the SDK', async () => {
  const found = await sdk('face.detectWithStream', client.face.detectWithStream(photo(0, 4), { returnFaceId: true, returnFaceLandmarks: true, returnRecognitionModel: true, recognitionModel: 'recognition_04', detectionModel: 'detection_03' }));
  assert.ok(found.length >= 1 && found[0]!.faceId && found[0]!.faceLandmarks?.noseTip);
  const central = (faces: typeof found) => [...faces].sort((a, b) => Math.abs(a.faceRectangle.left + a.faceRectangle.width / 2 - 125) - Math.abs(b.faceRectangle.left + b.faceRectangle.width / 2 - 125))[0]!.faceId!;
  const up0 = central(found);
  const up0b = central(await client.face.detectWithStream(photo(0, 3)));
  const up1 = central(await client.face.detectWithStream(photo(1, 4)));
  await refused('face.detectWithUrl', client.face.detectWithUrl('https://example.com/door.jpg'), 'BadArgument', /never fetches URLs/);
  await assert.rejects(client.face.detectWithStream(photo(0, 4), { returnFaceAttributes: ['age'] }), (e: { code: string }) => e.code === 'BadArgument');

  assert.equal((await sdk('face.verifyFaceToFace', client.face.verifyFaceToFace(up0, up0b))).isIdentical, true);
  assert.equal((await client.face.verifyFaceToFace(up0, up1)).isIdentical, false);
  const who = await sdk('face.identify', client.face.identify([up0, up1], { personGroupId: family, maxNumOfCandidatesReturned: 2 }));
  const alice = who[0]!.candidates[0]!.personId;
  assert.notEqual(alice, who[1]!.candidates[0]!.personId, 'two people, two persons');
  assert.equal((await sdk('face.verifyFaceToPerson', client.face.verifyFaceToPerson(up0b, alice, { personGroupId: family }))).isIdentical, true);
  assert.equal((await client.face.verifyFaceToPerson(up1, alice, { largePersonGroupId: family })).isIdentical, false);
  const similar = await sdk('face.findSimilar', client.face.findSimilar(up0, { faceIds: [up1, up0b] }));
  assert.deepEqual(similar.map((s) => s.faceId), [up0b]);
  const groups = await sdk('face.group', client.face.group([up0, up0b, up1]));
  assert.deepEqual(groups.groups.map((g) => [...g].sort()), [[up0, up0b].sort()]);
  assert.deepEqual(groups.messyGroup, [up1]);
});

for (const large of [false, true]) {
  const kind = large ? 'largePersonGroup' : 'personGroup';
  const persons = large ? 'largePersonGroupPerson' : 'personGroupPerson';
  test(`${kind}: a group the client names, persons with faces from images, training, identify, snapshots`, async () => {
    // The two kinds have the same calls; the SDK types them apart only by the id field's name.
    const groups = (large ? client.largePersonGroup : client.personGroup) as unknown as FaceClient['personGroup'];
    const people = (large ? client.largePersonGroupPerson : client.personGroupPerson) as unknown as FaceClient['personGroupPerson'];
    const id = `sdk-${large ? 'large' : 'plain'}`;
    await sdk(`${kind}.create`, groups.create(id, 'Door camera', { userData: 'front', recognitionModel: 'recognition_04' }));
    await refused(`${kind}.create (again)`, groups.create(id, 'Again'), large ? 'LargePersonGroupExists' : 'PersonGroupExists');
    assert.equal((await sdk(`${kind}.get`, groups.get(id))).userData, 'front');
    await sdk(`${kind}.update`, groups.update(id, { name: 'Porch camera', userData: 'porch' }));
    const listed = await sdk(`${kind}.list`, groups.list({ returnRecognitionModel: true }));
    assert.ok((listed as unknown as Array<Record<string, string>>).some((g) => (g.largePersonGroupId ?? g.personGroupId) === id && g.name === 'Porch camera'));
    await refused(`${kind}.get (missing)`, groups.get('nobody-here'), large ? 'LargePersonGroupNotFound' : 'PersonGroupNotFound');

    const { personId } = await sdk(`${persons}.create`, people.create(id, { name: ids[0]!.name, userData: 'p0' }));
    const { personId: other } = await people.create(id, { name: ids[1]!.name });
    // Two faces in one image: targetFace says which one becomes the person's.
    const [pair, left, right] = await sideBySide(photo(0, 4), photo(1, 4), (bytes) => client.face.detectWithStream(bytes));
    const added = await sdk(`${persons}.addFaceFromStream`, people.addFaceFromStream(id, personId, pair, { userData: 'door', targetFace: left }));
    await people.addFaceFromStream(id, other, pair, { targetFace: right });
    await refused(`${persons}.addFaceFromUrl`, people.addFaceFromUrl(id, personId, 'https://example.com/a.jpg'), 'BadArgument', /never fetches URLs/);
    assert.deepEqual((await sdk(`${persons}.get`, people.get(id, personId))).persistedFaceIds, [added.persistedFaceId]);
    assert.equal((await sdk(`${persons}.list`, people.list(id))).length, 2);
    await sdk(`${persons}.updateFace`, people.updateFace(id, personId, added.persistedFaceId, { userData: 'door, cropped' }));
    assert.equal((await sdk(`${persons}.getFace`, people.getFace(id, personId, added.persistedFaceId))).userData, 'door, cropped');
    await sdk(`${persons}.update`, people.update(id, personId, { name: `${ids[0]!.name} (door)`, userData: 'p0!' }));

    await sdk(`${kind}.train`, groups.train(id));
    await waitFor(`${kind}.getTrainingStatus`, async () => (await sdk(`${kind}.getTrainingStatus`, groups.getTrainingStatus(id))).status);
    // Photos of them that were never uploaded are recognised from the uploaded faces alone.
    const probe = async (identity: number) => (await client.face.detectWithStream(photo(identity, 2)))[0]!.faceId!;
    const found = await client.face.identify([await probe(0), await probe(1)], large ? { largePersonGroupId: id } : { personGroupId: id });
    assert.deepEqual(found.map((r) => r.candidates[0]?.personId), [personId, other]);

    // Snapshot the group, apply it under a new id, and the copy recognises the same people.
    const scope = [randomUUID()];
    const take = await sdk('snapshot.take', client.snapshot.take(large ? 'LargePersonGroup' : 'PersonGroup', id, scope, { userData: 'backup' }));
    const takeOp = take.operationLocation.split('/').pop()!;
    await waitFor('take', async () => (await sdk('snapshot.getOperationStatus', client.snapshot.getOperationStatus(takeOp))).status);
    const snapshotId = (await client.snapshot.getOperationStatus(takeOp)).resourceLocation!.split('/').pop()!;
    const snap = await sdk('snapshot.get', client.snapshot.get(snapshotId));
    assert.deepEqual([snap.type, snap.applyScope, snap.userData], [large ? 'LargePersonGroup' : 'PersonGroup', scope, 'backup']);
    assert.ok((await sdk('snapshot.list', client.snapshot.list())).some((s) => s.id === snapshotId));
    await sdk('snapshot.update', client.snapshot.update(snapshotId, { userData: 'backup 2' }));
    const applied = await sdk('snapshot.apply', client.snapshot.apply(snapshotId, `${id}-copy`));
    const applyOp = applied.operationLocation.split('/').pop()!;
    await waitFor('apply', async () => (await client.snapshot.getOperationStatus(applyOp)).status);
    assert.equal((await client.snapshot.getOperationStatus(applyOp)).resourceLocation, `/${large ? 'largepersongroups' : 'persongroups'}/${id}-copy`);
    const copied = await people.list(`${id}-copy`);
    assert.deepEqual(copied.map((p) => p.name).sort(), [`${ids[0]!.name} (door)`, ids[1]!.name].sort());
    const again = await client.face.identify([await probe(0)], large ? { largePersonGroupId: `${id}-copy` } : { personGroupId: `${id}-copy` });
    assert.equal(again[0]!.candidates[0]?.personId, copied.find((p) => p.name === `${ids[0]!.name} (door)`)!.personId);
    await sdk('snapshot.deleteMethod', client.snapshot.deleteMethod(snapshotId));
    await refused('snapshot.get (deleted)', client.snapshot.get(snapshotId), 'SnapshotNotFound');

    await sdk(`${persons}.deleteFace`, people.deleteFace(id, personId, added.persistedFaceId));
    await sdk(`${persons}.deleteMethod`, people.deleteMethod(id, other));
    await refused(`${persons}.get (deleted)`, people.get(id, other), 'PersonNotFound');
    for (const g of [id, `${id}-copy`]) await sdk(`${kind}.deleteMethod`, groups.deleteMethod(g));
    await refused(`${kind}.deleteMethod (a library made in Kindred)`, groups.deleteMethod(family), 'Forbidden');
  });
}

test('face lists and large face lists with the SDK', async () => {
  const probe = (await client.face.detectWithStream(photo(0, 4)))[0]!.faceId!;
  for (const large of [false, true]) {
    const kind = large ? 'largeFaceList' : 'faceList';
    const lists = (large ? client.largeFaceList : client.faceList) as unknown as FaceClient['faceList'];
    const id = `sdk-${kind.toLowerCase()}`;
    await sdk(`${kind}.create`, lists.create(id, 'Visitors', { userData: 'v', recognitionModel: 'recognition_04' }));
    const mine = await sdk(`${kind}.addFaceFromStream`, lists.addFaceFromStream(id, await alone(0, 3), { userData: 'me' }));
    const theirs = await lists.addFaceFromStream(id, await alone(1, 3));
    await refused(`${kind}.addFaceFromUrl`, lists.addFaceFromUrl(id, 'https://example.com/a.jpg'), 'BadArgument', /never fetches URLs/);
    await sdk(`${kind}.update`, lists.update(id, { name: 'Regular visitors' }));
    assert.equal((await sdk(`${kind}.get`, lists.get(id))).name, 'Regular visitors');
    assert.ok((await sdk(`${kind}.list`, lists.list())).some((l) => l.name === 'Regular visitors'));
    const similar = await client.face.findSimilar(probe, large ? { largeFaceListId: id } : { faceListId: id });
    assert.deepEqual(similar.map((s) => s.persistedFaceId), [mine.persistedFaceId]);
    if (large) {
      const l = client.largeFaceList;
      await sdk('largeFaceList.train', l.train(id));
      assert.equal((await sdk('largeFaceList.getTrainingStatus', l.getTrainingStatus(id))).status, 'succeeded');
      assert.equal((await sdk('largeFaceList.listFaces', l.listFaces(id))).length, 2);
      await sdk('largeFaceList.updateFace', l.updateFace(id, theirs.persistedFaceId, { userData: 'them' }));
      assert.equal((await sdk('largeFaceList.getFace', l.getFace(id, theirs.persistedFaceId))).userData, 'them');
    }
    await sdk(`${kind}.deleteFace`, lists.deleteFace(id, theirs.persistedFaceId));
    if (!large) {
      // A face list snapshot, applied as a new list.
      const take = await client.snapshot.take('FaceList', id, [randomUUID()]);
      const op = take.operationLocation.split('/').pop()!;
      await waitFor('take', async () => (await client.snapshot.getOperationStatus(op)).status);
      const snapshotId = (await client.snapshot.getOperationStatus(op)).resourceLocation!.split('/').pop()!;
      const applyOp = (await client.snapshot.apply(snapshotId, 'sdk-list-copy')).operationLocation.split('/').pop()!;
      await waitFor('apply', async () => (await client.snapshot.getOperationStatus(applyOp)).status);
      assert.equal((await client.faceList.get('sdk-list-copy')).persistedFaces!.length, 1);
      await client.faceList.deleteMethod('sdk-list-copy');
    }
    await sdk(`${kind}.deleteMethod`, lists.deleteMethod(id));
    await refused(`${kind}.get (deleted)`, lists.get(id), large ? 'LargeFaceListNotFound' : 'FaceListNotFound');
  }
});

test('every operation of the SDK was called: each one Kindred maps worked; the unmapped ones were refused with their reason', () => {
  const all = sdkOperations(client);
  assert.ok(all.length >= 60, `${all.length} operations`);
  const missing = all.filter((op) => !called.has(op));
  assert.deepEqual(missing, [], 'operations not exercised');
  const mapped = all.filter((op) => !(op in UNMAPPED));
  assert.equal(mapped.length + Object.keys(UNMAPPED).length, all.length);
  console.log(`Azure Face SDK for JavaScript: ${mapped.length} of ${all.length} operations mapped and working; unmapped: ${Object.entries(UNMAPPED).map(([op, why]) => `${op} (${why})`).join('; ')}`);
});

/** A Python that has the Azure Face SDK (Debian's python3-azure), or why there is none. */
function pythonWithSdk(): { python: string } | { skip: string } {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import azure.cognitiveservices.vision.face, msrest'], { stdio: 'ignore' });
    if (probe.status === 0) return { python };
  }
  return { skip: 'no Python with the Azure Face SDK: install Debian’s python3-azure (`apt-get install python3-azure`) to run the Python SDK against Kindred' };
}
const py = pythonWithSdk();
const CHECK = fileURLToPath(new URL('./azure_face_sdk_check.py', import.meta.url));

test('the Azure Face SDK for Python, unmodified, calls every operation: each mapped one works, the unmapped ones are refused', { skip: 'skip' in py ? py.skip : false }, async () => {
  const images: Record<string, string> = {};
  const put = (name: string, bytes: Buffer) => writeFileSync((images[name] = join(root, `${name}.jpg`)), bytes);
  put('a_out', photo(0, 4));
  put('a_out2', photo(0, 3));
  put('b_out', photo(1, 4));
  put('a_probe', photo(0, 2));
  put('b_probe', photo(1, 2));
  put('a_alone', await alone(0, 3));
  put('b_alone', await alone(1, 3));
  const [pair, left, right] = await sideBySide(photo(0, 4), photo(1, 4), (bytes) => client.face.detectWithStream(bytes));
  put('pair', pair);
  const cfg = { endpoint: api.origin, key: api.key, family, names: ids.map((i) => i.name), images, pair: { left, right } };
  const run = await runShell(`${(py as { python: string }).python} ${CHECK} <<'JSON'\n${JSON.stringify(cfg)}\nJSON`, { cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeoutMs: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { called?: string[]; operations?: string[]; refused?: Record<string, string>; failed?: string; error?: string };
  assert.equal(out.failed, undefined, `${out.failed}: ${out.error}`);
  const called = new Set(out.called);
  const missing = out.operations!.filter((op) => !called.has(op));
  assert.deepEqual(missing, [], 'operations not exercised');
  const unmapped = Object.keys(out.refused!).filter((op) => op.endsWith('_url'));
  assert.equal(unmapped.length, 5);
  for (const op of unmapped) assert.match(out.refused![op]!, /never fetches URLs/);
  console.log(`Azure Face SDK for Python: ${out.operations!.length - unmapped.length} of ${out.operations!.length} operations mapped and working; unmapped (refused: Kindred never fetches URLs): ${unmapped.join(', ')}`);
});
