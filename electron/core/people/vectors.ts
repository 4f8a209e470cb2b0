/** Small vector helpers over packed row-major float32 matrices. */

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
