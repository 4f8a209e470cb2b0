import type { EmbeddingSet } from '../catalogue/face.repository.ts';
import type { AssetId, FaceId } from '../../../shared/ids.ts';
import { createLinkage } from './average-linkage.ts';
import { mergeFragments } from './fragments.ts';
import { buildKnnGraph, EXACT_BELOW, NEEDLE_HNSW } from './knn-graph.ts';
import { scaledBar, type PeopleParams } from './params.ts';
import { estimateTail, REFERENCE_TAIL, type StrangerTail } from './stranger-tail.ts';
import { dotRowRow, matrixF32, type EmbeddingMatrix } from './vectors.ts';
import type { Linkage } from './average-linkage.ts';

/**
 * Groups among some rows of a pool that are dense enough to be new people (planned, nothing is written):
 * pool row indices per group, largest first. Only faces fit for recognition found people: low-quality
 * faces are left out here (they can still join a person by a strong match).
 */
export async function planGroups(
  pool: EmbeddingSet,
  rows: readonly number[],
  params: PeopleParams,
  librarySize: number,
  tail: StrangerTail,
  concurrent: ReadonlyMap<FaceId, ReadonlyArray<{ id: FaceId }>> = new Map(),
): Promise<number[][]> {
  const eligible = rows.filter((i) => pool.qualities[i] !== 'low');
  const n = eligible.length;
  if (n < params.minPersonFaces) return [];
  const dim = params.embeddingDim;
  const vectors = new Float32Array(n * dim);
  eligible.forEach((i, r) => vectors.set(pool.vectors.subarray(i * dim, (i + 1) * dim), r * dim));
  const assetIndex = new Map<AssetId, number>();
  // A video's faces are tracks: one person may have many in one video, just never two at once.
  const assets = Int32Array.from(eligible, (i) => {
    if (concurrent.has(pool.ids[i]!)) return -1;
    const a = pool.assetIds[i]!;
    let idx = assetIndex.get(a);
    if (idx === undefined) assetIndex.set(a, (idx = assetIndex.size));
    return idx;
  });
  const cluster = await clusterVectors(vectors, n, assets, params, { librarySize, tail, cannotLink: cannotLinks(eligible.map((i) => pool.ids[i]!), concurrent) });
  const groups = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const c = cluster[r]!;
    if (c < 0) continue;
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(eligible[r]!);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/**
 * The clustering itself, on packed unit vectors (float32, or an int8 matrix for millions of faces): average
 * linkage on the nearest-neighbour graph, never joining two faces of one photo (`assets[i]` is face i's
 * photo), then the founding rules: a group needs `minPersonFaces` faces, and a group of just two needs
 * them as similar as `pairSimilarity`; both bars raised for the library's size (by default n) and its
 * strangers' likeness (by default estimated from these vectors). Returns each face's cluster (a
 * representative face index), or -1 for faces left unassigned.
 */
export async function clusterVectors(vectors: Float32Array | EmbeddingMatrix, n: number, assets: Int32Array, params: PeopleParams, opts: { librarySize?: number; tail?: StrangerTail; cannotLink?: ReadonlyMap<number, number[]> } = {}): Promise<Int32Array> {
  const dim = params.embeddingDim;
  const matrix = vectors instanceof Float32Array ? matrixF32(vectors, n, dim) : vectors;
  const librarySize = opts.librarySize ?? n;
  const tail = opts.tail ?? estimateTail(matrix, n, dim) ?? REFERENCE_TAIL;
  const graph = await buildKnnGraph(matrix, params.neighbours);
  const linkage = createLinkage({ n, dim, vectors: matrix, threshold: scaledBar(params.linkThreshold, librarySize, params, 'founding', tail), assets, anchors: new Int32Array(n).fill(-1), ...(opts.cannotLink ? { cannotLink: opts.cannotLink } : {}) });
  linkage.mergeAlong(graph);
  await mergeFragments(linkage, dim);
  await linkAlone(linkage, matrix, params.neighbours);
  const result = linkage.result();
  const pairBar = scaledBar(params.pairSimilarity, librarySize, params, 'founding', tail);
  // The other face of each two-face cluster, to check the pair's own similarity.
  const partner = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = result.roots[i]!;
    if (r !== i && result.sizeOf(r) === 2) {
      partner[i] = r;
      partner[r] = i;
    }
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = result.roots[i]!;
    const size = result.sizeOf(r);
    const founded = size >= params.minPersonFaces && (size !== 2 || dotRowRow(matrix, i, partner[i]!) >= pairBar);
    out[i] = founded ? r : -1;
  }
  return out;
}

/**
 * Faces still alone after an approximate graph get a graph of their own. A person seen two or three times
 * has no neighbourhood to be routed to, only a needle among a million strangers that the graph's narrow
 * beam often misses; among the faces left alone (strangers, and such people) the haystack is several
 * times smaller and both of a pair's faces are in it, so this graph can afford the wide beam a needle
 * needs (NEEDLE_HNSW). The exact graph (below EXACT_BELOW faces) misses nothing, so it needs no second graph.
 */
async function linkAlone(linkage: Linkage, matrix: EmbeddingMatrix, k: number): Promise<void> {
  if (matrix.n < EXACT_BELOW) return;
  const alone = linkage.clusters(1, 1);
  if (alone.length < 2 || alone.length === matrix.n) return;
  const { dim } = matrix;
  const data = matrix.data instanceof Int8Array ? new Int8Array(alone.length * dim) : new Float32Array(alone.length * dim);
  alone.forEach((f, r) => data.set(matrix.data.subarray(f * dim, (f + 1) * dim), r * dim));
  const sub: EmbeddingMatrix = { n: alone.length, dim, data, ...(matrix.scale !== undefined ? { scale: matrix.scale } : {}) };
  linkage.mergeAlong(await buildKnnGraph(sub, k, { exactBelow: EXACT_BELOW, beam: NEEDLE_HNSW }), alone);
}

/** Row → rows of the faces it is on screen with, among these faces. */
function cannotLinks(ids: readonly FaceId[], concurrent: ReadonlyMap<FaceId, ReadonlyArray<{ id: FaceId }>>): Map<number, number[]> {
  const index = new Map(ids.map((id, i) => [id, i]));
  const out = new Map<number, number[]>();
  ids.forEach((id, i) => {
    const js = (concurrent.get(id) ?? []).map((o) => index.get(o.id)).filter((j): j is number => j !== undefined);
    if (js.length) out.set(i, js);
  });
  return out;
}
