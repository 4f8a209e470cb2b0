import type { KnnGraph } from './knn.ts';
import { MaxHeap } from './max-heap.ts';
import { dotF32F32, dotI8F32, dotI8I8, matrixF32, scaleOf, type EmbeddingMatrix } from './vectors.ts';

export interface LinkageInput {
  n: number;
  dim: number;
  /**
   * Unit-length rows: the mean pairwise cosine of two clusters is then the dot of their sums over the
   * product of sizes. Packed float32, or an EmbeddingMatrix (float32 or int8 with one scale: sums of
   * int8 rows are exact, and a million faces take 512 MB instead of 2 GB).
   */
  vectors: Float32Array | EmbeddingMatrix;
  graph: KnnGraph;
  /** Merge while the average cosine similarity between two clusters is at least this. */
  threshold: number;
  /** Asset index of each face (< 0: none): two faces of one photo are never the same person unless the user said so. */
  assets: Int32Array;
  /** Person index of faces that already belong to someone (seeds), else -1. Seeds of different people never merge. */
  anchors: Int32Array;
  /** Person indices a face may never join ("not this person"). */
  forbidden?: ReadonlyMap<number, readonly number[]>;
  /** Faces a face may never share a cluster with, beyond its photo (both directions listed): tracks of one video on screen together. */
  cannotLink?: ReadonlyMap<number, readonly number[]>;
}

export interface LinkageResult {
  /** Cluster representative of each face. */
  roots: Int32Array;
  /** Person index each cluster belongs to, by representative; -1 for new clusters. */
  anchorOf: (root: number) => number;
  sizeOf: (root: number) => number;
  /** What the run cost: candidate edges queued, heap pops, stale entries re-scored, merges, most cluster sums alive at once. */
  stats?: { edges: number; pops: number; rescored: number; merges: number; peakSums: number };
}

/** Sum vectors live in pooled float32 chunks of this many slots, recycled through a free list. */
const CHUNK = 1024;

/**
 * Average-linkage agglomerative clustering on a k-nearest-neighbour graph, with constraints: clusters only
 * merge along graph edges, the average linkage is exact (not estimated from edges), and cannot-links
 * (different people, same photo, rejections) are never crossed. Stale heap entries are re-scored lazily
 * when they surface instead of eagerly rescoring every neighbour after each merge.
 *
 * Memory at n faces and k neighbours: a sum vector only for clusters of two or more (pooled slots,
 * recycled when a cluster is absorbed), a 16-byte heap entry per graph edge above the threshold, and
 * ten int32 arrays of n. Same-photo checks walk the member list of the smaller cluster, and only its
 * faces that share a photo with another face at all: no per-cluster sets.
 */
export function averageLinkage(input: LinkageInput): LinkageResult {
  const linkage = createLinkage(input);
  linkage.mergeAlong(input.graph);
  return linkage.result();
}

/**
 * The same clustering, step by step: merge along a graph, look at the clusters it left, merge along more
 * candidate pairs (e.g. between clusters whose faces the graph never linked), then read the result.
 */
export interface Linkage {
  /** Merge along a graph's edges; a graph over some of the faces names them in `rows` (graph row r is face rows[r]). */
  mergeAlong(graph: KnnGraph, rows?: Int32Array): void;
  /** Candidate merges between the clusters of faces from[p] and to[p], taken under the same rules as graph edges. */
  mergePairs(from: Int32Array, to: Int32Array): void;
  /** Representatives of the clusters of `minSize` to `maxSize` faces, ascending. */
  clusters(minSize: number, maxSize?: number): Int32Array;
  /** The unit mean of cluster `root`'s faces into out[offset…]. */
  meanInto(root: number, out: Float32Array, offset: number): void;
  result(): LinkageResult;
}

