import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { createServer, type KindredServer } from './server.ts';

// A real server on an ephemeral port over a real catalogue of six LFW photos.
const root = tempDir();
let core: KindredCore;
let server: KindredServer;
let base: string;
let token: string;
let assetId: string;
let faceId: string;

const rpc = (op: string, body: unknown, headers: Record<string, string> = { 'x-kindred-token': token }) =>
  fetch(`${base}/rpc/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const get = (path: string, headers: Record<string, string> = { 'x-kindred-token': token }) => fetch(`${base}${path}`, { headers });

before(async () => {
  const [id] = identitiesWith(6, 1);
  copyInto(join(root, 'photos'), id!.files.slice(0, 6));
  core = new KindredCore({ dataDir: join(root, 'data') });
  server = createServer({ core });
  const { port } = await server.listen(0);
  base = `http://127.0.0.1:${port}`;
  token = server.token;
  const started = await (await rpc('import.start', { paths: [join(root, 'photos')] })).json() as { result: { id: string } };
  await core.invoke('jobs.wait', { job_id: started.result.id as never });
  const faces = await core.invoke('faces.list', {});
  faceId = faces.items[0]!.id;
  assetId = faces.items[0]!.asset_id;
});
after(async () => {
  await server?.close();
  await core?.close();
});

test('operations answer over HTTP RPC, with field errors for bad input and 404 for unknown or host-only ops', async () => {
  const ok = await rpc('people.list', {});
  assert.equal(ok.status, 200);
  const body = await ok.json() as { ok: boolean; result: { items: unknown[] } };
  assert.ok(body.ok && body.result.items.length >= 1);
  const bad = await rpc('people.update', { person_id: 'nope', name: '' });
  assert.equal(bad.status, 400);
  const err = await bad.json() as { error: { code: string; issues: Array<{ path: string }> } };
  assert.equal(err.error.code, 'invalid_input');
  assert.ok(err.error.issues.some((i) => i.path === 'person_id'));
  assert.equal((await rpc('people.get', { person_id: 'person_00000000000000000000000000' })).status, 404);
  assert.equal((await rpc('no.such.op', {})).status, 404);
  assert.equal((await rpc('faces.export', {})).status, 404, 'host-only operations hand out paths: not for the page');
  assert.equal((await rpc('assets.locate', { asset_id: assetId })).status, 404);
  const malformed = await fetch(`${base}/rpc/people.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kindred-token': token }, body: '{"limit":' });
  assert.equal(malformed.status, 400);
});

test('without the token, or with another Host, nothing is served', async () => {
  assert.equal((await rpc('people.list', {}, {})).status, 401);
  assert.equal((await rpc('people.list', {}, { 'x-kindred-token': 'x'.repeat(token.length) })).status, 401);
  assert.equal((await get(`/media/thumb/${assetId}`, {})).status, 401);
  assert.equal((await get('/events', {})).status, 401);
  // fetch cannot forge Host; a raw request can, as a DNS-rebinding page effectively does.
  const { request } = await import('node:http');
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${base}/rpc/people.list`, { method: 'POST', headers: { host: 'evil.example:80', 'x-kindred-token': token, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode!));
    req.on('error', reject);
    req.end('{}');
  });
  assert.equal(status, 403);
  // The one-time URL trades the token for an HttpOnly, SameSite=Strict cookie.
  const auth = await fetch(`${base}/auth?token=${token}`, { redirect: 'manual' });
  assert.equal(auth.status, 302);
  const cookie = auth.headers.get('set-cookie')!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.equal((await rpc('people.list', {}, { cookie: cookie.split(';')[0]! })).status, 200);
  assert.equal((await fetch(`${base}/auth?token=wrong`, { redirect: 'manual' })).status, 401);
});

test('media is served by catalogued id only: thumbnails, face crops and upright photos at the asset’s display size', async () => {
  const thumb = await get(`/media/thumb/${assetId}`);
  assert.equal(thumb.status, 200);
  assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
  const face = await get(`/media/face/${faceId}`);
  assert.equal(face.status, 200);
  const meta = await sharp(Buffer.from(await face.arrayBuffer())).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 160, 160]);
  const photo = await get(`/media/photo/${assetId}`);
  const asset = await core.invoke('assets.get', { asset_id: assetId as never });
  const pm = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
  assert.deepEqual([pm.width, pm.height], [asset.width, asset.height]);
  const etag = photo.headers.get('etag')!;
  assert.equal((await get(`/media/photo/${assetId}`, { 'x-kindred-token': token, 'if-none-match': etag })).status, 304);
});

test('media refuses ids that are not catalogued and anything path-like, and never reads outside the cache', async () => {
  assert.equal((await get('/media/thumb/asset_00000000000000000000000000')).status, 404);
  assert.equal((await get(`/media/face/${assetId}`)).status, 400, 'an asset id is not a face id');
  for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'asset_..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', 'asset_abc%00def', '%2e%2e', 'C:%5Cwindows']) {
    const res = await get(`/media/photo/${bad}`);
    assert.ok(res.status === 400 || res.status === 404, `${bad} → ${res.status}`);
    assert.equal(res.headers.get('content-type')?.includes('image'), false);
  }
  assert.equal((await get('/media/../../etc/passwd')).status, 404, 'normalised to /etc/passwd: no such route');
  assert.equal((await get(`/media/original/${assetId}`)).status, 404);
});

test('events stream to the page as server-sent events', async () => {
  const ctrl = new AbortController();
  const res = await get('/events');
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  const person = (await core.invoke('people.list', {})).items[0]!;
  await (await rpc('people.update', { person_id: person.id, name: 'Streamed' })).json();
  let text = '';
  while (!text.includes('catalogue.changed')) text += new TextDecoder().decode((await reader.read()).value);
  assert.match(text, /event: catalogue.changed\ndata: \{.*"people"/);
  await reader.cancel();
  ctrl.abort();
});
