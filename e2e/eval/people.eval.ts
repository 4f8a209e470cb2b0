// npm run eval:people [-- --set dev|scale|family] [--keep DIR]
// The people engine through the real pipeline and operations, scored against the folder labels.
//   dev:    ../shared/data/faces-dev (1,119 LFW photos).
//   scale:  faces-dev + faces-scale-dev in one catalogue (7,182 photos: every LFW photo of 2,889
//           identities, with the long tail of single-photo strangers), plus ten-fold verification on
//           faces-scale-dev pairs built like LFW's View 2 from the catalogue's embeddings.
//   family: faces-dev mixed with detect-dev's crowd photos (hundreds of small background faces).
// The photos are imported once, in four batches in folder order (the people engine runs after each, as it
// does after every import); with --keep DIR that catalogue is kept in DIR and reused by later runs. Then
// the stored faces are replayed into fresh catalogues in four batches in folder order and in a shuffled
// order (replay.ts: the same engine step, no second decode), then simulated user work (name 20 people,
// merge split identities, reject wrong faces, re-cluster) is checked for violated decisions.
// Prints BCubed and pairwise P/R/F; asserts nothing.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { KindredCore } from '../../electron/core/app.ts';
import { rng } from '../../electron/core/people/synthetic.ts';
import { dotRows } from '../../electron/core/people/vectors.ts';
import { DETECT_DEV } from '../../electron/core/testing/fixtures.ts';
import type { AssetId, FaceId, PersonId } from '../../shared/ids.ts';
import { centralFaces, predictedClusters, type LabelledFace } from './central-faces.ts';
import { facesDevLabels, facesScaleDevLabels } from './faces-dev.ts';
import { bcubed, pairwiseF } from './metrics.ts';
import { foldAccuracy, viewTwoFolds } from './pairs.ts';
import { assetsByPath, replayFaces } from './replay.ts';

const { values } = parseArgs({ options: { set: { type: 'string', default: 'dev' }, keep: { type: 'string' } } });
const set = values.set as 'dev' | 'scale' | 'family';
if (!['dev', 'scale', 'family'].includes(set)) throw new Error(`--set must be dev, scale or family, not ${set}`);
const BATCHES = 4;
const f3 = (x: number) => x.toFixed(3);
const CROWD = 'crowd';

/** The photos of the set, each under a folder named for its identity (crowd photos have none). */
function photos(): Array<{ file: string; person: string }> {
  const lfw = set === 'scale' ? [...facesDevLabels(), ...facesScaleDevLabels()] : facesDevLabels();
  if (set !== 'family') return lfw;
  const crowd = (JSON.parse(readFileSync(join(DETECT_DEV, 'annotations.json'), 'utf8')) as Array<{ file: string }>).map((a) => ({ file: join(DETECT_DEV, a.file), person: CROWD }));
  return [...lfw, ...crowd];
}

