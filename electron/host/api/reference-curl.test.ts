import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { curlExamples } from './reference-examples.ts';
import { runShell } from './shell.ts';
import { importPhotos, startApiTestServer, type ApiTestServer } from './testing.ts';

// Every curl example of the reference API documents, run with real curl against a real server on a
// temp catalogue. Adapted only as a user would: the local base URL, an API key header where the
// example has none, and real ids in place of "<string>" and {face_id} placeholders.
const examples = curlExamples();
const haveCurl = spawnSync('curl', ['--version']).status === 0;
const haveJq = spawnSync('jq', ['--version']).status === 0;

let api: ApiTestServer;
let env: Record<string, string>;
let values: Record<string, string>;
const root = tempDir();
const photo = identitiesWith(3, 1)[0]!.files[0]!;

before(async () => {
  if (!haveCurl) return;
  const ids = identitiesWith(3, 2);
  for (const id of ids) copyInto(join(root, 'photos', id.name), id.files.slice(0, 3));
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  await importPhotos(core, join(root, 'photos'), 'Family');
  api = await startApiTestServer(core);
  const lib = (await core.invoke('libraries.list', {}))[0]!;
  const [alice, bob] = (await core.invoke('people.list', { limit: 10 })).items;
  assert.ok(alice && bob, 'two people were found');
  const aliceFaces = (await core.invoke('faces.list', { person_id: alice.id })).items;
  const bobFace = (await core.invoke('faces.list', { person_id: bob.id })).items[0]!;
  values = { asset_id: aliceFaces[0]!.asset_id, person_id: alice.id, library_id: lib.id, thumbnail_face_id: aliceFaces[1]!.id, name: 'Alice' };
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    API: api.origin,
    KEY: api.key,
    IDENTITY_UUID: alice.id,
    FILE_UUID: bobFace.asset_id,
    FACE_ID: aliceFaces[2]!.id,
    BIND_FACE_ID: bobFace.id,
  };
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

/** The example as we run it: local URL, a key, real ids, curl failing on HTTP errors. */
function adapt(command: string): string {
  let c = command
    .replaceAll('https://api.example.com', '$API')
    .replaceAll('{face_id}', '$FACE_ID')
    .replaceAll('/path/to/photo.jpg', photo)
    .replace('"face_id": "1_5"', '"face_id": "\'"$BIND_FACE_ID"\'"')
    .replace(/"(\w+)": "<string>"/g, (whole, field: string) => (values[field] ? `"${field}": "${values[field]}"` : whole));
  const keyed = /X-API-Key/i.test(c) ? '' : ' --header "X-API-Key: $KEY"';
  c = c.replace(/^curl/, `curl --fail-with-body --silent --show-error${keyed}`);
  assert.ok(!c.includes('<string>'), `every placeholder is filled: ${c}`);
  return c;
}

test('the reference files hold the curl examples this suite runs', () => {
  const count = (file: string) => examples.filter((e) => e.file === file).length;
  assert.equal(count('identity-api.txt'), 10);
  assert.equal(count('photo-api-create-face.txt'), 1);
  assert.equal(count('photo-api-create-person.txt'), 1);
  assert.equal(count('photo-api-update-face.txt'), 2);
});

for (const ex of examples) {
  const skip = !haveCurl ? 'curl is not installed' : ex.command.includes('| jq') && !haveJq ? 'jq is not installed' : false;
  test(`${ex.file} example ${ex.index}: ${ex.command.split('\n')[0]!.slice(0, 90)}`, { skip }, async () => {
    const cwd = tempDir('kindred-curl-');
    const run = await runShell(adapt(ex.command), { cwd, env });
    assert.equal(run.status, 0, `exit ${run.status}\n${adapt(ex.command)}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    const saved = /-o (\S+)/.exec(ex.command)?.[1];
    if (saved) {
      const bytes = readFileSync(join(cwd, saved));
      assert.ok(bytes[0] === 0xff || bytes[0] === 0x89, 'a JPEG or PNG came back');
      return;
    }
    const reply = JSON.parse(run.stdout) as Record<string, unknown>;
    if (ex.file.startsWith('identity')) assert.equal(reply.success ?? true, true, run.stdout);
    else assert.equal(typeof reply.id, 'string', run.stdout);
  });
}

test('the examples did what they say', { skip: !haveCurl }, async () => {
  const alice = await api.core.invoke('people.get', { person_id: env.IDENTITY_UUID as `person_${string}` });
  assert.ok(alice.face_count >= 3);
  const bound = await api.core.invoke('faces.get', { face_id: env.BIND_FACE_ID as `face_${string}`, include_cluster_assignment: false });
  assert.equal(bound.person_id, alice.id, 'bind moved the face to the identity');
  const cary = await api.core.invoke('people.list', { query: 'cary grant', include_hidden: true });
  assert.equal(cary.items.length, 1, 'upload created Cary Grant once');
  const manual = (await api.core.invoke('faces.list', { asset_id: values.asset_id as `asset_${string}` })).items.filter((f) => f.source === 'manual');
  assert.equal(manual.length, 1, 'the create-face example drew one face');
});
