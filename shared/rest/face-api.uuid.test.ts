import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { newId } from '../../electron/core/ids.ts';
import { PersonRef, faceIdIn, idOfUuid, uuidOf } from './face-api.uuid.ts';

test('person and face ids have a UUID form that maps back exactly', () => {
  for (let i = 0; i < 2000; i++) {
    const id = newId(i % 2 ? 'person' : 'face', Date.now() - i * 9_999_991);
    const u = uuidOf(id)!;
    assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a version-8 UUID');
    assert.equal(idOfUuid(u, i % 2 ? 'person' : 'face'), id);
    assert.equal(idOfUuid(u.toUpperCase(), i % 2 ? 'person' : 'face'), id, 'any case');
  }
  const late = newId('person', 2 ** 42 - 1); // the last millisecond of the year 2109
  assert.equal(idOfUuid(uuidOf(late)!, 'person'), late);
  assert.equal(uuidOf(newId('person', 2 ** 42)), null, 'beyond what 122 bits carry');
  assert.equal(uuidOf('person_short'), null);
  assert.equal(uuidOf('person_0123456789abcdefghijklmnop'), null, 'letters outside the alphabet');
});

test('UUIDs from detect and of persisted faces stay what they are', () => {
  const random = randomUUID();
  assert.equal(idOfUuid(random, 'face'), null);
  assert.equal(faceIdIn(random), random);
  assert.equal(faceIdIn(random.toUpperCase()), random);
  const face = newId('face');
  assert.equal(faceIdIn(face), face);
  assert.equal(faceIdIn(uuidOf(face)!), face);
  assert.equal(faceIdIn('not-a-face'), null);
  const person = newId('person');
  assert.equal(PersonRef.parse(uuidOf(person)), person);
  assert.equal(PersonRef.parse(person), person);
  assert.equal(PersonRef.safeParse(random).success, false, 'a random UUID is no person');
});
