import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { exiftool } from '../../core/testing/real-formats.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { startApiTestServer, twoLibraries, type ApiTestServer } from './testing.ts';

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

test('POST /api/xmp/regions writes sidecars of named faces, within the key\'s library only', async () => {
  const { core } = api;
  const person = (await core.invoke('people.list', { library_id: work })).items[0]!;
  await core.invoke('people.update', { person_id: person.id, name: 'Grace Hopper' });
  const familyPerson = (await core.invoke('people.list', { library_id: family })).items[0]!;
  await core.invoke('people.update', { person_id: familyPerson.id, name: 'Not For Work' });

  const denied = await api.json('POST', '/api/xmp/regions', { library_id: family }, { 'x-api-key': workKey });
  assert.equal(denied.status, 404, 'a Work key cannot write Family sidecars');
  const r = await api.json('POST', '/api/xmp/regions', {}, { 'x-api-key': workKey });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.written, r.body.failed], [person.asset_count, []]);
  const photos = (await core.invoke('assets.list', { library_id: work })).items;
  const path = core.catalogue.assets.path(photos[0]!.id)!;
  const sidecar = path.replace(/\.jpg$/, '.xmp');
  assert.ok(existsSync(sidecar));
  assert.match(exiftool(['-s3', '-XMP-mwg-rs:RegionName', sidecar]), /Grace Hopper/);
  const familyPath = core.catalogue.assets.path((await core.invoke('assets.list', { library_id: family })).items[0]!.id)!;
  assert.ok(!existsSync(familyPath.replace(/\.jpg$/, '.xmp')), 'nothing written outside the key\'s library');
  const bad = await api.json('POST', '/api/xmp/regions', { asset_ids: [] }, { 'x-api-key': workKey });
  assert.equal(bad.status, 400);
});
