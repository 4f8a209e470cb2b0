import type { Catalogue } from '../catalogue/catalogue.ts';
import type { AssetId, FaceId, LibraryId } from '../../../shared/ids.ts';
import { averageLinkage } from './average-linkage.ts';
import { buildKnnGraph } from './knn-graph.ts';
import type { PeopleParams } from './params.ts';
import { matrixF32, type EmbeddingMatrix } from './vectors.ts';

/**
 * Groups among the unplaced faces of a library that are dense enough to be a new person. Returned
 * largest first; nothing is written.
 */
export async function groupUnplaced(catalogue: Catalogue, libraryId: LibraryId, params: PeopleParams): Promise<FaceId[][]> {
  const set = catalogue.faces.embeddings(libraryId, params.embeddingDim, { unplaced: true });
  const n = set.ids.length;
  if (n < params.minPersonFaces) return [];
  const assetIndex = new Map<AssetId, number>();
  // A video's faces are tracks: one person may have many in one video, just never two at once.
  const concurrent = catalogue.videos.concurrentFaces(libraryId);
  const assets = Int32Array.from(set.assetIds, (a, i) => {
    if (concurrent.has(set.ids[i]!)) return -1;
    let idx = assetIndex.get(a);
    if (idx === undefined) assetIndex.set(a, (idx = assetIndex.size));
    return idx;
  });
  const cluster = await clusterVectors(set.vectors, n, assets, params, cannotLinks(set.ids, concurrent));
  const groups = new Map<number, FaceId[]>();
  for (let i = 0; i < n; i++) {
    const c = cluster[i]!;
    if (c < 0) continue;
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(set.ids[i]!);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/**
 * The clustering itself, on packed unit vectors (float32, or an int8 matrix for millions of faces): average linkage on the nearest-neighbour graph, never
 * joining two faces of one photo (`assets[i]` is face i's photo). Returns each face's cluster
 * (a representative face index), or -1 for faces in groups smaller than `minPersonFaces`.
 */
export async function clusterVectors(vectors: Float32Array | EmbeddingMatrix, n: number, assets: Int32Array, params: PeopleParams, cannotLink?: ReadonlyMap<number, number[]>): Promise<Int32Array> {
  const dim = params.embeddingDim;
  const matrix = vectors instanceof Float32Array ? matrixF32(vectors, n, dim) : vectors;
  const graph = await buildKnnGraph(matrix, params.neighbours);
  const result = averageLinkage({ n, dim, vectors: matrix, graph, threshold: params.linkThreshold, assets, anchors: new Int32Array(n).fill(-1), ...(cannotLink ? { cannotLink } : {}) });
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = result.roots[i]!;
    out[i] = result.sizeOf(r) >= params.minPersonFaces ? r : -1;
  }
  return out;
}

/** Face index → indices of the faces it is on screen with, among these faces. */
function cannotLinks(ids: readonly FaceId[], concurrent: ReadonlyMap<FaceId, ReadonlyArray<{ id: FaceId }>>): Map<number, number[]> {
  const index = new Map(ids.map((id, i) => [id, i]));
  const out = new Map<number, number[]>();
  for (const [id, others] of concurrent) {
    const i = index.get(id);
    if (i === undefined) continue;
    const js = others.map((o) => index.get(o.id)).filter((j): j is number => j !== undefined);
    if (js.length) out.set(i, js);
  }
  return out;
}
