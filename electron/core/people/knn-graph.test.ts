import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantizeMatrixInt8 } from './embedding-quant.ts';
import { buildKnnGraph, NEEDLE_HNSW } from './knn-graph.ts';
import { exactKnn, type KnnGraph } from './knn.ts';
import { gaussian, noisyCopy, randomUnit, rng } from './synthetic.ts';
import { dotRowRow, matrixF32 } from './vectors.ts';

/** n unit vectors in clusters of `per`, two faces of one cluster at cosine ≈ 0.6. */
function clustered(n: number, dim: number, per: number, seed: number): Float32Array {
  const normal = gaussian(rng(seed));
  const centres = Array.from({ length: Math.ceil(n / per) }, () => randomUnit(dim, normal));
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) out.set(noisyCopy(centres[i % centres.length]!, 0.6, normal), i * dim);
  return out;
}

function recall(got: KnnGraph, truth: KnnGraph): number {
  let hit = 0;
  for (let i = 0; i < truth.n; i++) {
    const want = new Set(truth.indices.subarray(i * truth.k, (i + 1) * truth.k));
    for (const j of got.indices.subarray(i * got.k, (i + 1) * got.k)) if (want.has(j)) hit++;
  }
  return hit / (truth.n * truth.k);
}

function assertWellFormed(g: KnnGraph, m: ReturnType<typeof matrixF32>): void {
  for (let i = 0; i < g.n; i++) {
    const row = g.indices.subarray(i * g.k, (i + 1) * g.k);
    assert.ok(!row.includes(i), `face ${i} is not its own neighbour`);
    assert.equal(new Set(row).size, g.k, `face ${i} lists a neighbour twice`);
    for (let e = i * g.k; e < (i + 1) * g.k; e++) {
      assert.ok(Math.abs(g.sims[e]! - dotRowRow(m, i, g.indices[e]!)) < 1e-5, 'sims are the cosine of the rows');
      if (e > i * g.k) assert.ok(g.sims[e - 1]! >= g.sims[e]!, 'most similar first');
    }
  }
}

test('the exact graph is the brute-force graph', async () => {
  const n = 1500, dim = 64, k = 10;
  const m = matrixF32(clustered(n, dim, 12, 1), n, dim);
  const truth = exactKnn(m.data as Float32Array, n, dim, k);
  const g = await buildKnnGraph(m, k);
  assert.equal(g.k, k);
  assertWellFormed(g, m);
  assert.equal(recall(g, truth), 1);
  for (let e = 0; e < n * k; e++) assert.ok(Math.abs(g.sims[e]! - truth.sims[e]!) < 1e-5);
});

// 64 dimensions are indexed as int8 by cosine, 512 (the embedder's) by their sign bits: both are re-scored.
// Sign bits rank a face's nineteen look-alikes (all at ≈ 0.6) less finely, so a few of its exact top 16
// give way to others of the nineteen: the graph still holds only look-alikes, which is what linkage needs.
for (const [dim, least] of [[64, 0.95], [512, 0.9]] as const) {
  test(`the HNSW graph finds at least ${least * 100}% of the true neighbours, never the face itself (${dim} dimensions)`, async () => {
    const n = 4000, k = 16, per = 20;
    const m = matrixF32(clustered(n, dim, per, 2), n, dim);
    const truth = exactKnn(m.data as Float32Array, n, dim, k);
    const g = await buildKnnGraph(m, k, { exactBelow: 100 });
    assertWellFormed(g, m);
    const r = recall(g, truth);
    assert.ok(r >= least, `recall@${k} ${r.toFixed(4)}`);
    const centres = n / per;
    let strangers = 0;
    for (let e = 0; e < n * k; e++) if (g.indices[e]! % centres !== Math.floor(e / k) % centres) strangers++;
    assert.ok(strangers <= 0.01 * n * k, `${strangers} neighbours are strangers`);
  });
}

test('an int8 matrix gives nearly the graph of its float32 original, by both paths', async () => {
  const n = 3000, dim = 64, k = 10;
  const f32 = clustered(n, dim, 15, 3);
  const truth = exactKnn(f32, n, dim, k);
  const m8 = quantizeMatrixInt8(f32, n, dim);
  const exact8 = await buildKnnGraph(m8, k);
  const ann8 = await buildKnnGraph(m8, k, { exactBelow: 100 });
  assert.ok(recall(exact8, truth) >= 0.99, `exact int8 recall ${recall(exact8, truth)}`);
  assert.ok(recall(ann8, truth) >= 0.95, `HNSW int8 recall ${recall(ann8, truth)}`);
  for (let e = 0; e < n * k; e++) {
    const i = Math.floor(e / k);
    const j = exact8.indices[e]!;
    assert.ok(Math.abs(exact8.sims[e]! - dotRowRow(m8, i, j)) < 1e-6);
  }
});

test('tiny inputs: no neighbours for one face, k capped at n-1', async () => {
  assert.equal((await buildKnnGraph(matrixF32(new Float32Array(8), 1, 8), 5)).n, 1);
  const m = matrixF32(clustered(3, 8, 3, 4), 3, 8);
  const g = await buildKnnGraph(m, 16);
  assert.equal(g.k, 2);
  assertWellFormed(g, m);
});

// Faces of people seen twice among many strangers seen once: no neighbourhood leads to the partner.
test('the needle beam finds the other face of people seen twice among strangers', async () => {
  const dim = 512, pairs = 1000, strangers = 6000;
  const normal = gaussian(rng(5));
  const n = 2 * pairs + strangers;
  const data = new Float32Array(n * dim);
  for (let p = 0; p < pairs; p++) {
    const centre = randomUnit(dim, normal);
    data.set(noisyCopy(centre, 0.5, normal), 2 * p * dim);
    data.set(noisyCopy(centre, 0.5, normal), (2 * p + 1) * dim);
  }
  for (let i = 2 * pairs; i < n; i++) data.set(randomUnit(dim, normal), i * dim);
  const m = matrixF32(data, n, dim);
  const found = (g: KnnGraph): number => {
    let hit = 0;
    for (let i = 0; i < 2 * pairs; i++) if (g.indices.subarray(i * g.k, (i + 1) * g.k).includes(i ^ 1)) hit++;
    return hit / (2 * pairs);
  };
  const narrow = found(await buildKnnGraph(m, 16, { exactBelow: 100, threads: 1 }));
  const wide = found(await buildKnnGraph(m, 16, { exactBelow: 100, threads: 1, beam: NEEDLE_HNSW }));
  assert.ok(wide >= 0.99, `needle beam found ${wide.toFixed(3)} of partners (narrow beam ${narrow.toFixed(3)})`);
});
