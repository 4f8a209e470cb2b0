import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { KindredCore } from '../../core/app.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { ApiService, type ApiServiceState } from './api-service.ts';
import { freePort } from './testing.ts';

let core: KindredCore;
let service: ApiService;
const lines: string[] = [];
before(() => {
  core = new KindredCore({ dataDir: join(tempDir(), 'data') });
  service = new ApiService(core, (l) => lines.push(l));
});
after(async () => {
  await service.close();
  await core.close();
});

test('the desktop API follows the settings: off by default, on, moved, refused port, off', async () => {
  assert.deepEqual(await core.invoke('settings.api', {}), { api_enabled: false, api_host: '127.0.0.1', api_port: 7879, status: { state: 'unmanaged' } });
  assert.deepEqual(await service.start(), { state: 'off' });
  assert.deepEqual((await core.invoke('settings.api', {})).status, { state: 'off' });
  const { secret } = await core.invoke('api_keys.create', { name: 'desktop' });

  const port = await freePort();
  await core.invoke('settings.update_api', { api_enabled: true, api_port: port });
  await waitFor(() => service.state.state === 'serving');
  assert.deepEqual(service.state, { state: 'serving', origin: `http://127.0.0.1:${port}` });
  assert.deepEqual((await core.invoke('settings.api', {})).status, service.state, 'Settings sees what the server does');
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/libraries`, { headers: { 'x-api-key': secret } })).status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/libraries`)).status, 401);
  assert.ok(lines.some((l) => l.includes(`http://127.0.0.1:${port}/api`)));
  // The settings survive a restart of the core: they are in the catalogue.
  assert.equal((await core.invoke('settings.api', {})).api_port, port);

  const busy = createServer();
  const taken = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
  try {
    await core.invoke('settings.update_api', { api_port: taken });
    await waitFor(() => service.state.state === 'failed');
    const failed = stateOf(service);
    assert.ok(failed.state === 'failed');
    assert.match(failed.message, new RegExp(`Port ${taken} is in use`));
    assert.deepEqual((await core.invoke('settings.api', {})).status, failed);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/libraries`), 'the old port was let go');
  } finally {
    busy.close();
  }

  await core.invoke('settings.update_api', { api_enabled: false });
  await waitFor(() => service.state.state === 'off');
  await assert.rejects(fetch(`http://127.0.0.1:${taken}/api/libraries`, { headers: { 'x-api-key': secret } }));
  await assert.rejects(core.invoke('settings.update_api', { api_port: 80 }), /api_port/);
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the API service');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Read afresh: an earlier assertion on `service.state` must not narrow what it is now. */
function stateOf(s: ApiService): ApiServiceState {
  return s.state;
}
