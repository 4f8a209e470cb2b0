import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { ensureModel, ensureModels } from './fetch.ts';
import { locateModels, ModelsUnavailableError } from './locate.ts';
import { getModel, MODEL_IDS } from './manifest.ts';
import { sha256File } from './verify.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const MIRROR = process.env.KINDRED_MODEL_MIRROR || join(REPO, '..', 'shared', 'models');
const noMirror = existsSync(join(MIRROR, 'fr_feature.onnx')) ? false : `no model mirror at ${MIRROR}`;

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kindred-models-test-'));
  temps.push(dir);
  return dir;
}
after(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

/** A copy of the real mirror file with one byte flipped: right size, wrong sha256. */
async function corruptCopy(src: string, dest: string): Promise<void> {
  const bytes = await readFile(src);
  bytes[bytes.length >> 1]! ^= 0xff;
  await writeFile(dest, bytes);
}

describe('ensureModels with a mirror', { skip: noMirror }, () => {
  test('copies every model from the mirror into an empty cache, then reports them cached', async () => {
    const cacheDir = await tempDir();
    const first = await ensureModels({ cacheDir, mirror: MIRROR, allowUpstream: false });
    // The mirror holds the upstream files only; the derived ones are made from those copies.
    const derived = (id: (typeof MODEL_IDS)[number]) => getModel(id).upstream.kind === 'derived';
    assert.deepEqual(first.map((r) => [r.id, r.status]), MODEL_IDS.map((id) => [id, derived(id) ? 'derived' : 'mirror']));
    for (const r of first) {
      const m = getModel(r.id);
      assert.equal(r.path, join(cacheDir, m.file));
      assert.equal(await sha256File(r.path!), m.sha256);
      assert.deepEqual(r.tried[0], { source: 'cache', location: r.path, error: 'not found' });
      assert.equal(r.tried.length, derived(r.id) ? 2 : 1, JSON.stringify(r.tried));
    }
    assert.deepEqual((await readdir(cacheDir)).sort(), MODEL_IDS.map((id) => getModel(id).file).sort(), 'no temp files left');

    const second = await ensureModels({ cacheDir, mirror: MIRROR, allowUpstream: false });
    assert.deepEqual(second.map((r) => [r.status, r.tried.length]), MODEL_IDS.map(() => ['cached', 0]));
    const located = await locateModels({ cacheDir });
    assert.deepEqual(Object.keys(located).sort(), [...MODEL_IDS].sort());
  });

  test('a corrupted mirror copy is rejected and never lands in the cache', async () => {
    const cacheDir = await tempDir();
    const mirror = await tempDir();
    const m = getModel('yunet_s_dynamic');
    await corruptCopy(join(MIRROR, m.file), join(mirror, m.file));

    const [r] = await ensureModels({ cacheDir, mirror, allowUpstream: false, ids: ['yunet_s_dynamic'] });
    assert.equal(r!.status, 'missing');
    assert.equal(r!.path, undefined);
    const fromMirror = r!.tried.find((t) => t.source === 'mirror');
    assert.match(fromMirror!.error, new RegExp(`sha256 mismatch: expected ${m.sha256}, got [0-9a-f]{64}`));
    assert.deepEqual(await readdir(cacheDir), [], 'neither the file nor a temp copy is left in the cache');
  });

  test('a truncated mirror copy is rejected by size without being copied', async () => {
    const cacheDir = await tempDir();
    const mirror = await tempDir();
    const m = getModel('yunet_2023mar');
    await writeFile(join(mirror, m.file), (await readFile(join(MIRROR, m.file))).subarray(0, 1000));

    const [r] = await ensureModels({ cacheDir, mirror, allowUpstream: false, ids: ['yunet_2023mar'] });
    assert.equal(r!.status, 'missing');
    assert.equal(r!.tried.find((t) => t.source === 'mirror')!.error, `size 1000 bytes, expected ${m.size}`);
    assert.deepEqual(await readdir(cacheDir), []);
  });

  test('a cache file corrupted later is caught by locateModels and replaced by ensureModels', async () => {
    const cacheDir = await tempDir();
    const m = getModel('fr_feature');
    await ensureModels({ cacheDir, mirror: MIRROR, allowUpstream: false, ids: ['fr_feature'] });
    await corruptCopy(join(MIRROR, m.file), join(cacheDir, m.file));

    const err = await locateModels({ cacheDir, ids: ['fr_feature'] }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof ModelsUnavailableError);
    assert.equal(err.name, 'ModelsUnavailableError');
    assert.equal(err.missing.length, 1);
    assert.equal(err.missing[0]!.id, 'fr_feature');
    assert.match(err.missing[0]!.reason, /^sha256 mismatch/);

    const [r] = await ensureModels({ cacheDir, mirror: MIRROR, allowUpstream: false, ids: ['fr_feature'] });
    assert.equal(r!.status, 'mirror');
    assert.match(r!.tried[0]!.error, /^sha256 mismatch/);
    assert.equal(r!.tried[0]!.source, 'cache');
    const located = await locateModels({ cacheDir, ids: ['fr_feature'] });
    assert.equal(located.fr_feature, join(cacheDir, m.file));
  });
});

test('with nothing available every model is missing, and the error says what and how to fix', async () => {
  const cacheDir = await tempDir();
  const mirror = await tempDir();
  const reports = await ensureModels({ cacheDir, mirror, allowUpstream: false });
  const fromUpstream = [
    ['cache', 'not found'],
    ['mirror', 'not found'],
    ['upstream', 'upstream downloads disabled'],
  ];
  for (const r of reports) {
    assert.equal(r.status, 'missing');
    const u = getModel(r.id).upstream;
    // A derived model says its source is missing, then why (the source's own attempts).
    const expected = u.kind === 'derived' ? [fromUpstream[0], fromUpstream[1], ['derive', `source model ${u.from} is unavailable`], ...fromUpstream] : fromUpstream;
    assert.deepEqual(r.tried.map((t) => [t.source, t.error]), expected);
  }
  assert.deepEqual(await readdir(cacheDir), []);

  const err = await locateModels({ cacheDir, ids: ['yunet_s_dynamic', 'fr_feature'] }).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof ModelsUnavailableError);
  assert.deepEqual(err.missing, [
    { id: 'yunet_s_dynamic', file: 'yunet_s_dynamic.onnx', reason: 'not found' },
    { id: 'fr_feature', file: 'fr_feature.onnx', reason: 'not found' },
  ]);
  const msg = err.message;
  assert.match(msg, /yunet_s_dynamic \(yunet_s_dynamic\.onnx\): not found/);
  assert.match(msg, /fr_feature \(fr_feature\.onnx\): not found/);
  assert.ok(msg.includes('npm run models'));
  assert.ok(msg.includes('KINDRED_MODEL_MIRROR='));
  assert.ok(msg.includes(join(cacheDir, 'fr_feature.onnx')), 'says where to put the file');
  assert.ok(msg.includes('https://raw.githubusercontent.com/ShiqiYu/libfacedetection.train/0047ac24afb1a50a0c6105001c89d1b5b805dbf1/onnx/yunet_s_dynamic.onnx'));
  assert.ok(msg.includes('npm pack faceplugin-face-recognition-js@0.0.1'));
  assert.ok(msg.includes(getModel('fr_feature').sha256));
});

