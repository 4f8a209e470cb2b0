// npm run bench:people -- --faces 100000|1000000 [--queries 2000] [--seed 1]
// The people engine at scale, on synthetic 512-d embeddings with the structure of a real library
// (synthetic.ts: Zipf identity sizes, loners, photos of 1-4 faces). Prints generation time, kNN-graph
// and full-cluster time, BCubed against the synthetic truth, incremental assignment latency, and peak
// RSS of the whole process. Targets (printed, never asserted): 100k faces cluster < 2 min, 1M < 30 min
// on a 2-core machine, incremental p95 < 5 ms, peak RSS < 2 GB at 1M.
import { parseArgs } from 'node:util';
import { averageLinkage } from '../../electron/core/people/average-linkage.ts';
import { ExemplarIndex } from '../../electron/core/people/exemplar-index.ts';
import { selectExemplars } from '../../electron/core/people/exemplars.ts';
import { buildKnnGraph } from '../../electron/core/people/knn-graph.ts';
import { PEOPLE_PARAMS, type PeopleParams } from '../../electron/core/people/params.ts';
import { sameIdentityCosine, syntheticFaces } from '../../electron/core/people/synthetic.ts';
import { rowF32, type EmbeddingMatrix } from '../../electron/core/people/vectors.ts';
import { bcubed } from '../eval/metrics.ts';

const { values } = parseArgs({ options: { faces: { type: 'string', default: '100000' }, queries: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } } });
const n = Number(values.faces);
const queries = Number(values.queries);
const params = PEOPLE_PARAMS;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const phase = (what: string) => console.log(`  [${what}: rss ${mb(process.memoryUsage().rss)}, peak ${mb(peakRss())}]`);

interface Timings {
  graphMs: number;
  linkageMs: number;
  linkage?: string;
}

/**
 * The full clustering, as one call: the nearest-neighbour graph, then constrained average linkage.
 * Returns each face's person (a representative face) or -1 for faces left unassigned.
 */
async function clusterFaces(m: EmbeddingMatrix, assets: Int32Array, p: PeopleParams, t: Timings): Promise<Int32Array> {
  let t0 = performance.now();
  const graph = await buildKnnGraph(m, p.neighbours);
  t.graphMs = performance.now() - t0;
  phase('kNN graph built');
  t0 = performance.now();
  const r = averageLinkage({ n: m.n, dim: m.dim, vectors: m, graph, threshold: p.linkThreshold, assets, anchors: new Int32Array(m.n).fill(-1) });
  t.linkageMs = performance.now() - t0;
  const st = r.stats;
  if (st) t.linkage = `${st.edges} candidate edges, ${st.pops} heap pops, ${st.rescored} re-scored, ${st.merges} merges, at most ${st.peakSums} cluster sums (${mb(st.peakSums * m.dim * 4)})`;
  const out = new Int32Array(m.n);
  for (let i = 0; i < m.n; i++) out[i] = r.sizeOf(r.roots[i]!) >= p.minPersonFaces ? r.roots[i]! : -1;
  return out;
}

console.log(`people bench: ${n} faces + ${queries} held out, k=${params.neighbours}, link threshold ${params.linkThreshold}, node ${process.version}`);
let t0 = performance.now();
const data = syntheticFaces(n, { heldOut: queries, seed: Number(values.seed) });
const cos = sameIdentityCosine(data);
console.log(`generated in ${s(performance.now() - t0)}: ${data.identities} identities (largest ${data.largestIdentity} faces) + ${data.loners} loners, int8 ${mb(data.all.data.byteLength)}`);
console.log(`mean cosine: same identity ${cos.same.toFixed(3)}, different identities ${cos.different.toFixed(3)}`);
phase('generated');

const timings: Timings = { graphMs: 0, linkageMs: 0 };
t0 = performance.now();
const person = await clusterFaces(data.matrix, data.assets.subarray(0, n), params, timings);
const clusterMs = performance.now() - t0;
phase('clustered');

