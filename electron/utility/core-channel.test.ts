// The core's process, end to end in plain Node: the same CoreChannel the utility process runs, the
// same CoreRpc main uses, every message through structuredClone (what Electron's IPC does).
import assert from 'node:assert/strict';
import { freePort } from '../host/api/testing.ts';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Job } from '../../shared/domain/job.ts';
import { getModel } from '../../models/manifest.ts';
import { resolveCacheDir } from '../../models/paths.ts';
import { REQUIRED_MODELS } from '../core/startup-check.ts';
import { copyInto, identitiesWith } from '../core/testing/fixtures.ts';
import { tempDir } from '../core/testing/temp-dir.ts';
import { CoreChannel, type CoreChannelDeps } from './core-channel.ts';
import { CoreCallError, CoreRpc, type CoreNotice, type StartParams } from './protocol.ts';
import { createMediaResolver } from './media-adapter.ts';

const MODELS = resolveCacheDir();
const noModels = REQUIRED_MODELS.every((id) => existsSync(join(MODELS, getModel(id).file))) ? false : `no models in ${MODELS}`;

function connect(deps: Partial<CoreChannelDeps> = {}) {
  const notices: CoreNotice[] = [];
  const ref: { host?: CoreChannel } = {};
  const rpc = new CoreRpc((m) => void ref.host!.handle(structuredClone(m)));
  const host = new CoreChannel((m) => queueMicrotask(() => rpc.receive(structuredClone(m))), { createMedia: createMediaResolver, ...deps });
  ref.host = host;
  rpc.onNotice((n) => notices.push(n));
  return { rpc, host, notices };
}

const code = (c: string) => (e: unknown) => e instanceof CoreCallError && e.payload.code === c;

