import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageLinkage, createLinkage } from './average-linkage.ts';
import { quantizeMatrixInt8 } from './embedding-quant.ts';
import { buildKnnGraph } from './knn-graph.ts';
import { exactKnn, type KnnGraph } from './knn.ts';
import { gaussian, noisyCopy, randomUnit, rng } from './synthetic.ts';
import { matrixF32 } from './vectors.ts';

const DIM = 64;

function identities(counts: number[], sameCos = 0.65, seed = 1) {
  const normal = gaussian(rng(seed));
  const rows: Float32Array[] = [];
  const truth: number[] = [];
  counts.forEach((count, id) => {
    const centre = randomUnit(DIM, normal);
    for (let i = 0; i < count; i++) {
      rows.push(noisyCopy(centre, sameCos, normal));
      truth.push(id);
    }
  });
  const vectors = new Float32Array(rows.length * DIM);
  rows.forEach((r, i) => vectors.set(r, i * DIM));
  return { vectors, truth, n: rows.length };
}

function run(data: ReturnType<typeof identities>, opts: { assets?: Int32Array; anchors?: Int32Array; forbidden?: Map<number, number[]> } = {}) {
  const { n, vectors } = data;
  return averageLinkage({
    n,
    dim: DIM,
    vectors,
    graph: exactKnn(vectors, n, DIM, 10),
    threshold: 0.4,
    assets: opts.assets ?? Int32Array.from({ length: n }, (_, i) => i),
    anchors: opts.anchors ?? new Int32Array(n).fill(-1),
    ...(opts.forbidden ? { forbidden: opts.forbidden } : {}),
  });
}

test('separated identities come out as exactly their own clusters', () => {
  const data = identities([6, 5, 4, 1, 1]);
  const { roots } = run(data);
  for (let i = 0; i < data.n; i++) {
    for (let j = i + 1; j < data.n; j++) {
      assert.equal(roots[i] === roots[j], data.truth[i] === data.truth[j], `faces ${i} and ${j}`);
    }
  }
});

test('a graph over some of the faces merges those faces, named by their rows', () => {
  const data = identities([6, 5]);
  const rows = Int32Array.from(data.truth.flatMap((t, i) => (t === 0 ? [i] : [])));
  const sub = new Float32Array(rows.length * DIM);
  rows.forEach((f, r) => sub.set(data.vectors.subarray(f * DIM, (f + 1) * DIM), r * DIM));
  const linkage = createLinkage({ n: data.n, dim: DIM, vectors: data.vectors, threshold: 0.4, assets: Int32Array.from({ length: data.n }, (_, i) => i), anchors: new Int32Array(data.n).fill(-1) });
  linkage.mergeAlong(exactKnn(sub, rows.length, DIM, 4), rows);
  const { roots, sizeOf } = linkage.result();
  assert.equal(new Set(Array.from(rows, (f) => roots[f])).size, 1, 'the graph\'s faces are one cluster');
  assert.equal(sizeOf(roots[rows[0]!]!), rows.length);
  data.truth.forEach((t, i) => t === 1 && assert.equal(roots[i], i, `face ${i}, outside the graph, stays alone`));
  assert.deepEqual(Array.from(linkage.clusters(1, 1)), data.truth.flatMap((t, i) => (t === 1 ? [i] : [])));
});

test('two faces in one photo never end up as one person', () => {
  const data = identities([4]);
  const assets = Int32Array.from([0, 0, 1, 2]);
  const { roots } = run(data, { assets });
  assert.notEqual(roots[0], roots[1]);
  assert.equal(roots[2], roots[3]);
});

test('faces already in different people never merge, even when identical', () => {
  const data = identities([4]);
  const anchors = Int32Array.from([0, 0, 1, -1]);
  const r = run(data, { anchors });
  assert.equal(r.roots[0], r.roots[1]);
  assert.notEqual(r.roots[0], r.roots[2]);
  assert.ok([0, 1].includes(r.anchorOf(r.roots[3]!)), 'the free face joins one of them');
});

test('a face rejected from a person never joins that person, nor does its group', () => {
  const data = identities([5]);
  const anchors = Int32Array.from([0, 0, -1, -1, -1]);
  const forbidden = new Map([[2, [0]]]);
  const r = run(data, { anchors, forbidden });
  assert.notEqual(r.anchorOf(r.roots[2]!), 0);
  for (const i of [3, 4]) {
    if (r.roots[i] === r.roots[2]) assert.notEqual(r.anchorOf(r.roots[i]!), 0);
  }
});

