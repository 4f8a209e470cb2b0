// npm run eval:people — the people engine on ../shared/data/faces-dev, through the real pipeline and
// operations: imports in four batches in folder order and in a shuffled order (incremental assignment +
// grouping after each), then simulated user work (name 20 people from their first face, reject up to 20
// wrong faces, merge split identities, re-cluster) and a check that no user decision was violated.
// Prints BCubed and pairwise P/R/F against the folder labels; asserts nothing.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { KindredCore } from '../../electron/core/app.ts';
import { rng } from '../../electron/core/people/synthetic.ts';
import type { FaceId, PersonId } from '../../shared/ids.ts';
import { centralFaces, predictedClusters, type LabelledFace } from './central-faces.ts';
import { facesDevLabels } from './faces-dev.ts';
import { bcubed, pairwiseF } from './metrics.ts';

const BATCHES = 4;
const f3 = (x: number) => x.toFixed(3);

async function importInBatches(order: Array<{ file: string; person: string }>, tag: string): Promise<KindredCore> {
  const root = mkdtempSync(join(tmpdir(), `kindred-people-${tag}-`));
  const core = new KindredCore({ dataDir: join(root, 'data') });
  const size = Math.ceil(order.length / BATCHES);
  for (let b = 0; b < BATCHES; b++) {
    const dir = join(root, `batch-${b}`);
    for (const { file, person } of order.slice(b * size, (b + 1) * size)) {
      mkdirSync(join(dir, person), { recursive: true });
      copyFileSync(file, join(dir, person, basename(file)));
    }
    const job = await core.invoke('import.start', { paths: [dir] });
    const done = await core.invoke('jobs.wait', { job_id: job.id });
    if (done.state !== 'done') throw new Error(`batch ${b} ended ${done.state}`);
  }
  return core;
}

async function score(core: KindredCore, what: string): Promise<{ faces: LabelledFace[]; f: number }> {
  const { faces } = await centralFaces(core, (p) => basename(dirname(p)));
  const truth = faces.map((f) => f.label);
  const predicted = predictedClusters(faces);
  const b = bcubed(predicted, truth);
  const pw = pairwiseF(predicted, truth);
  const people = new Set(faces.map((f) => f.personId).filter(Boolean)).size;
  console.log(`${what}: ${faces.length} faces, ${people} people, ${predicted.filter((x) => x.startsWith('loner:')).length} unassigned | BCubed P ${f3(b.precision)} R ${f3(b.recall)} F ${f3(b.f)} | pairwise P ${f3(pw.precision)} R ${f3(pw.recall)} F ${f3(pw.f)}`);
  return { faces, f: b.f };
}

const labelled = facesDevLabels();
const t0 = performance.now();
const folderCore = await importInBatches(labelled, 'folder');
const folder = await score(folderCore, `folder order, ${BATCHES} batches`);
const rand = rng(7);
const shuffled = labelled.map((x) => ({ x, k: rand() })).sort((a, b) => a.k - b.k).map((s) => s.x);
const shuffledCore = await importInBatches(shuffled, 'shuffled');
const shuffledScore = await score(shuffledCore, `shuffled order, ${BATCHES} batches`);
await shuffledCore.close();
console.log(`order sensitivity: |F folder - F shuffled| = ${f3(Math.abs(folder.f - shuffledScore.f))}`);

// Simulated user work on the folder-order catalogue.
const core = folderCore;
const faces = folder.faces;
const byLabel = new Map<string, LabelledFace[]>();
for (const f of faces) byLabel.set(f.label, [...(byLabel.get(f.label) ?? []), f]);
const biggest = [...byLabel.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, 20);
const named = new Map<PersonId, string>();
const pinned = new Map<FaceId, PersonId>();
for (const [label, members] of biggest) {
  const first = members[0]!;
  const current = (await core.invoke('faces.get', { face_id: first.faceId, include_cluster_assignment: false })).person_id;
  let person: PersonId;
  if (current && !named.has(current)) person = (await core.invoke('people.update', { person_id: current, name: label })).id;
  else person = (await core.invoke('people.create', { name: label, face_ids: [first.faceId] })).id;
  if (current === null || named.has(current)) pinned.set(first.faceId, person);
  named.set(person, label);
}
// Merge identities the engine split in two (must-links).
const merges: Array<{ target: PersonId; source: PersonId }> = [];
for (const [label, members] of biggest) {
  const people = [...new Set(await Promise.all(members.map(async (m) => (await core.invoke('faces.get', { face_id: m.faceId, include_cluster_assignment: false })).person_id)))].filter((p): p is PersonId => !!p);
  const target = [...named.entries()].find(([, n]) => n === label)?.[0];
  for (const p of people) {
    if (!target || p === target || named.has(p)) continue;
    await core.invoke('people.merge', { target_person_id: target, source_person_ids: [p] });
    merges.push({ target, source: p });
  }
}
// Reject faces that are in a person of another identity (up to 20), as a user scrolling a person page would.
const rejections: Array<{ face: FaceId; person: PersonId }> = [];
const allCentral = (await centralFaces(core, (p) => basename(dirname(p)))).faces;
const majority = new Map<PersonId, string>();
{
  const counts = new Map<PersonId, Map<string, number>>();
  for (const f of allCentral) if (f.personId) counts.set(f.personId, (counts.get(f.personId) ?? new Map()).set(f.label, (counts.get(f.personId)?.get(f.label) ?? 0) + 1));
  for (const [p, c] of counts) majority.set(p, named.get(p) ?? [...c.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
}
for (const f of allCentral) {
  if (rejections.length >= 20) break;
  if (f.personId && majority.get(f.personId) !== f.label && !pinned.has(f.faceId)) {
    await core.invoke('faces.detach', { face_ids: [f.faceId], reject: true });
    rejections.push({ face: f.faceId, person: f.personId });
  }
}
const outcome = await core.invoke('people.recluster', {});
console.log(`user work: named ${named.size} people, pinned ${pinned.size} faces, merged ${merges.length} split identities, rejected ${rejections.length} wrong faces; re-cluster ${JSON.stringify(outcome)}`);

const why: string[] = [];
const violation = (msg: string) => why.push(msg);
for (const [person, name] of named) {
  const p = await core.invoke('people.get', { person_id: person }).catch(() => null);
  if (p?.name !== name) violation(`${name} lost its name`);
}
for (const [face, person] of pinned) {
  if ((await core.invoke('faces.get', { face_id: face, include_cluster_assignment: false })).person_id !== person) violation(`pinned ${face} moved`);
}
for (const { face, person } of rejections) {
  if ((await core.invoke('faces.get', { face_id: face, include_cluster_assignment: false })).person_id === person) violation(`rejected ${face} is back in ${person}`);
}
for (const row of core.catalogue.db.prepare('SELECT r.face_id, r.person_id FROM face_rejections r JOIN faces f ON f.id = r.face_id AND f.person_id = r.person_id').all()) {
  violation(`rejection violated: ${JSON.stringify(row)}`);
}
for (const { target, source } of merges) {
  if ((await core.invoke('people.get', { person_id: source }).catch(() => null)) !== null) violation(`merge ${source} → ${target} came apart`);
}
console.log(`violated user decisions after re-cluster: ${why.length}${why.length ? ` (${why.slice(0, 5).join('; ')})` : ''}`);
await score(core, 'after user work and re-cluster');
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
await core.close();
