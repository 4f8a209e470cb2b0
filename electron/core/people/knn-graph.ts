import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type * as Usearch from 'usearch';
import { emptyKnn, offer, type KnnGraph } from './knn.ts';
import { dotRowRow, rowsF32, type EmbeddingMatrix } from './vectors.ts';

// usearch's ESM entry looks for its binary relative to the working directory; the CommonJS one finds it.
const usearch = createRequire(import.meta.url)('usearch') as typeof Usearch;

/**
 * Below this many faces the exact search is used. Measured on this project's 2-core dev machine, int8
 * rows: exact 5k ≈ 1 s and 10k ≈ 4 s (quadratic), HNSW 10k ≈ 2 s and 100k ≈ 25 s (n log n).
 */
export const EXACT_BELOW = 8_000;
/** Rows per usearch call: bounds the float32 copy usearch's JS wrapper makes of each batch. */
const BATCH = 16_384;
/**
 * HNSW parameters. A face seen only a few times has no neighbourhood to be routed through, only its few
 * look-alikes among strangers, so the search beam is wide: on 200k synthetic faces a beam of 256 instead
 * of 64 finds the other face of a two-face person 62% of the time instead of 39% (faces of 3-9: 80%, was
 * 63%) for about a sixth more search time; the build (expansion_add) costs as before.
 */
const HNSW = { connectivity: 16, expansion_add: 64, expansion_search: 256 } as const;

/**
 * Each face's k most similar other faces: cosine similarity (the dot of the stored unit rows, so int8
 * matrices give the similarity of their quantised rows), self excluded, most similar first; where fewer
 * than k were found, indices are -1 and sims -Infinity.
 *
 * Exact brute force below `exactBelow` faces (usearch's native SIMD exact search over blocks of queries,
 * about 10x a JavaScript loop); above it an HNSW index (usearch, cosine, int8 in the index), built with
 * batched multi-threaded adds and searched in batches, then dropped. Candidates from either are re-scored
 * here, so both paths give the same similarity for the same pair.
 */
export async function buildKnnGraph(m: EmbeddingMatrix, k: number, opts: { exactBelow?: number; threads?: number } = {}): Promise<KnnGraph> {
  const { n } = m;
  if (n < 2) return emptyKnn(n, Math.max(1, k));
  const threads = opts.threads ?? availableParallelism();
  if (n < (opts.exactBelow ?? EXACT_BELOW)) return exact(m, Math.max(1, Math.min(k, n - 1)), threads);
  return hnsw(m, k, threads);
}

/** `found` holds `per` candidates a query for queries [from, to); keep the best k that are not the query itself. */
function collect(g: KnnGraph, m: EmbeddingMatrix, from: number, to: number, keys: BigUint64Array, per: number, counts: BigUint64Array | null): void {
  const n = BigInt(m.n);
  for (let i = from; i < to; i++) {
    const base = (i - from) * per;
    const count = counts ? Number(counts[i - from]) : per;
    for (let e = 0; e < count; e++) {
      const key = keys[base + e]!;
      if (key >= n) continue; // usearch's filler for results it did not find
      const j = Number(key);
      if (j === i) continue;
      offer(g, i, j, dotRowRow(m, i, j));
    }
  }
}

function exact(m: EmbeddingMatrix, k: number, threads: number): KnnGraph {
  const { n, dim } = m;
  const g = emptyKnn(n, k);
  // usearch 2.26's exactSearch reads from the start of each array's ArrayBuffer, ignoring byteOffset:
  // hand it arrays that own their buffer from offset 0.
  const dataset = m.data.byteOffset === 0 ? m.data.subarray(0, n * dim) : m.data.slice(0, n * dim);
  const per = Math.min(n, k + 1);
  const block = 1024;
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    const queries = m.data.slice(from * dim, to * dim);
    const found = usearch.exactSearch(dataset, queries, dim, per, usearch.MetricKind.Cos, threads);
    collect(g, m, from, to, found.keys, per, to - from > 1 ? (found as Usearch.BatchMatches).counts : null);
  }
  return g;
}

async function hnsw(m: EmbeddingMatrix, k: number, threads: number): Promise<KnnGraph> {
  const { n, dim } = m;
  const index = new usearch.Index({ metric: usearch.MetricKind.Cos, quantization: usearch.ScalarKind.I8, dimensions: dim, multi: false, ...HNSW });
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    const keys = new BigUint64Array(to - from);
    for (let i = from; i < to; i++) keys[i - from] = BigInt(i);
    index.add(keys, rowsF32(m, from, to), threads);
    await yieldToLoop();
  }
  const g = emptyKnn(n, k);
  // One more than k, for the query itself, and one spare in case a duplicate pushed it out.
  const per = Math.min(n, k + 2);
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    const found = index.search(rowsF32(m, from, to), per, threads);
    collect(g, m, from, to, found.keys, per, to - from > 1 ? (found as unknown as Usearch.BatchMatches).counts : null);
    await yieldToLoop();
  }
  // usearch frees its memory when the wrapper is collected: the index must not escape this function.
  return g;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