// --- Scale-ready input: int8 matrices, and the same answers as the original implementation.

/** Faces of identities with photos of 1-3 faces, rows in random order. */
function library(counts: number[], dim: number, sameCos: number, seed: number) {
  const rand = rng(seed);
  const normal = gaussian(rand);
  const truth: number[] = [];
  counts.forEach((c, id) => {
    for (let i = 0; i < c; i++) truth.push(id);
  });
  for (let i = truth.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [truth[i], truth[j]] = [truth[j]!, truth[i]!];
  }
  const centres = counts.map(() => randomUnit(dim, normal));
  const n = truth.length;
  const vectors = new Float32Array(n * dim);
  truth.forEach((id, i) => vectors.set(noisyCopy(centres[id]!, sameCos, normal), i * dim));
  const assets = new Int32Array(n);
  for (let i = 0, photo = 0; i < n; photo++) {
    const first = i;
    assets[i++] = photo;
    const want = 1 + Math.floor(rand() * 3);
    while (i < n && i - first < want && !truth.slice(first, i).includes(truth[i]!)) assets[i++] = photo;
  }
  return { n, dim, vectors, truth, assets };
}

/** Partition equality: the same faces together, whatever the representatives. */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((map.get(a[i]!) ?? b[i]) !== b[i] || (back.get(b[i]!) ?? a[i]) !== a[i]) return false;
    map.set(a[i]!, b[i]!);
    back.set(b[i]!, a[i]!);
  }
  return true;
}

test('an int8 matrix gives the same clusters as float32 on well-separated identities', async () => {
  const dim = 128;
  const lib = library([120, 80, 60, 40, 25, 12, 8, 5, 3, 2, 2, 1, 1, 1], dim, 0.65, 5);
  const m8 = quantizeMatrixInt8(lib.vectors, lib.n, dim);
  const graph = exactKnn(lib.vectors, lib.n, dim, 16);
  const base = { n: lib.n, dim, graph, threshold: 0.4, assets: lib.assets, anchors: new Int32Array(lib.n).fill(-1) };
  const f32 = averageLinkage({ ...base, vectors: lib.vectors });
  const asMatrix = averageLinkage({ ...base, vectors: matrixF32(lib.vectors, lib.n, dim) });
  const int8 = averageLinkage({ ...base, vectors: m8, graph: await buildKnnGraph(m8, 16) });
  assert.deepEqual(asMatrix.roots, f32.roots, 'a float32 matrix is the float32 array');
  assert.ok(samePartition(int8.roots, f32.roots), 'int8 clusters are the float32 clusters');
  const truth = Int32Array.from(lib.truth);
  const photoOf = new Map<string, number>();
  for (let i = 0; i < lib.n; i++) {
    const key = `${lib.assets[i]}:${f32.roots[i]}`;
    assert.ok(!photoOf.has(key), `faces ${photoOf.get(key)} and ${i} of one photo share a cluster`);
    photoOf.set(key, i);
  }
  // Identities are well apart: every cluster is one identity, and identities of 3+ faces are found whole.
  for (let i = 0; i < lib.n; i++) {
    for (let j = i + 1; j < lib.n; j++) {
      if (f32.roots[i] === f32.roots[j]) assert.equal(truth[i], truth[j]);
      else if (truth[i] === truth[j] && [120, 80, 60, 40, 25].includes(lib.truth.filter((t) => t === truth[i]).length)) assert.fail(`faces ${i} and ${j} of one identity apart`);
    }
  }
});

test('the same clusters as the original implementation, constraints and all, on overlapping identities', () => {
  const dim = 48;
  for (const seed of [11, 12, 13]) {
    const lib = library([60, 50, 40, 30, 30, 20, 20, 10, 10, 5, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1], dim, 0.45, seed);
    const rand = rng(seed);
    const anchors = new Int32Array(lib.n).fill(-1);
    for (let i = 0; i < lib.n; i++) if (rand() < 0.05) anchors[i] = lib.truth[i]! % 4; // some faces already placed, a few wrongly
    const forbidden = new Map<number, number[]>();
    for (let i = 0; i < lib.n; i++) if (rand() < 0.05) forbidden.set(i, [Math.floor(rand() * 4)]);
    const input = { n: lib.n, dim, vectors: lib.vectors, graph: exactKnn(lib.vectors, lib.n, dim, 12), threshold: 0.3, assets: lib.assets, anchors, forbidden };
    const got = averageLinkage(input);
    const want = referenceLinkage(input);
    assert.ok(samePartition(got.roots, want.roots), `seed ${seed}: partitions differ`);
    for (let i = 0; i < lib.n; i++) {
      assert.equal(got.anchorOf(got.roots[i]!), want.anchorOf(want.roots[i]!));
      assert.equal(got.sizeOf(got.roots[i]!), want.sizeOf(want.roots[i]!));
    }
  }
});

