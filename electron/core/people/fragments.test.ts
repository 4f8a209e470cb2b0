import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLinkage } from './average-linkage.ts';
import { mergeFragments } from './fragments.ts';
import { exactKnn } from './knn.ts';
import { gaussian, noisyCopy, randomUnit, rng } from './synthetic.ts';

const DIM = 64;

/** Identities of the given sizes (faces at cosine ≈ 0.6 to each other), then `loners` strangers. */
function faces(sizes: number[], loners: number, seed: number) {
  const normal = gaussian(rng(seed));
  const truth: number[] = [];
  const rows: Float32Array[] = [];
  sizes.forEach((size, id) => {
    const centre = randomUnit(DIM, normal);
    for (let i = 0; i < size; i++) {
      rows.push(noisyCopy(centre, 0.6, normal));
      truth.push(id);
    }
  });
  for (let i = 0; i < loners; i++) {
    rows.push(randomUnit(DIM, normal));
    truth.push(sizes.length + i);
  }
  // Interleave identities, as photos arrive.
  const order = rows.map((_, i) => i);
  const rand = rng(seed + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const vectors = new Float32Array(rows.length * DIM);
  order.forEach((r, i) => vectors.set(rows[r]!, i * DIM));
  return { vectors, truth: order.map((r) => truth[r]!), n: rows.length };
}

const ones = (truth: number[], id: number) => truth.flatMap((t, i) => (t === id ? [i] : []));
const clustersOf = (roots: Int32Array) => new Set(roots).size;

test('clusters that the face graph left apart are merged by their means, and strangers stay apart', async () => {
  const sizes = [300, 200, 120, 60, 30];
  const data = faces(sizes, 40, 3);
  const { n, vectors, truth } = data;
  const linkage = createLinkage({ n, dim: DIM, vectors, threshold: 0.4, assets: Int32Array.from({ length: n }, (_, i) => i), anchors: new Int32Array(n).fill(-1) });
  // One neighbour a face: far too few to hold a person of hundreds of faces together.
  linkage.mergeAlong(exactKnn(vectors, n, DIM, 1));
  const before = linkage.result().roots;
  assert.ok(clustersOf(before) > sizes.length + 40 + 5, `the sparse graph splits people (${clustersOf(before)} clusters)`);
  await mergeFragments(linkage, DIM);
  const { roots } = linkage.result();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) assert.equal(roots[i] === roots[j], truth[i] === truth[j], `faces ${i} (identity ${truth[i]}) and ${j} (identity ${truth[j]})`);
  }
});

test('the second look keeps the linkage rules: never two faces of one photo, never below the threshold', async () => {
  const data = faces([120, 120], 0, 5);
  const { n, vectors, truth } = data;
  // Identity 0 was photographed in pairs: each of its faces shares its photo with another of its faces.
  const assets = Int32Array.from({ length: n }, (_, i) => i);
  const zeros = ones(truth, 0);
  for (let p = 0; p + 1 < zeros.length; p += 2) assets[zeros[p + 1]!] = assets[zeros[p]!]!;
  const run = async (threshold: number) => {
    const linkage = createLinkage({ n, dim: DIM, vectors, threshold, assets, anchors: new Int32Array(n).fill(-1) });
    linkage.mergeAlong(exactKnn(vectors, n, DIM, 1));
    await mergeFragments(linkage, DIM);
    return linkage.result().roots;
  };
  const roots = await run(0.4);
  const photo = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${assets[i]}:${roots[i]}`;
    assert.ok(!photo.has(key), `faces ${photo.get(key)} and ${i} of one photo share a cluster`);
    photo.set(key, i);
  }
  assert.equal(new Set(ones(truth, 1).map((i) => roots[i])).size, 1, 'identity 1 is whole');
  // Faces of one identity sit at ≈ 0.6: with the bar above that, the second look merges nothing either.
  assert.equal(clustersOf(await run(0.9)), n);
});
