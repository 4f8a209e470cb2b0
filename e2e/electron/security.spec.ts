// What a page cannot do: leave the app's origin, open windows, get permissions, reach Node, run
// host-only operations, or read anything through kindred-media:// but catalogued images by id.
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { UI_URL } from '../../electron/main/app-origin.ts';
import { APP_CSP } from '../../electron/main/csp.ts';
import { cleanup, freshDataDir, invoke, launch, photoFolder, protocolFetch, SKIP, until, type PageGlobals } from './kindred-app.ts';

test.skip(!!SKIP, SKIP || '');

let app: ElectronApplication;
let win: Page;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = freshDataDir();
  ({ app, win } = await launch(dataDir));
});
test.afterAll(async () => {
  await app?.close();
  if (dataDir) cleanup(dataDir);
});

test('navigation away from the app is blocked', async () => {
  for (const target of ['https://example.com/', 'file:///etc/passwd', 'kindred-media://thumbnail/asset_0000000000000000']) {
    await win.evaluate((t) => {
      (globalThis as unknown as PageGlobals).location.href = t;
    }, target);
    await win.waitForTimeout(500);
    expect(win.url(), target).toBe(UI_URL);
  }
});

test('window.open is denied and opens nothing', async () => {
  const opened = await win.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/'));
  expect(opened).toBeNull();
  await win.waitForTimeout(500);
  expect(app.windows().length).toBe(1);
});

test('permission requests are denied', async () => {
  const geo = await win.evaluate(() => (globalThis as unknown as PageGlobals).navigator.permissions.query({ name: 'geolocation' }).then((s) => s.state));
  expect(geo).toBe('denied');
  const notify = await win.evaluate(() => (globalThis as unknown as PageGlobals).Notification.requestPermission());
  expect(notify).toBe('denied');
});

test('the page has no Node, only window.kindred, and only renderer operations', async () => {
  const globals = await win.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
  const hostOnly = await win.evaluate(() => (globalThis as unknown as PageGlobals).kindred.invoke('import.report' as never, {} as never).catch((e: unknown) => e));
  expect(hostOnly).toMatchObject({ code: 'unknown_operation' });
  const invalid = await win.evaluate(() => (globalThis as unknown as PageGlobals).kindred.invoke('import.start', { paths: ['../relative'] }).catch((e: unknown) => e));
  expect(invalid).toMatchObject({ code: 'invalid_input' });
});

test('pages carry the strict CSP', async () => {
  const r = await protocolFetch(app, UI_URL);
  expect(r).toMatchObject({ status: 200, csp: APP_CSP });
});

test('kindred-media:// serves catalogued ids and refuses everything else', async () => {
  await invoke(win, 'import.start', { paths: [photoFolder(dataDir, 1, 2)] });
  const assets = await until('assets', () => invoke(win, 'assets.list', {}) as Promise<{ items: Array<{ id: string }> }>, (a) => a.items.length === 2);
  const faces = await until('faces', () => invoke(win, 'faces.list', {}) as Promise<{ items: Array<{ id: string }> }>, (f) => f.items.length >= 1);
  const asset = assets.items[0]!.id;
  const face = faces.items[0]!.id;

  expect(await protocolFetch(app, `kindred-media://thumbnail/${asset}`)).toMatchObject({ status: 200, type: expect.stringMatching(/^image\//) });
  expect(await protocolFetch(app, `kindred-media://face/${face}`)).toMatchObject({ status: 200 });

  const refused = [
    'kindred-media://thumbnail/asset_00000000000000000000', // well-formed, not catalogued
    'kindred-media://face/face_00000000000000000000',
    `kindred-media://face/${asset}`, // wrong kind
    'kindred-media://thumbnail/../../catalogue.sqlite',
    'kindred-media://thumbnail/..%2F..%2Fcatalogue.sqlite',
    'kindred-media://thumbnail/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'kindred-media://file/etc/passwd',
    'kindred-media:///etc/passwd',
    `kindred-media://thumbnail/${asset}/../../catalogue.sqlite`,
    `kindred-media://thumbnail/${asset}?path=/etc/passwd`,
    'kindred-media://thumbnail/C:%5CWindows%5Cwin.ini',
  ];
  for (const url of refused) {
    const r = await protocolFetch(app, url);
    expect('error' in r || r.status === 404, `${url} -> ${JSON.stringify(r)}`).toBe(true);
  }
});
