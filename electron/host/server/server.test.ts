import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importIntoFreshCatalogue } from '../../../e2e/support/import-folder.ts';
import { opNames, operations } from '../../../shared/contract.ts';
import { KindredError } from '../../../shared/errors.ts';
import { createHttpClient, type EventSourceLike } from '../../../renderer/src/client/http.ts';
import type { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { NOT_BUILT_MESSAGE } from './page.route.ts';
import { noHostStatus, raw, startTestServer, type TestServer } from './testing.ts';

// A real server on an ephemeral port over a real catalogue (one faces-dev identity, five photos); a
// second identity waits in another folder for an import started over RPC.
const root = tempDir();
let core: KindredCore;
let t: TestServer;
const [first, second] = identitiesWith(5, 2);

before(async () => {
  copyInto(join(root, 'photos'), first!.files.slice(0, 5));
  copyInto(join(root, 'more'), second!.files.slice(0, 5));
  ({ core } = await importIntoFreshCatalogue([join(root, 'photos')], { dataDir: join(root, 'data'), quiet: true }));
  t = await startTestServer(core);
});
after(async () => {
  await t?.close();
  await core?.close();
});

type Reply = { ok: boolean; result?: { items: Array<{ id: string }> }; error?: { code: string; message: string; issues?: Array<{ path: string }> } };

test('renderer operations answer over HTTP RPC; bad input is a 400 with field issues', async () => {
  const ok = await t.rpc('assets.list', {});
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('content-type')!, /^application\/json/);
  const body = (await ok.json()) as Reply;
  assert.equal(body.ok, true);
  assert.equal(body.result!.items.length, 5);
  const bad = await t.rpc('people.update', { person_id: 'nope', name: 42 });
  assert.equal(bad.status, 400);
  const err = (await bad.json()) as Reply;
  assert.equal(err.error!.code, 'invalid_input');
  assert.deepEqual(err.error!.issues!.map((i) => i.path).sort(), ['name', 'person_id']);
  const missing = await t.rpc('people.get', { person_id: 'person_00000000000000000000000000' });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as Reply).error!.code, 'not_found');
  // No body at all is the empty input.
  assert.equal((await fetch(`${t.base}/rpc/people.list`, { method: 'POST', headers: { 'x-kindred-token': t.token } })).status, 200);
});

test('unknown operations and host-only operations are the same 404', async () => {
  const res = await t.rpc('no.such.op', {});
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as Reply).error!.code, 'unknown_operation');
  const hostOnly = opNames.filter((n) => operations[n].access === 'host');
  assert.ok(hostOnly.length > 0);
  for (const op of hostOnly) assert.equal((await t.rpc(op, {})).status, 404, `${op} is not for the page`);
  assert.equal((await t.rpc('__proto__', {})).status, 404);
  assert.equal((await t.rpc('constructor', {})).status, 404);
  assert.equal((await t.get('/rpc/people.list')).status, 404, 'GET is not an RPC');
});

test('malformed, non-JSON and oversized bodies are refused before the core', async () => {
  const post = (body: string, type: string) => fetch(`${t.base}/rpc/people.list`, { method: 'POST', headers: { 'content-type': type, 'x-kindred-token': t.token }, body });
  const malformed = await post('{"limit":', 'application/json');
  assert.equal(malformed.status, 400);
  assert.equal(((await malformed.json()) as Reply).error!.code, 'invalid_input');
  assert.equal((await post('{}', 'text/plain')).status, 415, 'a form or no-cors POST cannot send JSON');
  assert.equal((await post(JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }), 'application/json')).status, 413);
});

