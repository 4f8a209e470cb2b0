import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PersonId } from '../../../shared/ids.ts';
import { KindredCore } from '../../core/app.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { createServer } from '../server/server.ts';
import { noHostStatus, raw } from '../server/testing.ts';
import { createApiServer, type ApiServer } from './api-server.ts';

// Hostile and clumsy HTTP clients against every server of ours: the desktop API server, and the UI
// host of `kindred serve` with the REST API beside it. A real catalogue, real keys, real sockets.

let core: KindredCore;
let key: string;
let person: PersonId;
let api: ApiServer;
let port: number;

const root = tempDir();
before(async () => {
  core = new KindredCore({ dataDir: join(root, 'data') });
  await core.invoke('libraries.create', { name: 'Home' });
  person = (await core.invoke('people.create', { name: 'Alice' })).id;
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c96' } }).jpeg().toBuffer();
  await core.invoke('people.set_profile_image', { person_id: person, bytes: new Uint8Array(jpeg) });
  key = (await core.invoke('api_keys.create', { name: 'tests' })).secret;
  api = createApiServer({ core, limits: { requestTimeoutMs: 800, headersTimeoutMs: 400 } });
  ({ port } = await api.listen(0));
});
after(async () => {
  await api?.close();
  await core?.close();
});

const withKey = (h: Record<string, string> = {}) => ({ 'x-api-key': key, ...h });

test('every server has request, header and keep-alive timeouts and a connection cap by default', async () => {
  const desktop = createApiServer({ core });
  const serve = createServer({ core, api: true });
  try {
    for (const [name, server] of [['desktop API', desktop.app.server], ['kindred serve', serve.app.server]] as const) {
      assert.ok(server.requestTimeout > 0 && server.requestTimeout <= 30_000, `${name}: request timeout ${server.requestTimeout} ms`);
      assert.ok(server.headersTimeout > 0 && server.headersTimeout <= 10_000, `${name}: headers timeout ${server.headersTimeout} ms`);
      assert.ok(server.keepAliveTimeout > 0 && server.keepAliveTimeout <= 5_000, `${name}: keep-alive timeout ${server.keepAliveTimeout} ms`);
      assert.ok(server.timeout > 0 && server.timeout <= 60_000, `${name}: idle socket timeout ${server.timeout} ms`);
      assert.ok(server.maxConnections > 0 && server.maxConnections <= 128, `${name}: connection cap ${server.maxConnections}`);
    }
  } finally {
    await desktop.close();
    await serve.close();
  }
});

/** Open a socket, send `head` (and nothing more), and resolve with what came back and how long the socket lived. */
function linger(head: string, to = port): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(to, '127.0.0.1', () => socket.write(head));
    let text = '';
    socket.on('data', (c) => (text += c.toString('latin1')));
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server kept a slow request open for 10 s')));
  });
}

test('a body that trickles in is cut off at the request timeout, and the server answers the next request', async () => {
  const slow = await linger(`POST /api/people HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-API-Key: ${key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`);
  assert.ok(slow.ms < 5_000, `closed after ${slow.ms} ms`);
  assert.match(slow.text, /^HTTP\/1\.1 408/);
  const headers = await linger(`GET /api/people HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-API-`);
  assert.ok(headers.ms < 5_000, `headers that never end closed after ${headers.ms} ms`);
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/people`, { headers: withKey() })).status, 200);
});

test('requests Node refuses before any route (too slow, headers too large, not HTTP) get the API error envelope, not Fastify’s', async () => {
  const envelope = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
  const slow = await linger(`POST /api/people HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-API-Key: ${key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`);
  assert.deepEqual(envelope(slow.text).error, { code: 'invalid_input', message: 'The request took too long to arrive.' });
  const long = await linger(`GET /api/assets/${'a'.repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-API-Key: ${key}\r\n\r\n`);
  assert.match(long.text, /^HTTP\/1\.1 431/);
  assert.match(envelope(long.text).error.message, /headers are too large \(at most \d+ KB\)/);
  const junk = await linger('\u0000\u0001 not http at all\r\n\r\n');
  assert.match(junk.text, /^HTTP\/1\.1 400/);
  assert.equal(envelope(junk.text).error.message, 'The request is not valid HTTP.');
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/people`, { headers: withKey() })).status, 200);
});

