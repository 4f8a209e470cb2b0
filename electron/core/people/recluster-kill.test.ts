import { before, test } from 'node:test';
import { imageBox } from '../../../shared/geometry.ts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KindredCore } from '../app.ts';
import type { FaceId, PersonId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { gaussian, rng } from './synthetic.ts';
import { normalizeInPlace } from './vectors.ts';

// people.recluster killed at random moments must leave the catalogue as it was or as a finished
// re-cluster leaves it, never in between, and keep the ids it promises to keep. The library: 30 real
// photos imported through the pipeline, and 2,400 more faces made from their real embeddings (a copy
// of the photo file each, the embedding with a little noise), so that a re-cluster takes long enough
// to be killed in the middle; plus user decisions the re-cluster must keep.

const CHILD = new URL('../testing/recluster.child.ts', import.meta.url).pathname;
const COPIES = 80;
const root = tempDir();
const pristine = join(root, 'pristine');

interface State {
  /** face → person (null: unplaced). */
  faces: Map<FaceId, PersonId | null>;
  people: Set<PersonId>;
  emptyAuto: number;
}

function readState(dataDir: string): State {
  const db = new Database(join(dataDir, 'catalogue.sqlite'), { readonly: true });
  try {
    const faces = new Map(db.prepare('SELECT id, person_id FROM faces').raw().all() as Array<[FaceId, PersonId | null]>);
    const people = new Set(db.prepare('SELECT id FROM people WHERE merged_into IS NULL').pluck().all() as PersonId[]);
    const emptyAuto = db.prepare(`SELECT COUNT(*) FROM people p WHERE p.source = 'auto' AND p.name IS NULL AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = p.id)`).pluck().get() as number;
    return { faces, people, emptyAuto };
  } finally {
    db.close();
  }
}

/** The people as sets of faces, keyed by a canonical name (their smallest face id). */
function partition(s: State): Map<string, PersonId> {
  const groups = new Map<PersonId, FaceId[]>();
  for (const [f, p] of s.faces) if (p) groups.set(p, [...(groups.get(p) ?? []), f]);
  return new Map([...groups].map(([p, fs]) => [fs.sort().join(','), p]));
}

/** Run the child re-cluster; kill it `killAfterMs` after it starts (never, if undefined). */
function recluster(dataDir: string, killAfterMs?: number): Promise<{ killed: boolean; ms: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const first = out === '';
      out += chunk.toString();
      if (first && out.startsWith('start') && killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true, ms: null });
      if (code !== 0) return reject(new Error(`re-cluster child exited ${code}: ${out}`));
      resolve({ killed: false, ms: Number(/done ([\d.]+)/.exec(out)?.[1]) });
    });
  });
}