/** The imported catalogue: reused from --keep DIR when it is there and complete, else imported now. */
async function sourceCatalogue(all: Array<{ file: string; person: string }>): Promise<{ core: KindredCore; fresh: boolean }> {
  const root = values.keep ? join(values.keep, set) : mkdtempSync(join(tmpdir(), `kindred-people-${set}-`));
  const dataDir = join(root, 'data');
  if (existsSync(dataDir)) {
    const core = new KindredCore({ dataDir });
    const done = core.catalogue.db.prepare(`SELECT COUNT(*) FROM assets WHERE status != 'pending'`).pluck().get() as number;
    if (done === all.length) {
      console.log(`reusing the imported catalogue in ${dataDir} (${done} photos)`);
      return { core, fresh: false };
    }
    await core.close();
    throw new Error(`${dataDir} holds ${done} of ${all.length} photos: remove it to import again`);
  }
  const core = new KindredCore({ dataDir });
  const size = Math.ceil(all.length / BATCHES);
  const t0 = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const dir = join(root, 'photos', `batch-${b}`);
    for (const { file, person } of all.slice(b * size, (b + 1) * size)) {
      mkdirSync(join(dir, person), { recursive: true });
      copyFileSync(file, join(dir, person, basename(file)));
    }
    const job = await core.invoke('import.start', { paths: [dir] });
    const done = await core.invoke('jobs.wait', { job_id: job.id });
    if (done.state !== 'done') throw new Error(`batch ${b} ended ${done.state}`);
    console.error(`  imported batch ${b + 1}/${BATCHES}: ${done.progress.files_done} photos, ${done.progress.faces} faces, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  console.log(`imported ${all.length} photos in ${BATCHES} batches in ${((performance.now() - t0) / 1000).toFixed(0)} s${values.keep ? ` (kept in ${dataDir})` : ''}`);
  return { core, fresh: true };
}

interface Scored {
  faces: LabelledFace[];
  f: number;
}

async function score(core: KindredCore, what: string): Promise<Scored> {
  const { faces: all, missed } = await centralFaces(core, (p) => basename(dirname(p)));
  // Crowd photos have no labelled face: their faces are judged by the family report, not by BCubed.
  const faces = all.filter((f) => f.label !== CROWD);
  const truth = faces.map((f) => f.label);
  const predicted = predictedClusters(faces);
  const b = bcubed(predicted, truth);
  const pw = pairwiseF(predicted, truth);
  const people = new Set(faces.map((f) => f.personId).filter(Boolean)).size;
  console.log(`${what}: ${faces.length} faces (${missed.length} photos without one), ${people} people, ${predicted.filter((x) => x.startsWith('loner:')).length} unassigned | BCubed P ${f3(b.precision)} R ${f3(b.recall)} F ${f3(b.f)} | pairwise P ${f3(pw.precision)} R ${f3(pw.recall)} F ${f3(pw.f)}`);
  return { faces, f: b.f };
}

/** The long-tail view: people of 3+ photos against the truth, and single-photo strangers grouped with someone. */
function tail(faces: LabelledFace[]): void {
  const count = <K>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
  const truthSize = count(faces.map((f) => f.label));
  const predicted = predictedClusters(faces);
  const predSize = count(predicted);
  const singles = faces.filter((f) => truthSize.get(f.label) === 1);
  const grouped = singles.filter((f) => predSize.get(f.personId ?? `loner:${f.faceId}`)! > 1).length;
  console.log(`people with ≥ 3 photos: ${[...predSize.entries()].filter(([k, n]) => !k.startsWith('loner:') && n >= 3).length} found, ${[...truthSize.values()].filter((n) => n >= 3).length} in the truth; single-photo strangers grouped with someone: ${grouped} of ${singles.length} (${((100 * grouped) / Math.max(1, singles.length)).toFixed(1)}%)`);
}

/** Ten folds of View-2 pairs among the faces-scale-dev photos, scored on the catalogue's embeddings. */
function verification(faces: LabelledFace[], paths: Map<FaceId, string>): void {
  const scaleFiles = new Set(facesScaleDevLabels().map((r) => `${basename(dirname(r.file))}/${basename(r.file)}`));
  const mine = faces.filter((f) => scaleFiles.has(`${f.label}/${basename(paths.get(f.faceId)!)}`));
  const dim = mine[0]!.embedding.length;
  const m = new Float32Array(mine.length * dim);
  mine.forEach((f, i) => m.set(f.embedding, i * dim));
  const acc = foldAccuracy(viewTwoFolds(mine.map((f) => f.label)), (a, b) => dotRows(m, a, m, b, dim));
  console.log(`verification on faces-scale-dev (${mine.length} photos with a face, 10 folds × 300 + 300 pairs, threshold from the other 9): accuracy ${(100 * acc.mean).toFixed(2)}% ± ${(100 * acc.std).toFixed(2)}%`);
}

/** Who the People page shows by default, and whether anyone was founded on low-quality faces. */
async function familyReport(core: KindredCore): Promise<void> {
  const quality = core.catalogue.db
    .prepare(`SELECT COALESCE(quality, 'unknown') AS q, COUNT(*) AS n FROM faces GROUP BY q ORDER BY q`)
    .all() as Array<{ q: string; n: number }>;
  const people = (await core.invoke('people.list', { limit: 5000 })).items;
  const real = (await core.invoke('people.list', { limit: 5000, evidence: 'real' })).items;
  const lowFounded = core.catalogue.db
    .prepare(`SELECT COUNT(*) FROM people p WHERE p.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = p.id AND (f.quality IS NULL OR f.quality != 'low'))
      AND EXISTS (SELECT 1 FROM faces f WHERE f.person_id = p.id)`)
    .pluck()
    .get() as number;
  const crowdPeople = core.catalogue.db
    .prepare(`SELECT COUNT(DISTINCT f.person_id) FROM faces f JOIN assets a ON a.id = f.asset_id WHERE f.person_id IS NOT NULL AND a.path LIKE ?`)
    .pluck()
    .get(`%/${CROWD}/%`) as number;
  console.log(`faces by quality: ${quality.map((r) => `${r.q} ${r.n}`).join(', ')}`);
  console.log(`people founded from low-quality faces (every face of the person low): ${lowFounded}; people with a face in a crowd photo: ${crowdPeople}`);
  console.log(`People page: ${real.length} people shown by default (real evidence), ${people.length - real.length} more one click away, ${people.length} in all`);
}

const all = photos();
const t0 = performance.now();
const source = await sourceCatalogue(all);
if (source.fresh) {
  const imported = await score(source.core, `import, folder order, ${BATCHES} batches`);
  if (set === 'scale') tail(imported.faces);
}
const sourceFile = source.core.layout.catalogueFile;
const ordered = assetsByPath(source.core);
const pathOf = new Map<FaceId, string>(source.core.catalogue.db.prepare('SELECT f.id, a.path FROM faces f JOIN assets a ON a.id = f.asset_id').raw().all() as Array<[FaceId, string]>);
await source.core.close();

const folderRun = await replayFaces(sourceFile, ordered.map((a) => a.id), BATCHES, 'folder');
const folder = await score(folderRun.core, `folder order, ${BATCHES} batches (people step ${(folderRun.placeMs / 1000).toFixed(1)} s)`);
if (set !== 'dev') tail(folder.faces);
if (set === 'scale') verification(folder.faces, pathOf);
if (set === 'family') await familyReport(folderRun.core);

const rand = rng(7);
const shuffled = ordered.map((a) => ({ id: a.id, k: rand() })).sort((a, b) => a.k - b.k).map((s) => s.id as AssetId);
const shuffledRun = await replayFaces(sourceFile, shuffled, BATCHES, 'shuffled');
const shuffledScore = await score(shuffledRun.core, `shuffled order, ${BATCHES} batches (people step ${(shuffledRun.placeMs / 1000).toFixed(1)} s)`);
await shuffledRun.core.close();
console.log(`order sensitivity: |F folder - F shuffled| = ${f3(Math.abs(folder.f - shuffledScore.f))}`);

// Simulated user work on the folder-order catalogue.
const core = folderRun.core;
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
    const out = await core.invoke('people.merge', { target_person_id: target, source_person_ids: [p] });
    if (out.person.id !== target) throw new Error(`merge of ${p} into named ${target} kept ${out.person.id}`);
    merges.push({ target, source: p });
  }
}
// Reject faces that are in a person of another identity (up to 20), as a user scrolling a person page would.
const rejections: Array<{ face: FaceId; person: PersonId }> = [];
const allCentral = (await centralFaces(core, (p) => basename(dirname(p)))).faces.filter((f) => f.label !== CROWD);
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
for (const { target, source: s } of merges) {
  if ((await core.invoke('people.get', { person_id: s }).catch(() => null)) !== null) violation(`merge ${s} → ${target} came apart`);
}
console.log(`violated user decisions after re-cluster: ${why.length}${why.length ? ` (${why.slice(0, 5).join('; ')})` : ''}`);
await score(core, 'after user work and re-cluster');
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
await core.close();
