// npm run eval:video
// Import the generated video set (four videos, four faces-dev identities, plus three stills of each)
// and score it against the ranges the videos were made with: per identity, the temporal IoU of the
// ranges the identity's person is on screen against the true ones, and the share of face tracks that
// ended up in the right person. Prints numbers, asserts nothing.
import { importIntoFreshCatalogue } from '../support/import-folder.ts';
import { evalSet } from '../support/video-set.ts';
import type { Segment } from '../../electron/core/video/tracks.ts';
import { mergeSegments } from '../../electron/core/video/tracks.ts';
import type { AssetId, PersonId } from '../../shared/ids.ts';

const t0 = performance.now();
const set = await evalSet();
process.stderr.write(`video set ready in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${set.videos.map((v) => v.file).join(', ')}\n`);
const { core, wallMs } = await importIntoFreshCatalogue([set.folder], { quiet: true });
const { catalogue } = core;

const assets = (await core.invoke('assets.list', { limit: 500 })).items;
const byName = new Map(assets.map((a) => [a.file_name, a]));

/** Who each face really is: the appearance its box sits in (videos), the folder (stills). */
interface Labelled { faceId: string; identity: string | null; personId: PersonId | null; assetId: AssetId; video: boolean }
const labelled: Labelled[] = [];
for (const v of set.videos) {
  const asset = byName.get(v.file);
  if (!asset) throw new Error(`${v.file} was not catalogued`);
  for (const f of catalogue.faces.byAsset(asset.id)) {
    const t = f.timestamp_ms! / 1000;
    const cx = f.bounding_box.x + f.bounding_box.w / 2;
    const cy = f.bounding_box.y + f.bounding_box.h / 2;
    const hit = v.spec.appearances.find((a) => {
      if (t < a.from - 0.2 || t > a.to + 0.2) return false;
      const x = a.x + (a.dx ?? 0) * (t - a.from);
      const y = a.y + (a.dy ?? 0) * (t - a.from);
      return cx >= x && cx <= x + a.size && cy >= y && cy <= y + a.size;
    });
    labelled.push({ faceId: f.id, identity: hit?.identity ?? null, personId: f.person_id, assetId: asset.id, video: true });
  }
}
for (const p of set.photos) {
  const asset = byName.get(p.file.slice(p.file.lastIndexOf('/') + 1));
  const faces = asset ? catalogue.faces.byAsset(asset.id).sort((x, y) => y.bounding_box.w - x.bounding_box.w) : [];
  if (faces[0]) labelled.push({ faceId: faces[0].id, identity: p.identity, personId: faces[0].person_id, assetId: asset!.id, video: false });
}

const mode = <T>(xs: T[]): T | null => {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
};
const identities = [...new Set(set.videos.flatMap((v) => v.spec.appearances.map((a) => a.identity)))];
const personOf = new Map(identities.map((id) => [id, mode(labelled.filter((l) => l.identity === id && l.personId).map((l) => l.personId!))]));
const identityOfPerson = new Map<PersonId, string | null>();
for (const p of new Set(labelled.map((l) => l.personId).filter((p): p is PersonId => p !== null))) {
  identityOfPerson.set(p, mode(labelled.filter((l) => l.personId === p && l.identity).map((l) => l.identity!)));
}

const length = (s: Segment[]) => s.reduce((n, g) => n + (g.endMs - g.startMs), 0);
function intersect(a: Segment[], b: Segment[]): number {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.endMs, y.endMs) - Math.max(x.startMs, y.startMs));
  return n;
}

console.log(`\nimport: ${assets.length} assets (${set.videos.length} videos, ${set.photos.length} stills) in ${(wallMs / 1000).toFixed(1)} s\n`);
console.log('identity                 video               true ranges            found ranges           IoU');
const perIdentity = new Map<string, { inter: number; union: number }>();
for (const v of set.videos) {
  const asset = byName.get(v.file)!;
  for (const id of new Set(v.spec.appearances.map((a) => a.identity))) {
    const truth = mergeSegments(v.spec.appearances.filter((a) => a.identity === id).map((a) => ({ startMs: a.from * 1000, endMs: a.to * 1000 })));
    const person = personOf.get(id);
    const found = person ? (catalogue.videos.personSegments(person).get(asset.id) ?? []) : [];
    const inter = intersect(truth, found);
    const union = length(truth) + length(found) - inter;
    const acc = perIdentity.get(id) ?? { inter: 0, union: 0 };
    acc.inter += inter;
    acc.union += union;
    perIdentity.set(id, acc);
    const fmt = (s: Segment[]) => s.map((g) => `${(g.startMs / 1000).toFixed(2)}–${(g.endMs / 1000).toFixed(2)}`).join(', ') || '-';
    console.log(`${id.padEnd(24)} ${v.file.padEnd(19)} ${fmt(truth).padEnd(22)} ${fmt(found).padEnd(22)} ${(union ? inter / union : 0).toFixed(3)}`);
  }
}
console.log('\nper identity (all its videos): temporal IoU of appearance ranges');
let worst = 1;
for (const [id, { inter, union }] of perIdentity) {
  const v = union ? inter / union : 0;
  worst = Math.min(worst, v);
  console.log(`  ${id.padEnd(24)} ${v.toFixed(3)}`);
}
const tracks = labelled.filter((l) => l.video);
const right = tracks.filter((l) => l.identity && l.personId && personOf.get(l.identity) === l.personId && identityOfPerson.get(l.personId) === l.identity);
const strays = tracks.filter((l) => !l.identity);
console.log(`\ntracks: ${tracks.length} (${strays.length} not on any appearance); in the right person: ${right.length}/${tracks.length} = ${((100 * right.length) / Math.max(1, tracks.length)).toFixed(1)}%`);
console.log(`minimum per-identity IoU: ${worst.toFixed(3)}`);
for (const l of tracks.filter((x) => !right.includes(x))) console.log(`  wrong: ${l.faceId} identity=${l.identity} person=${l.personId}`);
await core.close();
