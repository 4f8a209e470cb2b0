import { UNIT_INT8_SCALE } from './embedding-quant.ts';
import { dotRowRow, normalizeInPlace, type EmbeddingMatrix } from './vectors.ts';

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

/** Standard normal deviates, both halves of each Box–Muller pair: twice as fast as `gaussian`. */
export function gaussianFast(rand: () => number): () => number {
  let spare = 0;
  let has = false;
  return () => {
    if (has) {
      has = false;
      return spare;
    }
    const u = Math.max(rand(), 1e-12);
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * rand();
    spare = r * Math.sin(t);
    has = true;
    return r * Math.cos(t);
  };
}

export interface SyntheticFacesOptions {
  dim?: number;
  seed?: number;
  /** Faces drawn on top of the n, for incremental-assignment benchmarks: rows n..n+heldOut-1. */
  heldOut?: number;
  /** Mean cosine of two faces of one identity (measure it with `sameIdentityCosine`). */
  sameCosine?: number;
  /** Share of faces that are strangers seen once. */
  lonerShare?: number;
  /** Identity sizes follow P(size) ∝ size^-zipf over 2..maxIdentity. */
  zipf?: number;
  maxIdentity?: number;
  /** Share of hard faces (profile, blur, age): much less like their identity than the rest. */
  hardShare?: number;
}

export interface SyntheticFaces {
  /** Faces to cluster: rows 0..n-1 of `all`. */
  matrix: EmbeddingMatrix & { data: Int8Array; scale: number };
  /** All n + heldOut rows. */
  all: EmbeddingMatrix & { data: Int8Array; scale: number };
  n: number;
  heldOut: number;
  /** Identity of every row; each loner has one of its own. */
  truth: Int32Array;
  /** Photo of every row: 1-4 faces of distinct identities a photo. */
  assets: Int32Array;
  identities: number;
  loners: number;
  largestIdentity: number;
}


/**
 * Synthetic face embeddings with the structure of a real library, generated straight into int8 (one scale)
 * so a million of them take 512 MB: identity sizes follow a Zipf-like power law (a few people with
 * thousands of faces, a long tail seen a few times), `lonerShare` of faces are strangers seen once, and
 * faces of one identity are its centre at cosine ρ plus isotropic noise, ρ varying per face (a share of
 * hard faces far lower), so that two faces of one identity average cosine ≈ `sameCosine`. Rows are
 * shuffled, then dealt into photos of 1-4 faces of distinct identities. Deterministic for a seed.
 */
