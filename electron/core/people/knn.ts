import { dotRows } from './vectors.ts';

/** For each row, its k most similar other rows (cosine on unit vectors), most similar first; -1 pads. */
export interface KnnGraph {
  n: number;
  k: number;
  indices: Int32Array;
  sims: Float32Array;
}

export function emptyKnn(n: number, k: number): KnnGraph {
  return { n, k, indices: new Int32Array(n * k).fill(-1), sims: new Float32Array(n * k).fill(-Infinity) };
}

/** Keep row i's list sorted descending; insert (j, s) if it beats the current k-th. */
export function offer(g: KnnGraph, i: number, j: number, s: number): void {
  const base = i * g.k;
  const last = base + g.k - 1;
  if (s <= g.sims[last]!) return;
  let p = last;
  while (p > base && g.sims[p - 1]! < s) {
    g.sims[p] = g.sims[p - 1]!;
    g.indices[p] = g.indices[p - 1]!;
    p--;
  }
  g.sims[p] = s;
  g.indices[p] = j;
}

/** Exact k nearest neighbours by brute force: right for the thousands, too slow for the millions. */
export function exactKnn(vectors: Float32Array, n: number, dim: number, k: number): KnnGraph {
  const g = emptyKnn(n, Math.max(1, Math.min(k, n - 1)));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = dotRows(vectors, i, vectors, j, dim);
      offer(g, i, j, s);
      offer(g, j, i, s);
    }
  }
  return g;
}