test('without the secret nothing is served; another Host is refused (DNS rebinding)', async () => {
  assert.equal((await t.rpc('people.list', {}, {})).status, 401);
  assert.equal((await t.rpc('people.list', {}, { 'x-kindred-token': 'x'.repeat(t.token.length) })).status, 401);
  assert.equal((await t.rpc('people.list', {}, { 'x-kindred-token': t.token.slice(1) })).status, 401);
  assert.equal((await t.get('/events', {})).status, 401);
  assert.equal((await t.get('/', {})).status, 401);
  const asset = (await core.invoke('assets.list', {})).items[0]!;
  assert.equal((await t.get(`/media/thumb/${asset.id}`, {})).status, 401);
  assert.equal((await t.get(`/media/thumb/${asset.id}?token=${t.token}`, {})).status, 401, 'the secret never travels in a URL');
  for (const host of ['evil.example', `evil.example:${t.port}`, `127.0.0.1:${t.port + 1}`, `localhost.evil.example:${t.port}`, `127.0.0.1:${t.port}.evil.example`]) {
    const res = await raw(t.port, 'POST', '/rpc/people.list', { host, 'x-kindred-token': t.token, 'content-type': 'application/json' }, '{}');
    assert.equal(res.status, 403, `Host: ${host}`);
  }
  assert.equal(await noHostStatus(t.port), 403, 'HTTP/1.0 without Host');
  assert.equal((await raw(t.port, 'POST', '/rpc/people.list', { host: `localhost:${t.port}`, 'x-kindred-token': t.token, 'content-type': 'application/json' }, '{}')).status, 200);
  // No CORS: a preflight gets no Access-Control-* answer.
  const preflight = await raw(t.port, 'OPTIONS', '/rpc/people.list', { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-kindred-token' });
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
});

test('a one-time sign-in link trades for an HttpOnly SameSite=Strict cookie that only our own page may use', async () => {
  const url = t.server.signInUrl();
  assert.ok(!url.includes(t.token), 'the printed link does not carry the session secret');
  const signIn = await fetch(url, { redirect: 'manual' });
  assert.equal(signIn.status, 200);
  assert.match(await signIn.text(), /http-equiv="refresh" content="0;url=\/"/);
  const setCookie = signIn.headers.get('set-cookie')!;
  assert.match(setCookie, new RegExp(`^kindred_${t.port}=`));
  for (const attr of ['HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(setCookie.includes(attr), attr);
  const cookie = setCookie.split(';')[0]!;
  assert.equal((await fetch(url)).status, 401, 'the code works once');
  assert.equal((await fetch(`${t.base}/auth?code=${'A'.repeat(24)}`)).status, 401);
  assert.equal((await fetch(`${t.base}/auth`)).status, 401);
  const withCookie = (headers: Record<string, string>) =>
    raw(t.port, 'POST', '/rpc/people.list', { cookie, 'content-type': 'application/json', ...headers }, '{}');
  assert.equal((await withCookie({})).status, 200);
  assert.equal((await withCookie({ 'sec-fetch-site': 'same-origin', origin: t.base })).status, 200);
  assert.equal((await withCookie({ 'sec-fetch-site': 'same-site', origin: `http://127.0.0.1:${t.port + 1}` })).status, 403, 'another local server’s page');
  assert.equal((await withCookie({ 'sec-fetch-site': 'cross-site' })).status, 403);
  assert.equal((await withCookie({ origin: 'http://evil.example' })).status, 403, 'older browsers: Origin');
  assert.equal((await raw(t.port, 'GET', '/events', { cookie: `kindred_${t.port + 1}=${t.token}` })).status, 401, 'the cookie is per port');
});

test('the page: a clear message until the renderer is built; then index.html with a strict CSP at any path', async () => {
  const notBuilt = await t.get('/');
  assert.equal(notBuilt.status, 503);
  assert.equal(await notBuilt.text(), NOT_BUILT_MESSAGE);
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/app.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'document.body.textContent = "hi";');
  const built = await startTestServer(core, { rendererDir: dir });
  try {
    const html = { 'x-kindred-token': built.token, accept: 'text/html' };
    for (const path of ['/', '/people/person_123', '/index.html']) {
      const page = await built.get(path, html);
      assert.equal(page.status, 200, path);
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(await page.text(), /<head><base href="\/" \/>|<head>\s*<base href="\/" \/>/);
    }
    const js = await built.get('/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type')!, /javascript/);
    assert.equal((await built.get('/assets/nope.js', html)).status, 404, 'a missing asset is not the page');
    assert.equal((await built.get('/rpc/nope', html)).status, 404);
    for (const path of ['/assets/../../photos/x.jpg', '/%2e%2e/data/catalogue.sqlite', '/assets/..%2f..%2fdata%2fcatalogue.sqlite', '/assets/%2e%2e/%2e%2e/data/catalogue.sqlite']) {
      const res = await raw(built.port, 'GET', path, { 'x-kindred-token': built.token });
      assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
      assert.ok(!res.body.includes('SQLite'), path);
    }
  } finally {
    await built.close();
  }
});

/** Server-sent events from a fetch body, as (event, data) frames. */
async function* frames(res: Response): AsyncGenerator<{ event: string; data: string }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let end;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      const event = field('event');
      if (event) yield { event, data: field('data') ?? '' };
    }
  }
}

