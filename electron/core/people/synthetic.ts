import { normalizeInPlace } from './vectors.ts';

/** Deterministic PRNG (mulberry32): benchmarks and tests must see the same data every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

export function randomUnit(dim: number, normal: () => number): Float32Array {
  const v = new Float32Array(dim);
  for (let k = 0; k < dim; k++) v[k] = normal();
  return normalizeInPlace(v);
}

/**
 * A face of an identity: its centre plus isotropic noise, scaled so the expected cosine between two faces of
 * one identity is `sameCos` (in high dimension, cos(a,b) ≈ 1 / (1 + σ²·dim) for two noisy copies).
 */
export function noisyCopy(centre: Float32Array, sameCos: number, normal: () => number): Float32Array {
  const dim = centre.length;
  const sigma = Math.sqrt((1 / sameCos - 1) / dim);
  const v = new Float32Array(dim);
  for (let k = 0; k < dim; k++) v[k] = centre[k]! + sigma * normal();
  return normalizeInPlace(v);
}
