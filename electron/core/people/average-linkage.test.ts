import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageLinkage } from './average-linkage.ts';
import { exactKnn } from './knn.ts';
import { gaussian, noisyCopy, randomUnit, rng } from './synthetic.ts';

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
