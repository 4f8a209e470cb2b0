import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { importPhotos, startApiTestServer, type ApiTestServer } from './testing.ts';
import { runShell } from './shell.ts';
import { uuidOf } from '../../../shared/rest/face-api.uuid.ts';

// The README's "Local API" examples, run as written (as one script) against a real server: the
// snapshot at the door is an LFW photo of someone whose other photos are in the library.
const README = new URL('../../../README.md', import.meta.url).pathname;
const tools = ['curl', 'jq'].filter((t) => spawnSync(t, ['--version']).status !== 0);

function readmeScript(): string {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## Local API'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the Local API section has a sh block');
  return block[1]!;
}

let api: ApiTestServer;
let env: Record<string, string>;
let visitor: { personId: string; name: string };
const root = tempDir();
const cwd = tempDir('kindred-readme-');

before(async () => {
  if (tools.length) return;
  const ids = identitiesWith(4, 2);
  for (const id of ids) copyInto(join(root, 'photos', id.name), id.files.slice(0, 3));
  copyFileSync(ids[0]!.files[3]!, join(cwd, 'door.jpg')); // not imported: a new photo of a known person
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  await importPhotos(core, join(root, 'photos'), 'Home');
  api = await startApiTestServer(core);
  const lib = (await core.invoke('libraries.list', {}))[0]!;
  const someone = (await core.invoke('faces.list', { limit: 5000 })).items.find((f) => core.catalogue.assets.path(f.asset_id)?.includes(ids[0]!.name) && f.person_id);
  assert.ok(someone?.person_id);
  visitor = { personId: someone.person_id, name: ids[0]!.name };
  env = { PATH: process.env.PATH ?? '/usr/bin:/bin', API: api.origin, KEY: api.key, PERSON_ID: someone.person_id, LIBRARY_ID: lib.id };
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

test('the README Local API examples work as written', { skip: tools.length ? `${tools.join(' and ')} not installed` : false }, async () => {
  // curl fails on HTTP errors here, so a 4xx cannot pass for a reply.
  const script = `set -euo pipefail\ncurl() { command curl --fail-with-body --show-error "$@"; echo; }\n${readmeScript()}`;
  const run = await runShell(script, { cwd, env, timeoutMs: 120_000 });
  assert.equal(run.status, 0, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
  const replies = run.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  assert.equal(replies.length, 3, run.stdout);
  const [people, named, identified] = replies as [{ data: unknown[] }, { name: string }, Array<{ faceId: string; candidates: Array<{ personId: string; confidence: number }> }>];
  assert.ok(people.data.length >= 2);
  assert.equal(named.name, 'Alice');
  assert.equal(identified[0]!.candidates[0]?.personId, uuidOf(visitor.personId), `the snapshot of ${visitor.name} is identified as their person (its UUID form)`);
  assert.ok(identified[0]!.candidates[0]!.confidence >= 0.5);
});
