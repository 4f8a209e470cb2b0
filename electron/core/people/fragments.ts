import type { Linkage } from './average-linkage.ts';
import { nearestAmong } from './knn-graph.ts';

/** Clusters looked up per cluster in the second look. */
const CANDIDATES = 8;

/**
 * A second look after merging along the face graph: each face's few nearest neighbours seldom link every
 * part of a person seen thousands of times, nor reach a face whose look-alikes crowd its list, so a big
 * person can end up in several clusters. A cluster's mean face is far more typical of its person than any
 * one face, so every cluster (and every face still alone) looks up the clusters of two or more faces
 * with the nearest means, and those pairs are merged under the same average-linkage rules as graph
 * edges: the threshold, and never two faces of one photo.
 */
export async function mergeFragments(linkage: Linkage, dim: number): Promise<void> {
  const groups = linkage.clusters(2);
  if (groups.length === 0) return;
  const all = linkage.clusters(1);
  const meansOf = (roots: Int32Array) => ({
    n: roots.length,
    dim,
    rows(from: number, to: number, out: Float32Array) {
      for (let r = from; r < to; r++) linkage.meanInto(roots[r]!, out, (r - from) * dim);
    },
  });
  const nearest = await nearestAmong(meansOf(groups), meansOf(all), CANDIDATES);
  const from = new Int32Array(nearest.length);
  const to = new Int32Array(nearest.length);
  let pairs = 0;
  for (let q = 0; q < all.length; q++) {
    for (let e = q * CANDIDATES; e < (q + 1) * CANDIDATES; e++) {
      const g = nearest[e]!;
      if (g < 0 || groups[g] === all[q]) continue;
      from[pairs] = all[q]!;
      to[pairs++] = groups[g]!;
    }
  }
  linkage.mergePairs(from.subarray(0, pairs), to.subarray(0, pairs));
}
