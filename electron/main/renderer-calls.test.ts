import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rendererOpNames } from '../../shared/contract.ts';
import { KindredError } from '../../shared/errors.ts';
import { privilegedOpNames, type Ask, type Confirmation } from '../../shared/operations/privileged.ts';
import { KindredCore } from '../core/app.ts';
import { tempDir } from '../core/testing/temp-dir.ts';
import { startTestServer } from '../host/server/testing.ts';
import { rendererCalls } from './renderer-calls.ts';

// What the desktop app's main process forwards from the page, over a real catalogue: a page (or a
// script injected into it) can ask for an API key or a network-wide API, but only the person's yes in
// main's own dialog lets it through. `ask` stands in for the dialog's two buttons.
const core = new KindredCore({ dataDir: join(tempDir(), 'data') });
after(() => core.close());
const calls = rendererCalls(core);

function answering(yes: boolean): Ask & { asked: Confirmation[] } {
  const asked: Confirmation[] = [];
  return Object.assign(async (q: Confirmation) => (asked.push(q), yes), { asked });
}
const call = (op: string, input: unknown, ask: Ask) => calls.get(op)!(input, ask);
const cancelled = (message: RegExp) => (e: unknown) => e instanceof KindredError && e.code === 'cancelled' && message.test(e.message);

test('the privileged operations are renderer operations, and every renderer operation goes through the same gate', () => {
  assert.deepEqual(privilegedOpNames.sort(), ['api_keys.create', 'settings.update_api']);
  for (const op of privilegedOpNames) assert.ok(rendererOpNames().includes(op));
  assert.deepEqual([...calls.keys()].sort(), rendererOpNames().sort());
});

test('an API key is created only after a yes in the dialog; a no creates nothing and says so', async () => {
  const no = answering(false);
  await assert.rejects(call('api_keys.create', { name: 'from a script' }, no), cancelled(/No key was created/));
  assert.equal(no.asked.length, 1);
  assert.equal(no.asked[0]!.message, 'Create the API key “from a script”?');
  assert.match(no.asked[0]!.detail, /read and change every library/);
  assert.equal((await core.invoke('api_keys.list', {})).length, 0, 'no key without a yes');

  const yes = answering(true);
  const made = (await call('api_keys.create', { name: 'home automation' }, yes)) as { secret: string };
  assert.match(made.secret, /^kdk_/);
  assert.equal(yes.asked.length, 1);
  assert.deepEqual((await core.invoke('api_keys.list', {})).map((k) => k.name), ['home automation']);
});

test('invalid input asks nothing: the core refuses it with its field errors', async () => {
  const ask = answering(true);
  await assert.rejects(call('api_keys.create', { name: '' }, ask), /name/);
  assert.equal(ask.asked.length, 0);
});

test('serving the API beyond 127.0.0.1 needs a yes; on this computer only, or already open there, it does not', async () => {
  const ask = answering(false);
  await call('settings.update_api', { api_enabled: true, api_port: 7999 }, ask);
  await call('settings.update_api', { api_host: '127.0.0.2' }, ask);
  await call('settings.update_api', { api_enabled: false }, ask);
  // Moving it while it is off binds nothing; switching it on there is the moment to ask.
  await call('settings.update_api', { api_host: '0.0.0.0' }, ask);
  assert.equal(ask.asked.length, 0, 'nothing asked while it stays on this computer or off');
  await assert.rejects(call('settings.update_api', { api_enabled: true }, ask), cancelled(/not confirmed/));
  assert.equal(ask.asked.length, 1);
  assert.equal(ask.asked[0]!.message, "Serve Kindred's REST API at 0.0.0.0, port 7999?");
  assert.equal((await core.invoke('settings.api', {})).api_enabled, false, 'a no changes nothing');
  await call('settings.update_api', { api_host: '127.0.0.1' }, ask);
  await assert.rejects(call('settings.update_api', { api_enabled: true, api_host: '::' }, ask), cancelled(/not confirmed/));

  const yes = answering(true);
  await call('settings.update_api', { api_enabled: true, api_host: '192.168.1.20' }, yes);
  assert.equal(yes.asked.length, 1);
  assert.deepEqual((await core.invoke('settings.api', {})).api_host, '192.168.1.20');
  await call('settings.update_api', { api_port: 8001 }, yes);
  assert.equal(yes.asked.length, 1, 'already open there: a new port asks nothing');
  await call('settings.update_api', { api_enabled: false, api_host: '127.0.0.1' }, answering(false));
});

test('a browser page (kindred serve) may make keys, as the CLI can, but not open the API to the network', async () => {
  const server = await startTestServer(core);
  try {
    const open = await server.rpc('settings.update_api', { api_enabled: true, api_host: '0.0.0.0' });
    assert.equal(open.status, 403);
    assert.match(((await open.json()) as { error: { message: string } }).error.message, /done in the desktop app/);
    assert.equal((await core.invoke('settings.api', {})).api_enabled, false);
    assert.equal((await server.rpc('settings.update_api', { api_enabled: true })).status, 200, 'on this computer: no question');
    assert.equal((await server.rpc('api_keys.create', { name: 'from the browser' })).status, 200);
  } finally {
    await server.close();
  }
});
