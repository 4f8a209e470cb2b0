import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { getModel, listModels, MODEL_IDS, parseManifest, selectModels } from './manifest.ts';

const raw = (): { models: Array<Record<string, unknown>> } =>
  JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));

test('the manifest has exactly the known models, each with a source and a checksum', () => {
  assert.deepEqual(listModels().map((m) => m.id), [...MODEL_IDS]);
  for (const m of listModels()) {
    assert.match(m.sha256, /^[0-9a-f]{64}$/);
    assert.ok(m.size > 0);
    assert.ok(m.upstream);
  }
  assert.deepEqual(selectModels(['fr_feature', 'yunet_s_dynamic']).map((m) => m.file), ['fr_feature.onnx', 'yunet_s_dynamic.onnx']);
});

test('getModel narrows by role and refuses the wrong one', () => {
  const fr = getModel('fr_feature', 'recogniser');
  assert.equal(fr.embedding.dim, 512);
  assert.deepEqual(fr.input.normalisation, { mean: 127, std: 128 });
  assert.equal(fr.input.channel_order, 'bgr');
  assert.deepEqual(fr.upstream, { kind: 'npm', package: 'faceplugin-face-recognition-js', version: '0.0.1', path: 'model/fr_feature.onnx' });
  const det = getModel('yunet_s_dynamic', 'detector');
  assert.equal(det.input.size_multiple, 32);
  assert.deepEqual(det.landmarks.order, ['right_eye', 'left_eye', 'nose_tip', 'right_mouth_corner', 'left_mouth_corner']);
  assert.throws(() => getModel('fr_feature', 'detector'), /is a recogniser, not a detector/);
  assert.throws(() => getModel('nope' as never), /Unknown model id "nope"/);
});

test('a malformed manifest is rejected with the reason', () => {
  const misspelt = raw();
  misspelt.models[0]!.sha265 = misspelt.models[0]!.sha256;
  assert.throws(() => parseManifest(misspelt), /sha265/);

  const badHash = raw();
  badHash.models[1]!.sha256 = 'abc';
  assert.throws(() => parseManifest(badHash), /sha256/);

  const dup = raw();
  dup.models[2]!.id = 'yunet_2023mar';
  assert.throws(() => parseManifest(dup), /duplicate model id yunet_2023mar/);

  const shell = raw();
  (shell.models[2]!.upstream as Record<string, string>).version = '0.0.1; rm -rf ~';
  assert.throws(() => parseManifest(shell), /version/);
});
