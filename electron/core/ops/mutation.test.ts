import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operations } from '../../../shared/contract.ts';
import type { EventPayload } from '../../../shared/events.ts';
import { KindredCore } from '../app.ts';
import { tempDir } from '../testing/temp-dir.ts';
import type { CoreContext } from './context.ts';
import { mutation } from './mutation.ts';

// A real catalogue, no models: the mutation path itself is under test, through real operations.
const core = new KindredCore({ dataDir: join(tempDir(), 'data'), validateOutputs: true });
after(() => core.close());
const ctx = { catalogue: core.catalogue, people: core.people, events: core.events } as CoreContext;
const changes: Array<EventPayload<'catalogue.changed'>> = [];
core.events.on('catalogue.changed', (e) => changes.push(e));

test('an operation announces exactly the topics it declares, once, after its transaction committed', async () => {
  const lib = await core.invoke('libraries.create', { name: 'Family' });
  let seenInEvent: unknown = null;
  const off = core.events.on('catalogue.changed', () => (seenInEvent = core.catalogue.db.inTransaction));
  changes.length = 0;
  const p = await core.invoke('people.create', { library_id: lib.id, name: 'Ada' });
  off();
  assert.deepEqual(changes, [{ library_id: lib.id, topics: [...operations['people.create'].effects] }]);
  assert.equal(seenInEvent, false, 'listeners hear of the change only once it is committed');
  changes.length = 0;
  await core.invoke('people.update', { person_id: p.id, is_favorite: true });
  assert.deepEqual(changes, [{ library_id: lib.id, topics: ['people'] }]);
});

test('a write that fails part-way leaves nothing behind and announces nothing', async () => {
  const lib = await core.invoke('libraries.create', { name: 'Trips' });
  const before = (await core.invoke('people.list', { library_id: lib.id })).total;
  changes.length = 0;
  await assert.rejects(
    mutation(ctx, 'people.create', (log) => {
      core.catalogue.people.create({ libraryId: lib.id, name: 'Half', source: 'user_defined', status: 'confirmed' });
      log.changed(lib.id);
      throw new Error('disk pulled out mid-write');
    }),
    /disk pulled out/,
  );
  assert.equal((await core.invoke('people.list', { library_id: lib.id })).total, before);
  assert.deepEqual(changes, []);
});

test('mutations run one at a time, in the order they were asked for, even around slow preparation', async () => {
  const order: string[] = [];
  const slow = mutation(ctx, 'people.update', {
    prepare: () => new Promise<void>((r) => setTimeout(() => { order.push('slow prepared'); r(); }, 50)),
    write: () => void order.push('slow written'),
  });
  const quick = mutation(ctx, 'people.update', () => void order.push('quick written'));
  await Promise.all([slow, quick]);
  assert.deepEqual(order, ['slow prepared', 'slow written', 'quick written']);
});


test('handlers change the catalogue only through mutation(): no hand-rolled exclusive, transaction or change event', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const reasons: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.handlers.ts'))) {
    const src = readFileSync(join(dir, file), 'utf8');
    for (const [what, re] of [['exclusive()', /\.exclusive\(/], ['a transaction', /\.tx\(/], ['catalogue.changed', /catalogue\.changed|\bchanged\(ctx/]] as const) {
      if (re.test(src)) reasons.push(`${file} uses ${what}`);
    }
  }
  assert.deepEqual(reasons, []);
});