export function syntheticFaces(n: number, opts: SyntheticFacesOptions = {}): SyntheticFaces {
  const dim = opts.dim ?? 512;
  const held = opts.heldOut ?? 0;
  const total = n + held;
  const rand = rng(opts.seed ?? 1);
  const normal = gaussianFast(rand);
  const lonerShare = opts.lonerShare ?? 0.15;
  const zipf = opts.zipf ?? 2;
  const maxIdentity = opts.maxIdentity ?? Math.max(50, Math.round(total / 100));
  const hardShare = opts.hardShare ?? 0.1;
  // E[ρ_i ρ_j] = E[ρ]² for independent faces: centre the easy range so the mean lands on sameCosine.
  const meanRho = Math.sqrt(opts.sameCosine ?? 0.65);
  const hardLo = 0.5, hardHi = 0.7;
  const easyMid = (meanRho - hardShare * (hardLo + hardHi) / 2) / (1 - hardShare);
  const easyLo = Math.max(0, easyMid - 0.1), easyHi = Math.min(0.97, easyMid + 0.1);

  // Identity sizes by inverse CDF of the truncated power law.
  const cdf = new Float64Array(maxIdentity + 1);
  for (let s = 2; s <= maxIdentity; s++) cdf[s] = cdf[s - 1]! + s ** -zipf;
  const norm = cdf[maxIdentity]!;
  const truth = new Int32Array(total);
  const lonerFaces = Math.round(total * lonerShare);
  let f = 0;
  let id = 0;
  let largest = 1;
  while (f < total - lonerFaces) {
    const u = rand() * norm;
    let lo = 2, hi = maxIdentity;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    const size = Math.min(lo, total - lonerFaces - f);
    largest = Math.max(largest, size);
    for (let k = 0; k < size; k++) truth[f++] = id;
    id++;
  }
  const identities = id;
  while (f < total) truth[f++] = id++;
  // Shuffle identities over rows.
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = truth[i]!;
    truth[i] = truth[j]!;
    truth[j] = t;
  }
  // Rows of one identity need its centre: generate identity by identity, writing each face to its row.
  const rowsOf = new Int32Array(total);
  const start = new Int32Array(id + 1);
  for (let i = 0; i < total; i++) start[truth[i]! + 1]!++;
  for (let t = 0; t < id; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, id);
  for (let i = 0; i < total; i++) rowsOf[fill[truth[i]!]!++] = i;

  const scale = UNIT_INT8_SCALE; // components of 512-d unit vectors are about ±0.044: clamping at 0.3 is beyond 6σ
  const data = new Int8Array(total * dim);
  const centre = new Float32Array(dim);
  const v = new Float32Array(dim);
  for (let t = 0; t < id; t++) {
    unitGaussian(centre, normal);
    const loner = t >= identities;
    for (let r = start[t]!; r < start[t + 1]!; r++) {
      const row = rowsOf[r]!;
      if (loner) unitGaussian(v, normal);
      else {
        const rho = rand() < hardShare ? hardLo + (hardHi - hardLo) * rand() : easyLo + (easyHi - easyLo) * rand();
        unitGaussian(v, normal);
        const w = Math.sqrt(1 - rho * rho);
        for (let k = 0; k < dim; k++) v[k] = rho * centre[k]! + w * v[k]!;
        normalizeInPlace(v);
      }
      const o = row * dim;
      for (let k = 0; k < dim; k++) {
        const q = Math.round(v[k]! / scale);
        data[o + k] = q > 127 ? 127 : q < -127 ? -127 : q;
      }
    }
  }

  // Photos: consecutive rows, 1-4 faces (half of photos have one), never one identity twice.
  const assets = new Int32Array(total);
  let photo = 0;
  for (let i = 0; i < total; photo++) {
    const u = rand();
    const want = u < 0.5 ? 1 : u < 0.75 ? 2 : u < 0.9 ? 3 : 4;
    const first = i;
    assets[i++] = photo;
    while (i < total && i - first < want) {
      let clash = false;
      for (let j = first; j < i; j++) if (truth[j] === truth[i]) clash = true;
      if (clash) break;
      assets[i++] = photo;
    }
  }

  const all = { n: total, dim, data, scale };
  return { matrix: { n, dim, data: data.subarray(0, n * dim), scale }, all, n, heldOut: held, truth, assets, identities, loners: lonerFaces, largestIdentity: largest };
}

function unitGaussian(v: Float32Array, normal: () => number): void {
  let s = 0;
  for (let k = 0; k < v.length; k++) {
    const x = normal();
    v[k] = x;
    s += x * x;
  }
  const inv = 1 / Math.sqrt(s);
  for (let k = 0; k < v.length; k++) v[k]! *= inv;
}

/** Mean cosine over up to `pairs` pairs of faces of one identity, and over as many random pairs of different ones. */
export function sameIdentityCosine(data: SyntheticFaces, pairs = 20_000, seed = 7): { same: number; different: number } {
  const rand = rng(seed);
  const m = data.all;
  const byId = new Map<number, number>();
  let same = 0, ns = 0, diff = 0, nd = 0;
  for (let i = 0; i < m.n && ns < pairs; i++) {
    const t = data.truth[i]!;
    const prev = byId.get(t);
    if (prev !== undefined) {
      same += dotRowRow(m, prev, i);
      ns++;
    }
    byId.set(t, i);
  }
  while (nd < pairs) {
    const i = Math.floor(rand() * m.n), j = Math.floor(rand() * m.n);
    if (data.truth[i] === data.truth[j]) continue;
    diff += dotRowRow(m, i, j);
    nd++;
  }
  return { same: ns ? same / ns : NaN, different: diff / nd };
}
