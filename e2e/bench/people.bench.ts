// npm run bench:people -- --faces 100000|1000000 — the people engine on synthetic embeddings with
// realistic structure (syntheticFaces in electron/core/people/synthetic.ts: Zipf-like identity sizes,
// same-identity cosine ≈ 0.65, 15% loners, photos of 1-4 faces), held as int8 rows. Prints generation
// and full-cluster time, incremental assignment latency, peak RSS and BCubed against the synthetic
// truth; asserts nothing.
import { parseArgs } from 'node:util';
import { selectExemplars } from '../../electron/core/people/exemplars.ts';
import { ExemplarIndex } from '../../electron/core/people/exemplar-index.ts';
import { clusterVectors } from '../../electron/core/people/group-faces.ts';
import { PEOPLE_PARAMS } from '../../electron/core/people/params.ts';
import { sameIdentityCosine, syntheticFaces } from '../../electron/core/people/synthetic.ts';
import { rowF32 } from '../../electron/core/people/vectors.ts';
import { bcubed } from '../eval/metrics.ts';

const { values } = parseArgs({ options: { faces: { type: 'string', default: '100000' }, queries: { type: 'string', default: '2000' } } });
const n = Number(values.faces);
const queries = Number(values.queries);
const params = PEOPLE_PARAMS;
const dim = params.embeddingDim;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

let t = performance.now();
const data = syntheticFaces(n, { dim, heldOut: queries });
const cos = sameIdentityCosine(data);
console.log(`generated ${n.toLocaleString()} faces (+${queries} held out) of ${data.identities.toLocaleString()} identities, ${data.loners.toLocaleString()} loners, largest ${data.largestIdentity} faces, int8 rows, in ${secs(performance.now() - t)}`);
console.log(`mean cosine: same identity ${cos.same.toFixed(3)}, different ${cos.different.toFixed(3)}`);

t = performance.now();
const clusters = await clusterVectors(data.matrix, n, data.assets, params);
const clusterMs = performance.now() - t;
const predicted = Array.from(clusters, (c, i) => (c < 0 ? `loner:${i}` : `c${c}`));
const b = bcubed(predicted, Array.from(data.truth.subarray(0, n), String));
console.log(`full cluster (kNN graph k=${params.neighbours} + average linkage, second looks by cluster means and among faces left alone): ${secs(clusterMs)}, ${new Set(clusters.filter((c) => c >= 0)).size.toLocaleString()} people, ${clusters.filter((c) => c < 0).length.toLocaleString()} unassigned`);
console.log(`BCubed vs synthetic truth: precision ${b.precision.toFixed(3)}, recall ${b.recall.toFixed(3)}, F ${b.f.toFixed(3)}`);
console.log(`peak RSS so far: ${rssMb()} MB`);

// Person models as the engine keeps them: up to 8 exemplars per person in the nearest-neighbour index.
t = performance.now();
const members = new Map<number, number[]>();
clusters.forEach((c, i) => {
  if (c < 0) return;
  const list = members.get(c);
  if (list) list.push(i);
  else members.set(c, [i]);
});
const index = new ExemplarIndex(dim);
let slot = 0;
for (const faces of members.values()) {
  const rows = new Float32Array(faces.length * dim);
  faces.forEach((f, k) => rowF32(data.matrix, f, rows.subarray(k * dim, (k + 1) * dim)));
  const pick = selectExemplars(rows, faces.length, dim, () => false, params.exemplars, params.exemplarOutlierShare);
  const ex = new Float32Array(pick.length * dim);
  pick.forEach((p, k) => ex.set(rows.subarray(p * dim, (p + 1) * dim), k * dim));
  index.upsert(slot++, ex);
}
console.log(`person models: ${slot.toLocaleString()} people, ${index.size.toLocaleString()} exemplars, built in ${secs(performance.now() - t)}`);

const q = new Float32Array(dim);
const lat: number[] = [];
for (let k = 0; k < queries; k++) {
  rowF32(data.all, n + k, q);
  const t0 = performance.now();
  index.nearestPeople(q, params.candidates);
  lat.push(performance.now() - t0);
}
lat.sort((x, y) => x - y);
const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(2);
console.log(`incremental assignment (nearest people for one new face, ${queries} held-out faces): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms`);
console.log(`peak RSS: ${rssMb()} MB`);