test('connections beyond the cap are refused at once; the server serves again when they close', async () => {
  const capped = createApiServer({ core, limits: { maxConnections: 4 } });
  const { port: p } = await capped.listen(0);
  try {
    const open: Socket[] = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<Socket>((resolve) => {
        const s = connect(p, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      })),
    );
    await new Promise((r) => setTimeout(r, 100));
    const extra = await linger(`GET /api/people HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\nX-API-Key: ${key}\r\n\r\n`, p);
    assert.equal(extra.text, '', 'the fifth connection got no answer');
    assert.ok(extra.ms < 2_000);
    for (const s of open) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = await raw(p, 'GET', '/api/people', withKey());
    assert.equal(again.status, 200);
  } finally {
    await capped.close();
  }
});

test('malformed multipart is a 400 naming the problem, an oversized one a 413; never a 500', async () => {
  const path = `/api/v1/identity/${person}/profile-image`;
  const cases: Array<[string, string, string]> = [
    ['no boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nabc\r\n--x--\r\n'],
    ['wrong boundary', 'multipart/form-data; boundary=yyy', '--x\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nabc\r\n--x--\r\n'],
    ['cut off', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nabc'],
    ['garbage', 'multipart/form-data; boundary=x', '\u0000\u0001garbage'],
  ];
  for (const [what, type, body] of cases) {
    const r = await raw(port, 'POST', path, withKey({ 'content-type': type, 'content-length': String(Buffer.byteLength(body, 'latin1')) }), body);
    assert.equal(r.status, 400, `${what}: ${r.body}`);
    assert.equal(JSON.parse(r.body).success, false);
  }
  const huge = await raw(port, 'POST', path, withKey({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) }), '--x\r\n');
  assert.equal(huge.status, 413, huge.body);
  const json = await raw(port, 'POST', '/api/people', withKey({ 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) }), '{');
  assert.equal(json.status, 413, 'a JSON route takes no 5 MB body');
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/people`, { headers: withKey() })).status, 200);
});

test('the desktop API answers only to its own Host and to no other site’s Origin; reply URLs use its own origin', async () => {
  const path = `/api/v1/identity/${person}`;
  for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `127.0.0.1:${port}.evil.example`]) {
    const r = await raw(port, 'GET', path, withKey({ host }));
    assert.equal(r.status, 403, `Host: ${host}`);
    assert.ok(!r.body.includes('evil'), 'the Host is not echoed');
  }
  assert.equal(await noHostStatus(port), 403, 'HTTP/1.0 without Host');
  assert.equal((await raw(port, 'GET', path, withKey({ origin: 'http://evil.example' }))).status, 403, 'a page of another site');
  assert.equal((await raw(port, 'GET', path, withKey({ origin: `http://127.0.0.1:${port}` }))).status, 200, 'our own origin');
  for (const name of ['127.0.0.1', 'localhost']) {
    const r = await raw(port, 'GET', path, withKey({ host: `${name}:${port}` }));
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).tmdb_profile, `http://${name}:${port}/api/v1/identity/${person}/profile-image`, r.body);
  }
});

test('Authorization: Bearer works like X-API-Key; an empty body with a JSON content type is no body', async () => {
  const base = `http://127.0.0.1:${port}`;
  assert.equal((await fetch(`${base}/api/people`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
  assert.equal((await fetch(`${base}/api/people`, { headers: { authorization: 'Bearer kdk_wrong' } })).status, 401);
  assert.equal((await fetch(`${base}/api/people`, { headers: { authorization: `Basic ${key}` } })).status, 401);
  const r = await fetch(`${base}/face/v1.0/persongroups`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(r.status, 200);
  const doomed = (await core.invoke('people.create', { name: 'Doomed' })).id;
  const del = await fetch(`${base}/api/people/${doomed}`, { method: 'DELETE', headers: withKey({ 'content-type': 'application/json' }) });
  assert.equal(del.status, 204, await del.text());
  const bad = await fetch(`${base}/api/people`, { method: 'POST', headers: withKey({ 'content-type': 'application/json' }), body: '{"name": ' });
  assert.equal(bad.status, 400, 'broken JSON is still a 400');
});