export function createLinkage(input: Omit<LinkageInput, 'graph'>): Linkage {
  const { n, dim, threshold, assets, anchors } = input;
  const m = input.vectors instanceof Float32Array ? matrixF32(input.vectors, n, dim) : input.vectors;
  if (m.dim !== dim || m.n < n) throw new RangeError(`vectors are ${m.n}×${m.dim}, linkage wants ${n}×${dim}`);
  const rowsI8 = m.data instanceof Int8Array ? m.data : null;
  const rowsF32 = m.data instanceof Float32Array ? m.data : null;
  const scale2 = scaleOf(m) * scaleOf(m);

  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  const version = new Int32Array(n);
  const anchor = Int32Array.from(anchors.subarray(0, n));
  for (let i = 0; i < n; i++) parent[i] = i;

  // --- Cluster sums: slot[r] is root r's sum slot, -1 while r is a single face (its row is its sum).
  const slot = new Int32Array(n).fill(-1);
  const chunks: Float32Array[] = [];
  const freeSlots: number[] = [];
  let slotsUsed = 0;
  const allocSlot = (): number => {
    const s = freeSlots.pop();
    if (s !== undefined) return s;
    if (slotsUsed === chunks.length * CHUNK) chunks.push(new Float32Array(CHUNK * dim));
    return slotsUsed++;
  };
  const sumArr = (s: number): Float32Array => chunks[(s / CHUNK) | 0]!;
  const sumOff = (s: number): number => (s % CHUNK) * dim;
  /** sum[s] (+)= row i */
  const addRow = (s: number, i: number, overwrite: boolean): void => {
    const dst = sumArr(s);
    const o = sumOff(s);
    const src = rowsI8 ?? rowsF32!;
    const io = i * dim;
    if (overwrite) for (let k = 0; k < dim; k++) dst[o + k] = src[io + k]!;
    else for (let k = 0; k < dim; k++) dst[o + k]! += src[io + k]!;
  };

  const linkage = (a: number, b: number): number => {
    const sa = slot[a]!;
    const sb = slot[b]!;
    let d: number;
    if (sa >= 0 && sb >= 0) d = dotF32F32(sumArr(sa), sumOff(sa), sumArr(sb), sumOff(sb), dim);
    else if (sa >= 0 || sb >= 0) {
      const s = sa >= 0 ? sa : sb;
      const r = sa >= 0 ? b : a;
      d = rowsI8 ? dotI8F32(rowsI8, r * dim, sumArr(s), sumOff(s), dim) : dotF32F32(rowsF32!, r * dim, sumArr(s), sumOff(s), dim);
    } else d = rowsI8 ? dotI8I8(rowsI8, a * dim, rowsI8, b * dim, dim) : dotF32F32(rowsF32!, a * dim, rowsF32!, b * dim, dim);
    return (d * scale2) / (size[a]! * size[b]!);
  };

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

  // --- Same photo. mate[f] links the faces of f's photo in a ring (mate[f] === f: alone in its photo).
  // Members of a cluster form a list from its root: next[] links them, tail[root] is the last.
  // mated[root] counts members that share their photo with anyone: zero on either side, no clash.
  const mate = photoRings(assets, n);
  const next = new Int32Array(n).fill(-1);
  const tail = new Int32Array(n);
  const mated = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    tail[i] = i;
    if (mate[i] !== i) mated[i] = 1;
  }
  const sharesPhoto = (a: number, b: number): boolean => {
    if (mated[a] === 0 || mated[b] === 0) return false;
    const [small, other] = size[a]! <= size[b]! ? [a, b] : [b, a];
    for (let f = small; f >= 0; f = next[f]!) {
      for (let g = mate[f]!; g !== f; g = mate[g]!) if (find(g) === other) return true;
    }
    return false;
  };

  // --- Rejections: sorted person lists by root, only for the few clusters that have any.
  const forbidden = new Map<number, number[]>();
  for (const [face, people] of input.forbidden ?? []) if (face < n && people.length) forbidden.set(face, [...new Set(people)].sort((x, y) => x - y));
  const rejects = (r: number, person: number): boolean => forbidden.get(r)?.includes(person) ?? false;

  // --- Explicit cannot-links: clashing[root] counts members that have any.
  const cannot = input.cannotLink;
  const clashing = new Int32Array(n);
  for (const [f, list] of cannot ?? []) if (f < n && list.length) clashing[f] = 1;
  const clashes = (a: number, b: number): boolean => {
    if (!cannot || clashing[a] === 0 || clashing[b] === 0) return false;
    const [small, other] = size[a]! <= size[b]! ? [a, b] : [b, a];
    for (let f = small; f >= 0; f = next[f]!) for (const g of cannot.get(f) ?? []) if (g < n && find(g) === other) return true;
    return false;
  };

  const compatible = (a: number, b: number): boolean => {
    const pa = anchor[a]!;
    const pb = anchor[b]!;
    if (pa >= 0 && pb >= 0 && pa !== pb) return false;
    if (pa >= 0 && rejects(b, pa)) return false;
    if (pb >= 0 && rejects(a, pb)) return false;
    return !sharesPhoto(a, b) && !clashes(a, b);
  };

  const union = (a: number, b: number): number => {
    const keep = size[a]! >= size[b]! ? a : b;
    const gone = keep === a ? b : a;
    const sk = slot[keep]!;
    const sg = slot[gone]!;
    if (sk >= 0 && sg >= 0) {
      const dst = sumArr(sk);
      const ok = sumOff(sk);
      const src = sumArr(sg);
      const og = sumOff(sg);
      for (let k = 0; k < dim; k++) dst[ok + k]! += src[og + k]!;
      freeSlots.push(sg);
    } else if (sk >= 0) addRow(sk, gone, false);
    else if (sg >= 0) {
      addRow(sg, keep, false);
      slot[keep] = sg;
    } else {
      const s = allocSlot();
      addRow(s, keep, true);
      addRow(s, gone, false);
      slot[keep] = s;
    }
    slot[gone] = -1;
    next[tail[keep]!] = gone;
    tail[keep] = tail[gone]!;
    mated[keep]! += mated[gone]!;
    clashing[keep]! += clashing[gone]!;
    const fg = forbidden.get(gone);
    if (fg) {
      const fk = forbidden.get(keep);
      forbidden.set(keep, fk ? [...new Set([...fk, ...fg])].sort((x, y) => x - y) : fg);
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

  // A stamp is the sum of both clusters' versions: versions only grow, so an unchanged sum means
  // neither cluster changed since the entry was scored.
  const floor = Math.fround(threshold);
  const top = { key: 0, a: 0, b: 0, stamp: 0 };
  const stats = { edges: 0, pops: 0, rescored: 0, merges: 0, peakSums: 0 };
  const drain = (heap: MaxHeap): void => {
    heap.heapify();
    while (heap.pop(top)) {
      stats.pops++;
      if (top.key < floor) break;
      const a = find(top.a);
      const b = find(top.b);
      if (a === b) continue;
      const stamp = version[a]! + version[b]!;
      if (a !== top.a || b !== top.b || top.stamp !== stamp) {
        stats.rescored++;
        const l = linkage(a, b);
        if (l >= threshold) heap.push(l, a, b, stamp);
        continue;
      }
      if (compatible(a, b)) {
        union(a, b);
        stats.merges++;
      }
    }
  };
  /** Queue (face i's cluster, face j's cluster) if they link at the threshold; `edge` is the faces' own similarity when known. */
  const enqueue = (heap: MaxHeap, i: number, j: number, edge: number): void => {
    const a = find(i);
    const b = find(j);
    if (a === b) return;
    const l = a === i && b === j && !Number.isNaN(edge) ? edge : linkage(a, b);
    if (l >= threshold) heap.append(l, a, b, version[a]! + version[b]!);
  };

  return {
    mergeAlong(graph, rows) {
      // Every graph edge at or above the threshold, each undirected edge once. Counted first so the heap
      // is allocated once at its final size, then built in O(edges).
      const { k } = graph;
      const m = graph.n;
      const face = (r: number): number => (rows ? rows[r]! : r);
      const queued = (i: number, e: number): boolean => {
        const j = graph.indices[e]!;
        if (j < 0 || j >= m || graph.sims[e]! < threshold) return false;
        return !(j < i && hasEdge(graph, j, i)); // an undirected edge is queued once
      };
      let edges = 0;
      for (let i = 0; i < m; i++) for (let e = i * k; e < (i + 1) * k; e++) if (queued(i, e)) edges++;
      stats.edges += edges;
      const heap = new MaxHeap(edges + 16);
      for (let i = 0; i < m; i++) for (let e = i * k; e < (i + 1) * k; e++) if (queued(i, e)) enqueue(heap, face(i), face(graph.indices[e]!), graph.sims[e]!);
      drain(heap);
    },
    mergePairs(from, to) {
      stats.edges += from.length;
      const heap = new MaxHeap(from.length + 16);
      for (let p = 0; p < from.length; p++) enqueue(heap, from[p]!, to[p]!, NaN);
      drain(heap);
    },
    clusters(minSize, maxSize = n) {
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (parent[i] === i && size[i]! >= minSize && size[i]! <= maxSize) out.push(i);
      return Int32Array.from(out);
    },
    meanInto(root, out, offset) {
      const s = slot[root]!;
      if (s >= 0) {
        const src = sumArr(s);
        const o = sumOff(s);
        for (let d = 0; d < dim; d++) out[offset + d] = src[o + d]!;
      } else if (rowsI8) for (let d = 0; d < dim; d++) out[offset + d] = rowsI8[root * dim + d]!;
      else for (let d = 0; d < dim; d++) out[offset + d] = rowsF32![root * dim + d]!;
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += out[offset + d]! * out[offset + d]!;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dim; d++) out[offset + d]! *= inv;
    },
    result() {
      const roots = new Int32Array(n);
      for (let i = 0; i < n; i++) roots[i] = find(i);
      return { roots, anchorOf: (r) => anchor[r]!, sizeOf: (r) => size[r]!, stats: { ...stats, peakSums: slotsUsed } };
    },
  };
}

function hasEdge(g: KnnGraph, from: number, to: number): boolean {
  for (let e = from * g.k; e < (from + 1) * g.k; e++) {
    if (g.indices[e] === to) return true;
  }
  return false;
}

/** For each face, the next face of the same photo in a ring; a face alone in its photo (or with none) maps to itself. */
function photoRings(assets: Int32Array, n: number): Int32Array {
  const mate = new Int32Array(n);
  for (let i = 0; i < n; i++) mate[i] = i;
  // Sort (asset, face) pairs natively as float64 keys asset·n + face, then link runs of one asset.
  const keys = new Float64Array(n);
  let len = 0;
  for (let i = 0; i < n; i++) if (assets[i]! >= 0) keys[len++] = assets[i]! * n + i;
  const sorted = keys.subarray(0, len).sort();
  for (let s = 0; s < len; ) {
    const asset = Math.floor(sorted[s]! / n);
    let e = s + 1;
    while (e < len && Math.floor(sorted[e]! / n) === asset) e++;
    if (e - s > 1) {
      for (let t = s; t < e; t++) mate[sorted[t]! - asset * n] = sorted[t + 1 < e ? t + 1 : s]! - asset * n;
    }
    s = e;
  }
  return mate;
}
