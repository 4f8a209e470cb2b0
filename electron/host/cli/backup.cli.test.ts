import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PersonId } from '../../../shared/ids.ts';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';

const BIN = new URL('../bin/kindred.js', import.meta.url).pathname;
const kindred = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });

test('kindred backup while an import runs, then kindred restore: names, decisions and settings come back', async () => {
  const root = tempDir();
  const data = join(root, 'data');
  const [a, b] = identitiesWith(4, 2);
  const first = copyInto(join(root, 'photos', 'a'), a!.files.slice(0, 4));
  copyInto(join(root, 'more'), b!.files.slice(0, 4));
  const backup = join(root, 'kindred-backup.sqlite');

  let core = new KindredCore({ dataDir: data, validateOutputs: true });
  let personId: PersonId;
  let rejected: string;
  try {
    await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [join(root, 'photos')], library_name: 'Family' })).id });
    const faces = (await core.invoke('faces.list', { limit: 100 })).items;
    // A person with two faces or more: one to keep the name, one to reject. (Face order is not person order.)
    personId = (await core.invoke('people.list', {})).items.find((p) => p.face_count >= 2)!.id;
    await core.invoke('people.update', { person_id: personId, name: 'Ada', is_favorite: true });
    rejected = faces.find((f) => f.person_id === personId)!.id;
    await core.invoke('faces.detach', { face_ids: [rejected as never], reject: true });
    await core.invoke('settings.update_api', { api_enabled: true, api_port: 7999 });
    // Backed up while another import writes to the catalogue: the copy is consistent all the same.
    const running = await core.invoke('import.start', { paths: [join(root, 'more')], library_name: 'Family' });
    const made = await core.invoke('catalogue.backup', { path: backup });
    assert.ok(made.bytes > 0 && made.assets >= 4 && made.people >= 1);
    await core.invoke('jobs.wait', { job_id: running.id });
    await core.invoke('people.update', { person_id: personId, name: 'Someone else', is_favorite: false });
    await core.invoke('settings.update_api', { api_enabled: false, api_port: 7879 });
    await assert.rejects(core.invoke('catalogue.restore', { path: join(root, 'nope.sqlite') }), { code: 'not_found' });
    writeFileSync(join(root, 'not-a-backup.sqlite'), 'hello');
    await assert.rejects(core.invoke('catalogue.restore', { path: join(root, 'not-a-backup.sqlite') }), { code: 'invalid_input', message: /not a Kindred catalogue backup/ });
    await assert.rejects(core.invoke('catalogue.backup', { path: core.catalogue.file! }), { code: 'invalid_input' });
    await assert.rejects(core.invoke('catalogue.backup', { path: join(root, 'not-a-backup.sqlite') }), { code: 'conflict', message: /not a Kindred backup; it was left as it is/ });
  } finally {
    await core.close();
  }

  // The CLI: the same backup again, then restore the one made during the import.
  const again = kindred(['backup', join(root, 'again.sqlite'), '--data', data]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^backed up to .*again\.sqlite: 1 libraries, 8 photos/);
  const restored = kindred(['restore', backup, '--data', data, '--json']);
  assert.equal(restored.status, 0, restored.stderr);
  assert.equal(JSON.parse(restored.stdout).path, backup);

  core = new KindredCore({ dataDir: data, validateOutputs: true });
  try {
    const person = await core.invoke('people.get', { person_id: personId });
    assert.deepEqual([person.name, person.is_favorite], ['Ada', true]);
    const face = await core.invoke('faces.get', { face_id: rejected as never });
    assert.equal(face.person_id, null);
    assert.ok(core.catalogue.db.prepare('SELECT 1 FROM face_rejections WHERE face_id = ? AND person_id = ?').get(rejected, personId), '"not this person" is back');
    const api = await core.invoke('settings.api', {});
    assert.deepEqual([api.api_enabled, api.api_port], [true, 7999]);
    assert.ok(first.length === 4);
  } finally {
    await core.close();
  }
});