test('with verified models: opens the catalogue, serves renderer operations only, forwards events, imports, closes', { skip: noModels, timeout: 180_000 }, async () => {
  const dataDir = tempDir('kindred-corehost-');
  const photos = join(dataDir, 'photos');
  for (const id of identitiesWith(2, 2)) copyInto(join(photos, id.name), id.files.slice(0, 2));
  const { rpc, notices } = connect();
  const params: StartParams = { dataDir, bundledModelsDir: MODELS, writableModelsDir: join(dataDir, 'models'), workers: 1 };

  const status = await rpc.call('start', params);
  assert.equal(status.state, 'ready');
  assert.ok(notices.some((n) => n.t === 'status' && n.status.state === 'ready'), 'status is also pushed');
  assert.deepEqual(await rpc.call('start', params), status, 'start is idempotent');

  assert.deepEqual(await rpc.call('invoke', { op: 'libraries.list', input: {} }), []);
  await assert.rejects(rpc.call('invoke', { op: 'import.report', input: {} }), code('unknown_operation'), 'host-only operations are not served');
  await assert.rejects(rpc.call('invoke', { op: 'toString', input: {} }), code('unknown_operation'));
  await assert.rejects(rpc.call('invoke', { op: 'import.start', input: { paths: ['relative/path'] } }), code('invalid_input'), 'zod validation in the core');

  const job = (await rpc.call('invoke', { op: 'import.start', input: { paths: [photos] } })) as Job;
  const finished = await new Promise<Job>((resolve) => {
    const off = rpc.onNotice((n) => {
      if (n.t === 'event' && n.name === 'job.finished' && (n.payload as Job).id === job.id) {
        off();
        resolve(n.payload as Job);
      }
    });
  });
  assert.equal(finished.state, 'done');
  assert.ok(notices.some((n) => n.t === 'event' && n.name === 'job.progress'), 'progress events are forwarded');
  const people = (await rpc.call('invoke', { op: 'people.list', input: {} })) as { items: unknown[]; total: number };
  assert.ok(people.total >= 1, 'people appear after an import');

  const assets = (await rpc.call('invoke', { op: 'assets.list', input: {} })) as { items: Array<{ id: string }> };
  const media = await rpc.call('media', { kind: 'thumbnail', id: assets.items[0]!.id });
  assert.equal(media.found, true);
  if (media.found) {
    assert.match(media.mime, /^image\//);
    assert.ok(media.body instanceof Uint8Array && media.body.byteLength > 100);
  }
  assert.deepEqual(await rpc.call('media', { kind: 'thumbnail', id: 'asset_00000000notthere' }), { found: false }, 'an uncatalogued id');
  assert.deepEqual(await rpc.call('media', { kind: 'thumbnail', id: '../../catalogue.sqlite' }), { found: false }, 'a path');
  assert.deepEqual(await rpc.call('media', { kind: 'face', id: assets.items[0]!.id }), { found: false }, 'an id of the wrong kind');

  // Settings switch the local REST API on in this process; its state reaches the window as an event.
  const { secret } = (await rpc.call('invoke', { op: 'api_keys.create', input: { name: 'desktop test' } })) as { secret: string };
  const port = await freePort();
  const serving = new Promise<unknown>((resolve) => {
    const off = rpc.onNotice((n) => {
      if (n.t === 'event' && n.name === 'api.status' && (n.payload as { state: string }).state === 'serving') {
        off();
        resolve(n.payload);
      }
    });
  });
  await rpc.call('invoke', { op: 'settings.update_api', input: { api_enabled: true, api_port: port } });
  assert.deepEqual(await serving, { state: 'serving', origin: `http://127.0.0.1:${port}` });
  const libs = await fetch(`http://127.0.0.1:${port}/api/libraries`, { headers: { 'x-api-key': secret } });
  assert.equal(libs.status, 200);
  assert.equal(((await libs.json()) as { total: number }).total, 1);

  assert.deepEqual(await rpc.call('close', {}), { closed: true });
  await assert.rejects(rpc.call('invoke', { op: 'libraries.list', input: {} }), code('conflict'));
  await assert.rejects(fetch(`http://127.0.0.1:${port}/api/libraries`), 'closing the core stops the API server');
});

test('models missing: typed status, operations refused with models_unavailable, Retry fetches and opens', { skip: noModels }, async () => {
  const dataDir = tempDir('kindred-corehost-');
  const bundled = join(dataDir, 'empty-bundle');
  mkdirSync(bundled);
  const { rpc, notices } = connect({ repair: { mirror: MODELS, allowUpstream: false } });
  const status = await rpc.call('start', { dataDir, bundledModelsDir: bundled, writableModelsDir: join(dataDir, 'models') });
  assert.equal(status.state, 'models_unavailable');
  if (status.state === 'models_unavailable') assert.deepEqual(status.problems.map((p) => p.reason), REQUIRED_MODELS.map(() => 'not found'));
  await assert.rejects(rpc.call('invoke', { op: 'libraries.list', input: {} }), code('models_unavailable'));
  assert.equal((await rpc.call('status', {})).state, 'models_unavailable');

  const [a, b] = await Promise.all([rpc.call('repair', {}), rpc.call('repair', {})]);
  assert.equal(a.state, 'ready');
  assert.deepEqual(b, a, 'concurrent retries share one run');
  assert.ok(notices.some((n) => n.t === 'log' && /copying from mirror/.test(n.line)), 'repair progress is logged');
  assert.deepEqual(await rpc.call('invoke', { op: 'libraries.list', input: {} }), []);
  await rpc.call('close', {});
});

test('a catalogue from a newer Kindred is a typed status, not a crash', { skip: noModels }, async () => {
  const dataDir = tempDir('kindred-corehost-');
  const db = new Database(join(dataDir, 'catalogue.sqlite'));
  db.pragma('user_version = 9999');
  db.close();
  const { rpc } = connect();
  const status = await rpc.call('start', { dataDir, bundledModelsDir: MODELS, writableModelsDir: MODELS });
  assert.equal(status.state, 'catalogue_unavailable');
  if (status.state === 'catalogue_unavailable') {
    assert.equal(status.code, 'schema_too_new');
    assert.equal(status.dataDir, dataDir);
  }
  await assert.rejects(rpc.call('invoke', { op: 'libraries.list', input: {} }), code('schema_too_new'));
  await rpc.call('close', {});
});

test('malformed messages are ignored; calls before start are refused', async () => {
  const posted: unknown[] = [];
  const host = new CoreChannel((m) => posted.push(m), { createMedia: createMediaResolver });
  await host.handle({ t: 'req', id: 1, method: 'eval', params: {} });
  await host.handle('junk');
  assert.deepEqual(posted, []);
  await host.handle({ t: 'req', id: 2, method: 'invoke', params: { op: 'libraries.list', input: {} } });
  assert.deepEqual(posted, [{ t: 'res', id: 2, ok: false, error: { code: 'models_unavailable', message: 'The core has not been started.' } }]);
});
