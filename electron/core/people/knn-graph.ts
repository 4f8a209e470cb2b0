import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type * as Usearch from 'usearch';
import { encodeInt8Row } from './embedding-quant.ts';
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
 * The faces' HNSW index holds each face as its sign bits and walks by Hamming distance: the angle between
 * two faces is π times the share of bits that differ, within ±0.5·π/√dim (±0.022·π over 512), so a face at
 * cosine 0.5 stays far ahead of strangers (at 90° ± 4°), while a hop costs a 64-byte popcount instead of a
 * 512-byte dot product and the index takes an eighth of the memory. Every candidate is re-scored exactly.
 * The beam is narrow: people seen often are found whole anyway (and put back together by the second look,
 * fragments.ts); what a wider beam buys is the second face of a person seen twice, at several times the
 * cost. Clustering 100k synthetic faces (bench:people's data, second look included): int8 cosine with a
 * beam of 256, 219 CPU-seconds and BCubed F 0.993; int8, beam 64: 102 s, F 0.989; sign bits, beam 64: 45 s,
 * F 0.985; sign bits, beam 128: 60 s, F 0.988.
 */
/** Fewer dimensions than this make too few bits to tell angles apart: such rows are indexed as int8 by cosine. */
const SIGN_BITS_FROM = 256;
const FACES_HNSW: HnswBeam = { connectivity: 16, expansion_add: 64, expansion_search: 64 };
/**
 * For a needle among strangers (the faces left alone by the face graph, group-faces.ts): with nobody of
 * one's own nearby there is no neighbourhood for the narrow beam to be routed through, and it finds the
 * one other face of a person seen twice about two times in three. Over the 67k faces left alone among
 * 300k synthetic ones (bench:people's data), the share of such faces whose partner the graph found:
 * 16 links and beams of 64, 0.67; 16 links, search beam 256: 0.91; 32 links, beams 64: 0.84; 32 links,
 * search beam 128: 0.94; 32 links and beams 128: 0.97, at about 2.4 times the narrow beam's time;
 * 16 links and beams 256: 0.97 at 2.5 to 5 times (rough times: measured on a busy shared machine).
 */
export const NEEDLE_HNSW: HnswBeam = { connectivity: 32, expansion_add: 128, expansion_search: 128 };
/** Cluster means are few and typical of their person: an int8 cosine index with a modest beam finds them. */
const MEANS_HNSW = { connectivity: 16, expansion_add: 64, expansion_search: 64 } as const;
/** nearestAmong searches exactly while it compares at most this many (query, row) pairs, about the exact face graph's cost at EXACT_BELOW. */
const EXACT_PAIRS = 32_000_000;

/**
 * Each face's k most similar other faces: cosine similarity (the dot of the stored unit rows, so int8
 * matrices give the similarity of their quantised rows), self excluded, most similar first; where fewer
 * than k were found, indices are -1 and sims -Infinity.
 *
 * Exact brute force below `exactBelow` faces (usearch's native SIMD exact search over blocks of queries,
 * about 10x a JavaScript loop); above it an HNSW index (usearch, sign bits by Hamming distance), built with
 * batched multi-threaded adds and searched in batches, then dropped. Candidates from either are re-scored
 * here, so both paths give the same similarity for the same pair.
 */
export async function buildKnnGraph(m: EmbeddingMatrix, k: number, opts: { exactBelow?: number; threads?: number; beam?: HnswBeam } = {}): Promise<KnnGraph> {
  const { n } = m;
  if (n < 2) return emptyKnn(n, Math.max(1, k));
  const threads = opts.threads ?? availableParallelism();
  if (n < (opts.exactBelow ?? EXACT_BELOW)) return exact(m, Math.max(1, Math.min(k, n - 1)), threads);
  return hnsw(m, k, threads, opts.beam ?? FACES_HNSW);
}

/** How wide the HNSW index looks: links per node, and the candidate lists kept while adding and searching. */
export interface HnswBeam {
  connectivity: number;
  expansion_add: number;
  expansion_search: number;
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

async function hnsw(m: EmbeddingMatrix, k: number, threads: number, beam: HnswBeam): Promise<KnnGraph> {
  const { n, dim } = m;
  // usearch makes sign bits of the float rows (a component > 0 is a 1).
  const bits = dim >= SIGN_BITS_FROM;
  const index = new usearch.Index({ metric: bits ? usearch.MetricKind.Hamming : usearch.MetricKind.Cos, quantization: bits ? usearch.ScalarKind.B1 : usearch.ScalarKind.I8, dimensions: dim, multi: false, ...beam });
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

/**
 * For each query row, the `k` most similar rows of `base` (indices into base, most similar first by the
 * index's own similarity, not re-scored; -1 pads). Exact while that compares at most `exactPairs` pairs, HNSW above. Rows
 * come from `rows(from, to, out)`, which writes rows [from, to) as packed unit float32 vectors into out,
 * so neither side has to exist as one big float32 matrix.
 */
export async function nearestAmong(base: RowSource, queries: RowSource, k: number, opts: { exactPairs?: number; threads?: number } = {}): Promise<Int32Array> {
  const out = new Int32Array(queries.n * k).fill(-1);
  if (base.n === 0 || queries.n === 0 || k <= 0) return out;
  const { dim } = base;
  const threads = opts.threads ?? availableParallelism();
  const per = Math.min(base.n, k);
  const take = (from: number, to: number, keys: BigUint64Array, counts: BigUint64Array | null): void => {
    for (let q = from; q < to; q++) {
      const got = counts ? Number(counts[q - from]) : per;
      for (let e = 0, w = 0; e < got && w < k; e++) {
        const key = keys[(q - from) * per + e]!;
        if (key < BigInt(base.n)) out[q * k + w++] = Number(key);
      }
    }
  };
  const batchOf = (src: RowSource, from: number, to: number): Float32Array => {
    const rows = new Float32Array((to - from) * dim);
    src.rows(from, to, rows);
    return rows;
  };
  if (base.n * queries.n <= (opts.exactPairs ?? EXACT_PAIRS)) {
    // Cosine ignores each row's scale, so every row is quantised to int8 on its own (2x faster than float32).
    const int8 = (src: RowSource, from: number, to: number): Int8Array => {
      const f = batchOf(src, from, to);
      const q = new Int8Array(f.length);
      for (let r = 0; r < to - from; r++) encodeInt8Row(f.subarray(r * dim, (r + 1) * dim), q.subarray(r * dim, (r + 1) * dim));
      return q;
    };
    const dataset = int8(base, 0, base.n);
    // Blocks of queries: usearch's exact search holds a score for every (query, row) pair of a call.
    const block = 1024;
    for (let from = 0; from < queries.n; from += block) {
      const to = Math.min(queries.n, from + block);
      const found = usearch.exactSearch(dataset, int8(queries, from, to), dim, per, usearch.MetricKind.Cos, threads);
      take(from, to, found.keys, to - from > 1 ? (found as Usearch.BatchMatches).counts : null);
      await yieldToLoop();
    }
    return out;
  }
  const index = new usearch.Index({ metric: usearch.MetricKind.Cos, quantization: usearch.ScalarKind.I8, dimensions: dim, multi: false, ...MEANS_HNSW });
  for (let from = 0; from < base.n; from += BATCH) {
    const to = Math.min(base.n, from + BATCH);
    const keys = new BigUint64Array(to - from);
    for (let i = from; i < to; i++) keys[i - from] = BigInt(i);
    index.add(keys, batchOf(base, from, to), threads);
    await yieldToLoop();
  }
  for (let from = 0; from < queries.n; from += BATCH) {
    const to = Math.min(queries.n, from + BATCH);
    const found = index.search(batchOf(queries, from, to), per, threads);
    take(from, to, found.keys, to - from > 1 ? (found as unknown as Usearch.BatchMatches).counts : null);
    await yieldToLoop();
  }
  return out;
}

/** Rows produced on demand: n rows of dim values. */
export interface RowSource {
  n: number;
  dim: number;
  rows(from: number, to: number, out: Float32Array): void;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
