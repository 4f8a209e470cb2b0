import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { operations, opNames, rendererOpNames, isOpName } from './contract.ts';
import { events } from './events.ts';
import { AssetId, FaceId, PersonId } from './ids.ts';
import { KindredError, invalidInput } from './errors.ts';

test('every operation declares a summary, an access level and zod schemas that export to JSON Schema', () => {
  assert.ok(opNames.length > 10);
  for (const name of opNames) {
    const def = operations[name];
    assert.match(name, /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, `${name} is dotted lower (snake) case`);
    assert.ok(def.summary.length > 5, `${name} has a summary`);
    assert.ok(def.access === 'renderer' || def.access === 'host');
    assert.doesNotThrow(() => z.toJSONSchema(def.input, { io: 'input' }), `${name} input`);
    assert.doesNotThrow(() => z.toJSONSchema(def.output, { unrepresentable: 'any' }), `${name} output`);
  }
  for (const [name, schema] of Object.entries(events)) assert.doesNotThrow(() => z.toJSONSchema(schema), name);
});

test('operations that hand out filesystem paths are not for the renderer', () => {
  const renderer = new Set(rendererOpNames());
  for (const name of ['assets.locate', 'faces.export', 'import.report'] as const) assert.ok(!renderer.has(name), name);
  for (const name of rendererOpNames()) {
    const json = JSON.stringify(z.toJSONSchema(operations[name].output, { unrepresentable: 'any' }));
    assert.ok(!/"path"/.test(json) || name === 'libraries.folders', `${name} output mentions a path`);
  }
});

test('ids are checked by kind', () => {
  assert.equal(FaceId.safeParse('face_0123456789abcdef').success, true);
  assert.equal(FaceId.safeParse('person_0123456789abcdef').success, false);
  assert.equal(PersonId.safeParse('person_../../etc').success, false);
  assert.equal(AssetId.safeParse('asset_ABC').success, false);
  assert.equal(isOpName('people.list'), true);
  assert.equal(isOpName('constructor'), false);
});

test('invalid input becomes a KindredError with field paths', () => {
  const r = operations['assets.list'].input.safeParse({ limit: 0, person_ids: ['face_0123456789'] });
  assert.equal(r.success, false);
  const err = invalidInput('assets.list', (r as { error: z.ZodError }).error);
  assert.ok(err instanceof KindredError);
  assert.equal(err.code, 'invalid_input');
  assert.deepEqual(err.issues?.map((i) => i.path).sort(), ['limit', 'person_ids.0']);
  assert.deepEqual(KindredError.fromPayload(err.toPayload()).toPayload(), err.toPayload());
});