// Members of each found person, CSR by representative.
const start = new Int32Array(n + 1);
for (let i = 0; i < n; i++) if (person[i]! >= 0) start[person[i]! + 1]!++;
for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
const members = new Int32Array(start[n]!);
{
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) if (person[i]! >= 0) members[fill[person[i]!]!++] = i;
}
const reps: number[] = [];
for (let r = 0; r < n; r++) if (start[r + 1]! > start[r]!) reps.push(r);
const unassigned = n - members.length;

const truth = data.truth.subarray(0, n);
const predicted = Array.from(person, (c, i) => (c < 0 ? `u${i}` : `p${c}`));
const b = bcubed(predicted, Array.from(truth, String));
console.log(`kNN graph: ${s(timings.graphMs)}; average linkage: ${s(timings.linkageMs)}; full cluster: ${s(clusterMs)} (target ${n >= 1e6 ? '< 30 min at 1M' : '< 2 min at 100k'})`);
if (timings.linkage) console.log(`  linkage: ${timings.linkage}`);
console.log(`found ${reps.length} people, ${unassigned} faces unassigned (truth: ${data.identities} identities, ${data.loners} loners)`);
console.log(`BCubed vs synthetic truth: precision ${b.precision.toFixed(4)}, recall ${b.recall.toFixed(4)}, F ${b.f.toFixed(4)}`);

// Person models: up to `exemplars` per found person by farthest-point sampling, in the index incremental assignment searches.
t0 = performance.now();
const index = new ExemplarIndex(data.all.dim);
const majority = new Map<number, { person: number; faces: number }>(); // identity → its largest found person
{
  const dim = data.all.dim;
  let buf = new Float32Array(0);
  for (const r of reps) {
    const size = start[r + 1]! - start[r]!;
    if (buf.length < size * dim) buf = new Float32Array(size * dim);
    const votes = new Map<number, number>();
    for (let k = 0; k < size; k++) {
      const f = members[start[r]! + k]!;
      rowF32(data.all, f, buf.subarray(k * dim, (k + 1) * dim));
      votes.set(truth[f]!, (votes.get(truth[f]!) ?? 0) + 1);
    }
    for (const [id, v] of votes) if (v > (majority.get(id)?.faces ?? 0)) majority.set(id, { person: r, faces: v });
    const pick = selectExemplars(buf, size, dim, () => false, params.exemplars, params.exemplarOutlierShare);
    const ex = new Float32Array(pick.length * dim);
    pick.forEach((p, k) => ex.set(buf.subarray(p * dim, (p + 1) * dim), k * dim));
    index.upsert(r, ex);
  }
}
const q = new Float32Array(data.all.dim);
index.nearestPeople(rowF32(data.all, n, q), 5); // the first query after bulk upserts feeds them to the HNSW index
console.log(`person models: ${reps.length} people, ${index.size} exemplars, built in ${s(performance.now() - t0)}`);
phase('exemplar index built');

const lat = new Float64Array(queries);
let right = 0, known = 0, strangersLeft = 0, strangers = 0;
for (let k = 0; k < queries; k++) {
  rowF32(data.all, n + k, q);
  const t1 = performance.now();
  const near = index.nearestPeople(q, 5);
  lat[k] = performance.now() - t1;
  const top = near[0];
  const accepted = top !== undefined && top.sim >= params.assignSimilarity && (near[1] === undefined || top.sim - near[1].sim >= params.assignMargin);
  const home = majority.get(data.truth[n + k]!);
  if (home) {
    known++;
    if (accepted && top.person === home.person) right++;
  } else {
    strangers++;
    if (!accepted) strangersLeft++;
  }
}
lat.sort();
const pct = (p: number) => lat[Math.min(queries - 1, Math.floor(p * queries))]!.toFixed(3);
console.log(`incremental assignment, nearestPeople(q, 5) on ${queries} held-out faces: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${lat[queries - 1]!.toFixed(3)} ms (target p95 < 5 ms)`);
console.log(`  with assignSimilarity ${params.assignSimilarity} and margin ${params.assignMargin}: ${right}/${known} faces of known people go to their person, ${strangersLeft}/${strangers} faces of people not found stay unassigned`);
console.log(`peak RSS: ${mb(peakRss())} (target < 2 GB at 1M)`);
