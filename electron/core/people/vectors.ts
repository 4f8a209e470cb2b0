/** Small vector helpers over packed row-major matrices of unit-length embeddings. */

export function dotRows(a: Float32Array, ai: number, b: Float32Array, bi: number, dim: number): number {
  let s = 0;
  const ao = ai * dim;
  const bo = bi * dim;
  for (let k = 0; k < dim; k++) s += a[ao + k]! * b[bo + k]!;
  return s;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

export function row(m: Float32Array, i: number, dim: number): Float32Array {
  return m.subarray(i * dim, (i + 1) * dim);
}

export function normalizeInPlace(v: Float32Array): Float32Array {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k]! * v[k]!;
  n = Math.sqrt(n);
  if (n > 0) for (let k = 0; k < v.length; k++) v[k]! /= n;
  return v;
}

/**
 * Unit-length embeddings packed row-major, in float32 or int8. An int8 matrix holds round(v / scale)
 * with one scale for all rows (so sums of rows stay exact integers); `scale` defaults to 1/127.
 * `quantizeMatrixInt8` in embedding-quant.ts makes one: a quarter of the memory, cosine error ~1e-3.
 */
export interface EmbeddingMatrix {
  n: number;
  dim: number;
  data: Float32Array | Int8Array;
  scale?: number;
}

export function matrixF32(data: Float32Array, n: number, dim: number): EmbeddingMatrix {
  if (data.length < n * dim) throw new RangeError(`matrix of ${n}×${dim} needs ${n * dim} values, got ${data.length}`);
  return { n, dim, data };
}

/** What one int8 unit multiplies to (1 for float32 matrices). */
export function scaleOf(m: EmbeddingMatrix): number {
  return m.data instanceof Int8Array ? (m.scale ?? 1 / 127) : 1;
}

/** Row i of `m` dotted with a float32 vector of length m.dim. */
export function dotRow(m: EmbeddingMatrix, i: number, q: Float32Array): number {
  const { data, dim } = m;
  return data instanceof Int8Array ? dotI8F32(data, i * dim, q, 0, dim) * scaleOf(m) : dotF32F32(data, i * dim, q, 0, dim);
}

/** Rows i and j of `m` dotted. */
export function dotRowRow(m: EmbeddingMatrix, i: number, j: number): number {
  const { data, dim } = m;
  if (data instanceof Int8Array) {
    const s = scaleOf(m);
    return dotI8I8(data, i * dim, data, j * dim, dim) * s * s;
  }
  return dotF32F32(data, i * dim, data, j * dim, dim);
}

/** Row i as float32: a view into a float32 matrix unless `out` is given, else a decoded copy. */
export function rowF32(m: EmbeddingMatrix, i: number, out?: Float32Array): Float32Array {
  const { data, dim } = m;
  if (data instanceof Float32Array) {
    const view = data.subarray(i * dim, (i + 1) * dim);
    if (!out) return view;
    out.set(view);
    return out;
  }
  const o = out ?? new Float32Array(dim);
  const s = scaleOf(m);
  const base = i * dim;
  for (let k = 0; k < dim; k++) o[k] = data[base + k]! * s;
  return o;
}

/** Rows [from, to) as one packed float32 array: a view of a float32 matrix, a decoded copy of an int8 one. */
export function rowsF32(m: EmbeddingMatrix, from: number, to: number): Float32Array {
  const { data, dim } = m;
  if (data instanceof Float32Array) return data.subarray(from * dim, to * dim);
  const s = scaleOf(m);
  const out = new Float32Array((to - from) * dim);
  const base = from * dim;
  for (let k = 0; k < out.length; k++) out[k] = data[base + k]! * s;
  return out;
}

// Monomorphic kernels: one element type per function keeps V8's inner loops tight.

export function dotF32F32(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < dim; k += 2) {
    s0 += a[ao + k]! * b[bo + k]!;
    s1 += a[ao + k + 1]! * b[bo + k + 1]!;
  }
  if (k < dim) s0 += a[ao + k]! * b[bo + k]!;
  return s0 + s1;
}

export function dotI8F32(a: Int8Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < dim; k += 2) {
    s0 += a[ao + k]! * b[bo + k]!;
    s1 += a[ao + k + 1]! * b[bo + k + 1]!;
  }
  if (k < dim) s0 += a[ao + k]! * b[bo + k]!;
  return s0 + s1;
}

/** Exact: |sum| ≤ dim·127² fits easily in a small integer. */
export function dotI8I8(a: Int8Array, ao: number, b: Int8Array, bo: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) s += a[ao + k]! * b[bo + k]!;
  return s;
}