before(async () => {
  const ids = identitiesWith(5, 6);
  for (const id of ids) copyInto(join(root, 'photos', id.name), id.files.slice(0, 5));
  const dataDir = join(pristine);
  const core = new KindredCore({ dataDir });
  const job = await core.invoke('import.start', { paths: [join(root, 'photos')] });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
  const { catalogue } = core;
  const [library] = catalogue.libraries.list();
  const real = catalogue.faces.embeddings(library!.id, 512);
  // More faces from the real ones: each a copy of its photo's file, its embedding with noise (cosine ≈ 0.9 to the original).
  const copies = join(root, 'copies');
  mkdirSync(copies);
  const folder = catalogue.folders.ensure(library!.id, copies);
  const normal = gaussian(rng(11));
  const addCopies = (from: number, to: number) =>
    catalogue.tx(() => {
      real.ids.forEach((_, i) => {
        const path = catalogue.assets.path(real.assetIds[i]!)!;
        for (let k = from; k < to; k++) {
        const file = join(copies, `${i}-${k}.jpg`);
        copyFileSync(path, file);
        const { size, mtimeMs } = statSync(file);
        catalogue.assets.upsertScanned(library!.id, folder.id, [{ path: file, relPath: `${i}-${k}.jpg`, size, mtimeMs: Math.floor(mtimeMs) }]);
        const assetId = catalogue.db.prepare('SELECT id FROM assets WHERE path = ?').pluck().get(file) as never;
        catalogue.assets.markDone(assetId, { contentHash: `${i}-${k}`, mime: 'image/jpeg', width: 250, height: 250, orientation: 1, takenAt: null }, 1);
        const v = Float32Array.from(real.vectors.subarray(i * 512, (i + 1) * 512), (x) => x + 0.015 * normal());
        catalogue.faces.insertMany([
          { id: newId('face'), assetId, libraryId: library!.id, box: imageBox({ x: 70, y: 70, w: 110, h: 110 }), source: 'automatic', confidence: 0.9, landmarks: null, timestampMs: null, detector: 'yunet_s_dynamic', embedding: normalizeInPlace(v), embedder: 'fr_feature' },
        ]);
        }
      });
    });
  // Half of them placed as an import places them; the other half not yet (an import whose people step never ran).
  addCopies(0, COPIES / 2);
  await core.people.exclusive(() => core.people.placeNewFaces(library!.id));
  addCopies(COPIES / 2, COPIES);
  // User decisions a re-cluster keeps: a name, and a face taken out of its person for good.
  const people = (await core.invoke('people.list', { limit: 100 })).items;
  assert.ok(people.length >= 6, `${people.length} people`);
  await core.invoke('people.update', { person_id: people[0]!.id, name: 'Named' });
  const someone = (await core.invoke('faces.list', { person_id: people[1]!.id, limit: 1 })).items[0]!;
  await core.invoke('faces.detach', { face_ids: [someone.id], reject: true });
  await core.close();
});

test('a re-cluster killed at random moments is all or nothing, and the ids it keeps are kept', async (t) => {
  const start = readState(pristine);
  assert.ok(start.faces.size > 2000, `${start.faces.size} faces`);
  const reference = join(root, 'reference');
  cpSync(pristine, reference, { recursive: true });
  const { ms } = await recluster(reference);
  const done = readState(reference);
  const donePeople = partition(done);
  assert.equal(done.emptyAuto, 0);
  assert.notDeepEqual([...partition(start).keys()].sort(), [...donePeople.keys()].sort(), 'the re-cluster changes something, so a half-done one would show');

  /** The state is exactly `start`, or `done` up to the ids of people the re-cluster made new. */
  const check = (s: State, what: string): 'before' | 'after' => {
    assert.equal(s.emptyAuto, 0, `${what}: automatic people left without faces`);
    if ([...s.faces].every(([f, p]) => start.faces.get(f) === p) && s.people.size === start.people.size) return 'before';
    const got = partition(s);
    assert.deepEqual([...got.keys()].sort(), [...donePeople.keys()].sort(), `${what}: neither before nor after`);
    for (const [faces, id] of got) {
      const expected = donePeople.get(faces)!;
      if (start.people.has(expected)) assert.equal(id, expected, `${what}: a person kept by the re-cluster lost its id`);
      else assert.ok(!start.people.has(id), `${what}: a new person took an old id`);
    }
    return 'after';
  };

  const seen = { before: 0, after: 0 };
  const rand = rng(Date.now() % 100_000);
  for (let trial = 0; trial < 8; trial++) {
    // Half spread over the whole run, half over its end, where the writing happens.
    const delay = (trial % 2 === 0 ? rand() * 1.1 : 0.75 + rand() * 0.3) * ms!;
    const dir = join(root, `trial-${trial}`);
    cpSync(pristine, dir, { recursive: true });
    const { killed } = await recluster(dir, delay);
    const what = `trial ${trial}, killed ${killed ? `${delay.toFixed(0)} ms in` : 'too late'} (a whole run takes ${ms!.toFixed(0)} ms)`;
    seen[check(readState(dir), what)]++;
    // Running it again finishes the job: the same people, under the same kept ids.
    await recluster(dir);
    assert.equal(check(readState(dir), `${what}, then run again`), 'after');
  }
  t.diagnostic(`${start.faces.size} faces, a re-cluster takes ${ms!.toFixed(0)} ms; killed runs left the catalogue as before ${seen.before}, as after ${seen.after} times`);
  assert.ok(seen.before > 0, `some kills land before the re-cluster commits (${JSON.stringify(seen)})`);
});
