// The built app, not the sources: `npm run build:electron`'s output runs as plain JavaScript
// (the core's process with its bundled worker, forked here as Electron would fork it), and
// electron-builder packs it (build/verify-package.ts, with a stand-in Electron binary).
import assert from 'node:assert/strict';
import { execFileSync, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Job } from '../../shared/domain/job.ts';
import { desktopMediaUrl, IMAGE_KIND_NAMES, MEDIA_KIND_NAMES, MEDIA_KINDS } from '../../shared/media.ts';
import { getModel } from '../../models/manifest.ts';
import { resolveCacheDir } from '../../models/paths.ts';
import { buildElectron, OUT } from '../../build/build-electron.ts';
import { verifyPackage } from '../../build/verify-package.ts';
import { REQUIRED_MODELS } from '../core/startup-check.ts';
import { copyInto, identitiesWith } from '../core/testing/fixtures.ts';
import { tempDir } from '../core/testing/temp-dir.ts';
import { SETUP_URL, UI_URL } from './app-origin.ts';
import { CoreRpc } from '../utility/protocol.ts';
import { APP_CSP } from './csp.ts';
import { createFakeElectron } from './testing/fake-electron.ts';

const MODELS = resolveCacheDir();
const noModels = REQUIRED_MODELS.every((id) => existsSync(join(MODELS, getModel(id).file))) ? false : `no models in ${MODELS}`;
const SHIM = fileURLToPath(new URL('../utility/parent-port-shim.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

before(async () => {
  await buildElectron(() => undefined);
});

test('dist/electron is plain JavaScript: main and core parse, the preload requires only electron', () => {
  for (const f of ['main.cjs', 'core.cjs', 'analyze.worker.cjs', 'preload.cjs']) {
    // --check parses without running (running main outside Electron would try to fetch Electron).
    execFileSync(process.execPath, ['--check', join(OUT, f)]);
  }
  const preload = readFileSync(join(OUT, 'preload.cjs'), 'utf8');
  assert.deepEqual([...new Set([...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))], ['electron']);
  assert.doesNotMatch(preload, /\b(module\.exports|exports\.|defineProperty\(exports)/, 'a sandboxed preload has no module/exports');
  assert.ok(existsSync(join(OUT, 'manifest.json')) && existsSync(join(OUT, 'setup', 'index.html')) && existsSync(join(OUT, 'setup', 'setup.js')));
});

test('the built core process starts, imports with the bundled worker, serves media, and closes', { skip: noModels, timeout: 180_000 }, async () => {
  const dataDir = tempDir('kindred-built-');
  const photos = join(dataDir, 'photos');
  for (const id of identitiesWith(2, 2)) copyInto(join(photos, id.name), id.files.slice(0, 2));
  const child = fork(SHIM, [join(OUT, 'core.cjs')], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const rpc = new CoreRpc((m) => void child.send(m));
  child.on('message', (m) => rpc.receive(m));
  try {
    const status = await rpc.call('start', { dataDir, bundledModelsDir: MODELS, writableModelsDir: join(dataDir, 'models'), workerFile: join(OUT, 'analyze.worker.cjs'), workers: 1 }, 60_000);
    assert.equal(status.state, 'ready');
    const job = (await rpc.call('invoke', { op: 'import.start', input: { paths: [photos] } })) as Job;
    const done = await new Promise<Job>((resolve) => {
      rpc.onNotice((n) => {
        if (n.t === 'event' && n.name === 'job.finished' && (n.payload as Job).id === job.id) resolve(n.payload as Job);
      });
    });
    assert.equal(done.state, 'done', done.error ?? '');
    const faces = (await rpc.call('invoke', { op: 'faces.list', input: {} })) as { items: Array<{ id: string }> };
    assert.ok(faces.items.length >= 3, `faces found by the bundled worker: ${faces.items.length}`);
    const media = await rpc.call('media', { kind: 'face', id: faces.items[0]!.id });
    assert.equal(media.found, true);
    assert.deepEqual(await rpc.call('close', {}), { closed: true });
  } finally {
    child.disconnect();
    assert.equal(await exited, 0);
  }
});

test('electron-builder packs it: fuses flipped, app.asar, unpacked natives, verified models', { skip: noModels || (process.platform !== 'linux' && 'the stand-in Electron has the Linux layout'), timeout: 180_000 }, async () => {
  const lines: string[] = [];
  await verifyPackage((l) => lines.push(l));
  for (const what of ['validated it against its schema', 'afterPack flipped the fuses', 'app.asar:', 'app.asar.unpacked:', 'resources/models:']) {
    assert.ok(lines.some((l) => l.startsWith('ok') && l.includes(what)), `${what}\n${lines.join('\n')}`);
  }
});

test('the built main wires Electron as designed (run against a recording stand-in for Electron)', { skip: noModels, timeout: 180_000 }, async () => {
  const dataDir = tempDir('kindred-main-');
  const photos = join(dataDir, 'photos');
  for (const id of identitiesWith(2, 2)) copyInto(join(photos, id.name), id.files.slice(0, 2));
  const { fake, unload } = loadMain({ KINDRED_DATA_DIR: dataDir });
  try {
    // Before 'ready': schemes, sandbox, data folders, single-instance lock.
    for (const c of ['protocol.registerSchemesAsPrivileged ready=false', 'app.enableSandbox ready=false', 'app.requestSingleInstanceLock']) assert.ok(fake.calls.includes(c), c);
    assert.equal(fake.paths.userData, dataDir);
    assert.equal(fake.paths.sessionData, join(dataDir, 'chromium'));
    assert.deepEqual(fake.schemes.map((s) => [s.scheme, s.privileges.standard, s.privileges.secure, s.privileges.bypassCSP ?? false]), [['kindred', true, true, false], ['kindred-media', true, true, false]]);

    fake.app.ready();
    await until(() => fake.windows.length === 1);
    const win = fake.windows[0]!;
    assert.equal(win.url, UI_URL, 'models verify, so the window opens on the app');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    assert.deepEqual(
      { sandbox: prefs.sandbox, contextIsolation: prefs.contextIsolation, nodeIntegration: prefs.nodeIntegration, webviewTag: prefs.webviewTag, spellcheck: prefs.spellcheck, webSecurity: prefs.webSecurity },
      { sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, spellcheck: false, webSecurity: true },
    );
    assert.equal(prefs.preload, join(OUT, 'preload.cjs'));

    // Session: permissions denied, network from pages cancelled.
    let granted: boolean | undefined;
    (fake.session.permission as unknown as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'geolocation', (g) => (granted = g));
    assert.equal(granted, false);
    assert.equal((fake.session.check as unknown as () => boolean)(), false);
    assert.ok(JSON.stringify(fake.session.blocked?.filter).includes('https://*/*'));

    // Web contents: navigation out and window.open blocked.
    const wc = fake.contentsCreated[0] as unknown as { emit(e: string, ev: unknown): void; openHandler(d: { url: string }): unknown };
    const nav = (url: string) => {
      const ev = { url, prevented: false, preventDefault: () => void (ev.prevented = true) };
      wc.emit('will-navigate', ev);
      return ev.prevented;
    };
    assert.equal(nav('https://example.com/'), true);
    assert.equal(nav('file:///etc/passwd'), true);
    assert.equal(nav(SETUP_URL), false);
    assert.deepEqual(wc.openHandler({ url: 'https://example.com/' }), { action: 'deny' });

    // kindred:// pages: files under their root only, with the CSP.
    const page = fake.protocols.get('kindred')!;
    const setup = await page(new Request(SETUP_URL));
    assert.equal(setup.status, 200);
    assert.equal(setup.headers.get('content-security-policy'), APP_CSP);
    assert.equal((await page(new Request('kindred://setup/setup.js'))).headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await page(new Request('kindred://setup/../../main.cjs'))).status, 404);
    assert.equal((await page(new Request('kindred://elsewhere/index.html'))).status, 404);
    assert.equal((await page(new Request(SETUP_URL, { method: 'POST', body: 'x' }))).status, 405);

    // IPC: sender checks, renderer operations only, error codes preserved.
    const invoke = fake.ipc.get('kindred:invoke') as unknown as (e: unknown, op: unknown, input: unknown) => Promise<unknown>;
    const from = (url: string) => {
      const frame = { url };
      return { senderFrame: frame, sender: { mainFrame: frame } };
    };
    assert.deepEqual(await invoke(from(UI_URL), 'libraries.list', {}), { ok: true, value: [] });
    assert.deepEqual(await invoke(from('https://evil.example/'), 'libraries.list', {}), { ok: false, error: { code: 'forbidden', message: 'Not an app page.' } });
    assert.deepEqual(await invoke(from(SETUP_URL), 'libraries.list', {}), { ok: false, error: { code: 'forbidden', message: 'Not an app page.' } });
    assert.deepEqual(await invoke({ senderFrame: { url: UI_URL }, sender: { mainFrame: {} } }, 'libraries.list', {}), { ok: false, error: { code: 'forbidden', message: 'Not an app page.' } }, 'a subframe');
    assert.equal(((await invoke(from(UI_URL), 'import.report', {})) as { error: { code: string } }).error.code, 'unknown_operation');
    assert.equal(((await invoke(from(UI_URL), 'import.start', { paths: ['rel'] })) as { error: { code: string } }).error.code, 'invalid_input');
    const status = (fake.ipc.get('kindred:startup-status') as unknown as (e: unknown) => Promise<{ ok: boolean; value: { state: string } }>)(from(SETUP_URL));
    assert.equal((await status).value.state, 'ready');
    assert.ok(fake.ipc.has('kindred:choose-folders') && fake.ipc.has('kindred:startup-retry'));

    // File › Add Folder… → native dialog → import in the core → events forwarded to the app page.
    fake.dialogAnswer = [photos];
    fake.findItem('add-folder')!.click!();
    await until(() => win.sent.some(([ch, name]) => ch === 'kindred:event' && name === 'job.finished'));
    assert.ok(win.sent.some(([ch, name]) => ch === 'kindred:event' && name === 'job.progress'));
    for (const id of ['undo', 'redo', 'about', 'open-data-folder']) assert.ok(fake.findItem(id), id);

    // kindred-media://: catalogued ids only.
    const media = fake.protocols.get('kindred-media')!;
    const faces = (await invoke(from(UI_URL), 'faces.list', {})) as { value: { items: Array<{ id: string; asset_id: string }> } };
    const face = faces.value.items[0]!;
    const ok = await media(new Request(`kindred-media://face/${face.id}`));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'image/jpeg');
    assert.ok((await ok.arrayBuffer()).byteLength > 100);
    // Every kind of the one table (shared/media.ts) is served by the protocol; a photo is no video.
    for (const kind of MEDIA_KIND_NAMES) {
      const id = MEDIA_KINDS[kind].idPrefix === 'face' ? face.id : face.asset_id;
      assert.equal((await media(new Request(desktopMediaUrl(kind, id)))).status, IMAGE_KIND_NAMES.includes(kind as never) ? 200 : 404, kind);
    }
    for (const bad of ['kindred-media://face/face_00000000000000000000', `kindred-media://thumbnail/${face.id}`, 'kindred-media://thumbnail/..%2F..%2Fcatalogue.sqlite', 'kindred-media://file/etc/passwd', `kindred-media://face/${face.id}?x=1`]) {
      assert.equal((await media(new Request(bad))).status, 404, bad);
    }

    // Quit: main holds the quit until the core has closed, then quits for real.
    fake.app.quit();
    await until(() => fake.app.quitCalls === 2);
    await until(() => fake.children.every((c) => c.exitCode !== null || c.signalCode !== null));
  } finally {
    unload();
  }
});

test('built main with models missing: the setup screen, then Retry fetches them and the window switches to the app', { skip: noModels, timeout: 180_000 }, async () => {
  const dataDir = tempDir('kindred-main-');
  const emptyModels = join(dataDir, 'models-here-later');
  const { fake, unload } = loadMain({ KINDRED_DATA_DIR: dataDir, KINDRED_MODELS_DIR: emptyModels, KINDRED_MODEL_MIRROR: MODELS });
  try {
    fake.app.ready();
    await until(() => fake.windows.length === 1);
    const win = fake.windows[0]!;
    assert.equal(win.url, SETUP_URL, 'the first-run screen, not the app');
    const frame = { url: SETUP_URL };
    const ev = { senderFrame: frame, sender: { mainFrame: frame } };
    const status = (await (fake.ipc.get('kindred:startup-status') as unknown as (e: unknown) => Promise<{ value: { state: string; problems: Array<{ reason: string }> } }>)(ev)).value;
    assert.equal(status.state, 'models_unavailable');
    assert.deepEqual(status.problems.map((p) => p.reason), ['not found', 'not found']);
    const retried = await (fake.ipc.get('kindred:startup-retry') as unknown as (e: unknown) => Promise<{ ok: boolean; value: { state: string } }>)(ev);
    assert.deepEqual([retried.ok, retried.value.state], [true, 'ready']);
    await until(() => win.url === UI_URL);
    assert.ok(win.sent.some(([ch]) => ch === 'kindred:startup-log'), 'repair progress reached the setup screen');
    assert.ok(win.sent.some(([ch, s]) => ch === 'kindred:startup-changed' && (s as { state: string }).state === 'ready'));
    fake.app.quit();
    await until(() => fake.app.quitCalls === 2);
  } finally {
    unload();
  }
});

/** Loads dist/electron/main.cjs fresh with `require('electron')` answered by the stand-in. */
function loadMain(env: Record<string, string>) {
  const fake = createFakeElectron(ROOT);
  const req = createRequire(join(OUT, 'main.cjs'));
  const electronPath = req.resolve('electron'); // resolving does not run electron's index.js
  const mainPath = req.resolve(join(OUT, 'main.cjs'));
  const saved = req.cache[electronPath];
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  req.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fake.module } as NodeJS.Module;
  Object.assign(process.env, env);
  delete req.cache[mainPath];
  req(mainPath);
  const unload = (): void => {
    if (saved) req.cache[electronPath] = saved;
    else delete req.cache[electronPath];
    delete req.cache[mainPath];
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const c of fake.children) c.kill();
  };
  return { fake, unload };
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