test('core events stream as server-sent events while an import started over RPC runs', async () => {
  const stream = await t.get('/events');
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get('content-type')!, /^text\/event-stream/);
  const started = (await (await t.rpc('import.start', { paths: [join(root, 'more')] })).json()) as { ok: true; result: { id: string } };
  const seen = new Set<string>();
  for await (const f of frames(stream)) {
    const message = JSON.parse(f.data) as { event: string; payload: { id?: string; state?: string; topics?: string[] } };
    assert.equal(message.event, f.event);
    seen.add(f.event);
    if (f.event === 'job.finished') {
      assert.equal(message.payload.id, started.result.id);
      assert.equal(message.payload.state, 'done');
      break;
    }
  }
  assert.ok(seen.has('job.progress') && seen.has('catalogue.changed'), [...seen].join());
  assert.equal((await core.invoke('assets.list', {})).total, 10);
});

test('closing the server ends open event streams instead of waiting for them', async () => {
  const other = await startTestServer(core);
  const stream = await other.get('/events');
  const reading = stream.text();
  const t0 = performance.now();
  await other.close();
  await reading;
  assert.ok(performance.now() - t0 < 2000);
});

/** A minimal EventSource over fetch for Node, with the token header a script would send. */
function nodeEventSource(url: string): EventSourceLike {
  const ctrl = new AbortController();
  const handlers = new Map<string, Array<(e: { data: string }) => void>>();
  void fetch(url, { headers: { 'x-kindred-token': t.token }, signal: ctrl.signal }).then(async (res) => {
    for await (const f of frames(res)) for (const h of handlers.get(f.event) ?? []) h({ data: f.data });
  }).catch(() => undefined);
  return {
    addEventListener: (type, h) => void handlers.set(type, [...(handlers.get(type) ?? []), h]),
    close: () => ctrl.abort(),
  };
}

test('the renderer’s HTTP client speaks this protocol: typed results, KindredErrors, events by name', async () => {
  const client = createHttpClient({
    base: t.base,
    fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, 'x-kindred-token': t.token } }),
    openEvents: nodeEventSource,
  });
  try {
    const people = await client.invoke('people.list', {});
    assert.ok(people.items.length >= 1);
    await assert.rejects(client.invoke('people.update', { person_id: 'nope' as never }), (e: unknown) => e instanceof KindredError && e.code === 'invalid_input' && e.issues!.some((i) => i.path === 'person_id'));
    await assert.rejects(client.invoke('assets.locate' as never, {} as never), (e: unknown) => e instanceof KindredError && e.code === 'unknown_operation');
    const changed = new Promise<{ topics: string[] }>((resolve) => client.on('catalogue.changed', resolve));
    await new Promise((r) => setTimeout(r, 100)); // let the stream open
    await client.invoke('people.update', { person_id: people.items[0]!.id, name: 'Streamed' });
    assert.ok((await changed).topics.includes('people'));
    const offline = createHttpClient({ base: 'http://127.0.0.1:1', fetch: (url, init) => fetch(url, init), openEvents: nodeEventSource });
    await assert.rejects(offline.invoke('people.list', {}), (e: unknown) => e instanceof KindredError && e.code === 'io_error');
  } finally {
    client.close();
  }
});
