import type { KnnGraph } from './knn.ts';
import { MaxHeap } from './max-heap.ts';

export interface LinkageInput {
  n: number;
  dim: number;
  /** Unit-length rows: the mean pairwise cosine of two clusters is then the dot of their sums over the product of sizes. */
  vectors: Float32Array;
  graph: KnnGraph;
  /** Merge while the average cosine similarity between two clusters is at least this. */
  threshold: number;
  /** Asset index of each face: two faces of one photo are never the same person unless the user said so. */
  assets: Int32Array;
  /** Person index of faces that already belong to someone (seeds), else -1. Seeds of different people never merge. */
  anchors: Int32Array;
  /** Person indices a face may never join ("not this person"). */
  forbidden?: ReadonlyMap<number, readonly number[]>;
}

export interface LinkageResult {
  /** Cluster representative of each face. */
  roots: Int32Array;
  /** Person index each cluster belongs to, by representative; -1 for new clusters. */
  anchorOf: (root: number) => number;
  sizeOf: (root: number) => number;
}

/**
 * Average-linkage agglomerative clustering on a k-nearest-neighbour graph, with constraints: clusters only
 * merge along graph edges, the average linkage is exact (not estimated from edges), and cannot-links
 * (different people, same photo, rejections) are never crossed. Stale heap entries are re-scored lazily
 * when they surface instead of eagerly rescoring every neighbour after each merge.
 */
export function averageLinkage(input: LinkageInput): LinkageResult {
  const { n, dim, vectors, graph, threshold, assets, anchors } = input;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  const version = new Int32Array(n);
  const anchor = Int32Array.from(anchors);
  const sums = new Map<number, Float32Array>();
  const assetSets = new Map<number, Set<number>>();
  const forbidden = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) parent[i] = i;
  for (const [face, people] of input.forbidden ?? []) forbidden.set(face, new Set(people));

  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[i] !== r) {
      const next = parent[i]!;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const sumOf = (r: number): Float32Array => sums.get(r) ?? vectors.subarray(r * dim, (r + 1) * dim);
  const assetsOf = (r: number): Set<number> | number => assetSets.get(r) ?? assets[r]!;
  const linkage = (a: number, b: number): number => {
    const sa = sumOf(a);
    const sb = sumOf(b);
    let s = 0;
    for (let k = 0; k < dim; k++) s += sa[k]! * sb[k]!;
    return s / (size[a]! * size[b]!);
  };
  const sharesPhoto = (a: number, b: number): boolean => {
    const sa = assetsOf(a);
    const sb = assetsOf(b);
    if (typeof sa === 'number' && typeof sb === 'number') return sa >= 0 && sa === sb;
    if (typeof sa === 'number') return sa >= 0 && (sb as Set<number>).has(sa);
    if (typeof sb === 'number') return sb >= 0 && sa.has(sb);
    const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
    for (const x of small) if (large.has(x)) return true;
    return false;
  };
  const compatible = (a: number, b: number): boolean => {
    const pa = anchor[a]!;
    const pb = anchor[b]!;
    if (pa >= 0 && pb >= 0 && pa !== pb) return false;
    if (pa >= 0 && forbidden.get(b)?.has(pa)) return false;
    if (pb >= 0 && forbidden.get(a)?.has(pb)) return false;
    return !sharesPhoto(a, b);
  };
  const union = (a: number, b: number): number => {
    const [keep, gone] = size[a]! >= size[b]! ? [a, b] : [b, a];
    const sum = sums.get(keep) ?? Float32Array.from(sumOf(keep));
    const other = sumOf(gone);
    for (let k = 0; k < dim; k++) sum[k]! += other[k]!;
    sums.set(keep, sum);
    sums.delete(gone);
    const set = assetSets.get(keep) ?? new Set<number>(assets[keep]! >= 0 ? [assets[keep]!] : []);
    const from = assetsOf(gone);
    if (typeof from === 'number') {
      if (from >= 0) set.add(from);
    } else for (const x of from) set.add(x);
    assetSets.set(keep, set);
    assetSets.delete(gone);
    const fk = forbidden.get(keep);
    const fg = forbidden.get(gone);
    if (fg) {
      if (fk) for (const p of fg) fk.add(p);
      else forbidden.set(keep, fg);
      forbidden.delete(gone);
    }
    if (anchor[keep]! < 0) anchor[keep] = anchor[gone]!;
    parent[gone] = keep;
    size[keep]! += size[gone]!;
    version[keep]!++;
    return keep;
  };

  // Faces that already belong to a person start out as that person's cluster.
  const seedRoot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = anchors[i]!;
    if (p < 0) continue;
    const r = seedRoot.get(p);
    seedRoot.set(p, r === undefined ? i : union(find(r), i));
  }

  const STAMP = 2 ** 26;
  const stamp = (a: number, b: number): number => version[a]! * STAMP + version[b]!;
  const heap = new MaxHeap(Math.max(16, graph.n * 2));
  for (let i = 0; i < n; i++) {
    for (let e = i * graph.k; e < (i + 1) * graph.k; e++) {
      const j = graph.indices[e]!;
      if (j < 0 || graph.sims[e]! < threshold) continue;
      if (j < i && hasEdge(graph, j, i)) continue; // an undirected edge is queued once
      const a = find(i);
      const b = find(j);
      if (a === b) continue;
      const l = a === i && b === j ? graph.sims[e]! : linkage(a, b);
      if (l >= threshold) heap.push(l, a, b, stamp(a, b));
    }
  }

  const top = { key: 0, a: 0, b: 0, stamp: 0 };
  while (heap.pop(top)) {
    if (top.key < threshold) break;
    const a = find(top.a);
    const b = find(top.b);
    if (a === b) continue;
    if (a !== top.a || b !== top.b || top.stamp !== stamp(a, b)) {
      const l = linkage(a, b);
      if (l >= threshold) heap.push(l, a, b, stamp(a, b));
      continue;
    }
    if (compatible(a, b)) union(a, b);
  }

  const roots = new Int32Array(n);
  for (let i = 0; i < n; i++) roots[i] = find(i);
  return { roots, anchorOf: (r) => anchor[r]!, sizeOf: (r) => size[r]! };
}

function hasEdge(g: KnnGraph, from: number, to: number): boolean {
  for (let e = from * g.k; e < (from + 1) * g.k; e++) {
    if (g.indices[e] === to) return true;
  }
  return false;
}