/** The implementation before it was made to scale (Map of sums, Set of photos per cluster), kept as the oracle. */
function referenceLinkage(input: { n: number; dim: number; vectors: Float32Array; graph: KnnGraph; threshold: number; assets: Int32Array; anchors: Int32Array; forbidden: Map<number, number[]> }) {
  const { n, dim, vectors, graph, threshold, assets, anchors } = input;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const version = new Int32Array(n);
  const anchor = Int32Array.from(anchors);
  const sums = new Map<number, Float32Array>();
  const photos = new Map<number, Set<number>>();
  const forbidden = new Map<number, Set<number>>();
  for (const [face, people] of input.forbidden) forbidden.set(face, new Set(people));
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const sumOf = (r: number) => sums.get(r) ?? vectors.subarray(r * dim, (r + 1) * dim);
  const photosOf = (r: number) => photos.get(r) ?? new Set(assets[r]! >= 0 ? [assets[r]!] : []);
  const linkage = (a: number, b: number) => {
    const sa = sumOf(a), sb = sumOf(b);
    let s = 0;
    for (let k = 0; k < dim; k++) s += sa[k]! * sb[k]!;
    return s / (size[a]! * size[b]!);
  };
  const compatible = (a: number, b: number) => {
    const pa = anchor[a]!, pb = anchor[b]!;
    if (pa >= 0 && pb >= 0 && pa !== pb) return false;
    if (pa >= 0 && forbidden.get(b)?.has(pa)) return false;
    if (pb >= 0 && forbidden.get(a)?.has(pb)) return false;
    const pb2 = photosOf(b);
    for (const x of photosOf(a)) if (pb2.has(x)) return false;
    return true;
  };
  const union = (a: number, b: number) => {
    const [keep, gone] = size[a]! >= size[b]! ? [a, b] : [b, a];
    const sum = Float32Array.from(sumOf(keep));
    const other = sumOf(gone);
    for (let k = 0; k < dim; k++) sum[k]! += other[k]!;
    sums.set(keep, sum);
    photos.set(keep, new Set([...photosOf(keep), ...photosOf(gone)]));
    forbidden.set(keep, new Set([...(forbidden.get(keep) ?? []), ...(forbidden.get(gone) ?? [])]));
    if (anchor[keep]! < 0) anchor[keep] = anchor[gone]!;
    parent[gone] = keep;
    size[keep]! += size[gone]!;
    version[keep]!++;
    return keep;
  };
  const seedRoot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = anchors[i]!;
    if (p < 0) continue;
    const r = seedRoot.get(p);
    seedRoot.set(p, r === undefined ? i : union(find(r), i));
  }
  // A plain sorted queue is fine at this size: highest linkage last.
  const queue: Array<{ key: number; a: number; b: number; va: number; vb: number }> = [];
  const push = (key: number, a: number, b: number) => {
    const entry = { key: Math.fround(key), a, b, va: version[a]!, vb: version[b]! };
    let lo = 0, hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.key < entry.key) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, entry);
  };
  for (let i = 0; i < n; i++) {
    for (let e = i * graph.k; e < (i + 1) * graph.k; e++) {
      const j = graph.indices[e]!;
      if (j < 0 || graph.sims[e]! < threshold) continue;
      if (j < i && graph.indices.subarray(j * graph.k, (j + 1) * graph.k).includes(i)) continue;
      const a = find(i), b = find(j);
      if (a === b) continue;
      const l = a === i && b === j ? graph.sims[e]! : linkage(a, b);
      if (l >= threshold) push(l, a, b);
    }
  }
  for (let top = queue.pop(); top && top.key >= Math.fround(threshold); top = queue.pop()) {
    const a = find(top.a), b = find(top.b);
    if (a === b) continue;
    if (a !== top.a || b !== top.b || top.va !== version[a] || top.vb !== version[b]) {
      const l = linkage(a, b);
      if (l >= threshold) push(l, a, b);
      continue;
    }
    if (compatible(a, b)) union(a, b);
  }
  const roots = Int32Array.from({ length: n }, (_, i) => find(i));
  return { roots, anchorOf: (r: number) => anchor[r]!, sizeOf: (r: number) => size[r]! };
}
