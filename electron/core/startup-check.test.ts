import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { KindredError } from '../../shared/errors.ts';
import { getModel } from '../../models/manifest.ts';
import { resolveCacheDir } from '../../models/paths.ts';
import { sha256File } from '../../models/verify.ts';
import { catalogueProblem, checkModels, describeStartup, repairModels, REQUIRED_MODELS } from './startup-check.ts';

const GOOD = resolveCacheDir();
const [DETECTOR, EMBEDDER] = REQUIRED_MODELS as [string, string];
const noModels = REQUIRED_MODELS.every((id) => existsSync(join(GOOD, getModel(id).file))) ? false : `no verified models in ${GOOD} (run npm run models)`;

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kindred-startup-'));
  temps.push(dir);
  return dir;
}
after(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

/** A folder with good copies of `good` and a one-byte-flipped copy of `corrupt`. */
async function modelFolder(good: string[], corrupt: string[] = []): Promise<string> {
  const dir = await tempDir();
  for (const id of good) {
    const f = getModel(id as never).file;
    await writeFile(join(dir, f), await readFile(join(GOOD, f)));
  }
  for (const id of corrupt) {
    const f = getModel(id as never).file;
    const bytes = await readFile(join(GOOD, f));
    bytes[bytes.length >> 1]! ^= 0xff;
    await writeFile(join(dir, f), bytes);
  }
  return dir;
}

describe('checkModels', { skip: noModels }, () => {
  test('ready from the bundled folder when every required model verifies there', async () => {
    const writable = await tempDir();
    const s = await checkModels({ bundledDir: GOOD, writableDir: writable });
    assert.equal(s.state, 'ready');
    assert.equal(s.state === 'ready' && s.modelsDir, GOOD);
    assert.match(describeStartup(s), /^models verified in /);
    assert.deepEqual(await readdir(writable), [], 'a check writes nothing');
  });

  test('missing everywhere: one problem per model, with how to get each by hand', async () => {
    const bundled = await tempDir();
    const writable = await tempDir();
    const s = await checkModels({ bundledDir: bundled, writableDir: writable });
    assert.equal(s.state, 'models_unavailable');
    if (s.state !== 'models_unavailable') return;
    assert.deepEqual(s.problems.map((p) => [p.id, p.reason]), REQUIRED_MODELS.map((id) => [id, 'not found']));
    assert.deepEqual(s.problems.map((p) => p.path), REQUIRED_MODELS.map((id) => join(bundled, getModel(id).file)));
    assert.deepEqual(s.searched, [bundled, writable]);
    assert.equal(s.repairDir, writable);
    assert.deepEqual(s.manual.map((m) => [m.id, m.saveAs, m.sha256]), REQUIRED_MODELS.map((id) => [id, join(writable, getModel(id).file), getModel(id).sha256]));
    assert.ok(s.manual.every((m) => m.source.length > 0 && m.size > 0));
    assert.match(s.hint, /How to fix/);
  });

  test('a corrupt bundled file is reported as a checksum mismatch, not trusted', async () => {
    const bundled = await modelFolder([DETECTOR], [EMBEDDER]);
    const s = await checkModels({ bundledDir: bundled, writableDir: await tempDir() });
    assert.equal(s.state, 'models_unavailable');
    if (s.state !== 'models_unavailable') return;
    assert.deepEqual(s.problems.map((p) => p.id), [EMBEDDER]);
    assert.match(s.problems[0]!.reason, /^sha256 mismatch/);
  });

  test('a complete writable folder wins when the bundled copy is broken', async () => {
    const bundled = await modelFolder([], [DETECTOR]);
    const writable = await modelFolder([...REQUIRED_MODELS]);
    const s = await checkModels({ bundledDir: bundled, writableDir: writable });
    assert.deepEqual(s.state === 'ready' && s.modelsDir, writable);
  });

  test('one folder when bundled and writable are the same (development)', async () => {
    const s = await checkModels({ bundledDir: GOOD, writableDir: GOOD });
    assert.equal(s.state, 'ready');
    const empty = await tempDir();
    const u = await checkModels({ bundledDir: empty, writableDir: empty });
    assert.deepEqual(u.state === 'models_unavailable' && u.searched, [empty]);
  });
});

describe('repairModels', { skip: noModels }, () => {
  test('copies good bundled files, fetches the rest from the mirror, then reports ready', async () => {
    const bundled = await modelFolder([DETECTOR], [EMBEDDER]);
    const writable = join(await tempDir(), 'models'); // does not exist yet
    const lines: string[] = [];
    const { status, reports } = await repairModels({ bundledDir: bundled, writableDir: writable, mirror: GOOD, allowUpstream: false, log: (l) => lines.push(l) });
    assert.deepEqual(status.state === 'ready' && status.modelsDir, writable);
    assert.deepEqual(reports.map((r) => [r.id, r.status]), [[DETECTOR, 'mirror'], [EMBEDDER, 'mirror']]);
    const fr = reports[1]!;
    assert.ok(fr.tried.some((a) => a.source === 'mirror' && a.error.startsWith('bundled copy: ') && /sha256|size/.test(a.error)), JSON.stringify(fr.tried));
    for (const id of REQUIRED_MODELS) assert.equal(await sha256File(join(writable, getModel(id).file)), getModel(id).sha256);
    assert.ok(lines.length > 0, 'progress is logged');
    // The repaired folder is found on the next start even though the bundled copy is still broken.
    assert.equal((await checkModels({ bundledDir: bundled, writableDir: writable })).state, 'ready');
  });

  test('with nowhere to get a file from, says what was tried and stays unavailable', async () => {
    const bundled = await tempDir();
    const writable = await tempDir();
    const { status, reports } = await repairModels({ bundledDir: bundled, writableDir: writable, mirror: null, allowUpstream: false, ids: ['fr_feature'] });
    assert.equal(status.state, 'models_unavailable');
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.status, 'missing');
    assert.deepEqual(reports[0]!.tried.map((a) => a.source), ['mirror', 'cache', 'mirror', 'upstream']);
    assert.match(reports[0]!.tried.at(-1)!.error, /disabled/);
    assert.deepEqual(await readdir(writable), [], 'nothing half-written is left behind');
  });
});

describe('catalogueProblem', () => {
  test('keeps the stable code of a KindredError and maps file-system errors to io_error', () => {
    const s = catalogueProblem(new KindredError('schema_too_new', 'The catalogue was written by a newer Kindred.'), '/data');
    assert.deepEqual(s, { state: 'catalogue_unavailable', code: 'schema_too_new', message: 'The catalogue was written by a newer Kindred.', dataDir: '/data' });
    const io = catalogueProblem(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), '/data');
    assert.equal(io.code, 'io_error');
    assert.match(describeStartup(io), /catalogue unavailable in \/data: \[io_error\]/);
  });
});