describe('URL upstream failures are reported quickly', () => {
  const listen = (server: Server): Promise<number> =>
    new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

  async function tryUrl(url: string, timeoutMs: number) {
    const model = { ...getModel('yunet_2023mar'), upstream: { kind: 'url' as const, url } };
    const cacheDir = await tempDir();
    const started = Date.now();
    const report = await ensureModel(model, { cacheDir, mirror: null, timeoutMs });
    return { report, elapsed: Date.now() - started, left: await readdir(cacheDir) };
  }

  test('a closed port', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    const { report, elapsed, left } = await tryUrl(`http://127.0.0.1:${port}/face.onnx`, 2000);
    assert.equal(report.status, 'missing');
    const up = report.tried.at(-1)!;
    assert.equal(up.source, 'upstream');
    assert.equal(up.location, `http://127.0.0.1:${port}/face.onnx`);
    assert.match(up.error, /ECONNREFUSED/);
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    assert.deepEqual(left, []);
  });

  test('a server that never answers hits the timeout', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => void sockets.push(s));
    const port = await listen(server);
    try {
      const { report, elapsed, left } = await tryUrl(`http://127.0.0.1:${port}/face.onnx`, 300);
      assert.equal(report.status, 'missing');
      assert.match(report.tried.at(-1)!.error, /no response within 300 ms/);
      assert.ok(elapsed < 3000, `took ${elapsed} ms`);
      assert.deepEqual(left, []);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  test('a transfer that stalls midway hits the timeout and leaves nothing behind', async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(getModel('yunet_2023mar').size) });
      res.write(Buffer.alloc(1000));
    });
    const port = await listen(server);
    try {
      const { report, left } = await tryUrl(`http://127.0.0.1:${port}/face.onnx`, 300);
      assert.equal(report.status, 'missing');
      assert.match(report.tried.at(-1)!.error, /transfer stalled for 300 ms/);
      assert.deepEqual(left, []);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('an HTTP error status is reported as such', async () => {
    const server = createHttpServer((_req, res) => res.writeHead(404).end());
    const port = await listen(server);
    try {
      const { report } = await tryUrl(`http://127.0.0.1:${port}/face.onnx`, 2000);
      assert.equal(report.tried.at(-1)!.error, 'HTTP 404 Not Found');
    } finally {
      server.close();
    }
  });
});
