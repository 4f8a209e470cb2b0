import { rng } from './synthetic.ts';
import { dotRowRow, matrixF32, type EmbeddingMatrix } from './vectors.ts';

/**
 * How alike strangers look in a library: the location and spread of the similarity of two faces taken at
 * random, estimated from the lower half of its distribution (the 1st and 10th percentiles, as a normal
 * distribution's), which the few same-person pairs among random pairs, all far above, barely move. The
 * bars the people engine tunes on LFW (REFERENCE_TAIL) are rescaled by it: an embedder or a library whose
 * strangers look less alike needs less similarity to be as sure.
 */
export interface StrangerTail {
  mu: number;
  sigma: number;
}

/** faces-dev + faces-scale-dev with fr_feature (7,182 LFW photos): random pairs, 1st/10th percentile −0.209/−0.111. */
export const REFERENCE_TAIL: StrangerTail = { mu: 0.009, sigma: 0.094 };

/** Fewer faces than this say too little about strangers: use the reference. */
export const MIN_TAIL_FACES = 300;
const PAIRS = 100_000;
// Standard normal quantiles at 1% and 10%.
const Z01 = -2.3263;
const Z10 = -1.2816;

export function estimateTail(vectors: Float32Array | EmbeddingMatrix, n: number, dim: number, seed = 1): StrangerTail | null {
  if (n < MIN_TAIL_FACES) return null;
  const m = vectors instanceof Float32Array ? matrixF32(vectors, n, dim) : vectors;
  const rand = rng(seed);
  const sims = new Float64Array(PAIRS);
  for (let p = 0; p < PAIRS; ) {
    const i = Math.floor(rand() * n);
    const j = Math.floor(rand() * n);
    if (i !== j) sims[p++] = dotRowRow(m, i, j);
  }
  sims.sort();
  const p01 = sims[Math.floor(0.01 * PAIRS)]!;
  const p10 = sims[Math.floor(0.1 * PAIRS)]!;
  const sigma = (p10 - p01) / (Z10 - Z01);
  return { mu: p10 - Z10 * sigma, sigma };
}

/** A bar tuned for the reference tail, carried over to `tail` (the same number of spreads above the middle). */
export function rescaleBar(bar: number, tail: StrangerTail): number {
  return tail.mu + ((bar - REFERENCE_TAIL.mu) * tail.sigma) / REFERENCE_TAIL.sigma;
}
