import type { EmbeddingMatrix } from './vectors.ts';

/**
 * Compact encodings of unit-length embeddings, for storage and for holding a million of them in memory.
 *
 *   f32  4 bytes a value, the reference.
 *   f16  2 bytes a value, IEEE half precision (Node 22 has no Float16Array: done by hand on Uint16Array).
 *   i8   1 byte a value plus one float32 scale per row: round(v·127 / max|v|) — a row's own scale uses
 *        the whole int8 range whatever the row's magnitude.
 *
 * `npm run eval:precision` measures what each costs in verification accuracy on faces-dev.
 * Stored blobs are little-endian; which format a blob is follows from its length (see decodeEmbedding).
 */
export type EmbeddingFormat = 'f32' | 'f16' | 'i8';

const f32Box = new Float32Array(1);
const u32Box = new Uint32Array(f32Box.buffer);

/** float → IEEE 754 half bits, rounding to nearest, ties to even; overflow → ±Inf, NaN stays NaN. */
export function f16Bits(x: number): number {
  f32Box[0] = x;
  const b = u32Box[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 112; // rebias 127 → 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half (or zero): value = m·2⁻²⁴.
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1) === 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1)) h++; // a carry into the exponent is right, up to Inf
  return sign | h;
}

/** IEEE 754 half bits → float. */
export function f16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

let f16Table: Float32Array | null = null;
function f16Lookup(): Float32Array {
  if (!f16Table) {
    f16Table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) f16Table[h] = f16Value(h);
  }
  return f16Table;
}

export function encodeF16(v: Float32Array, out: Uint16Array = new Uint16Array(v.length)): Uint16Array {
  for (let k = 0; k < v.length; k++) out[k] = f16Bits(v[k]!);
  return out;
}

export function decodeF16(h: Uint16Array, out: Float32Array = new Float32Array(h.length)): Float32Array {
  const t = f16Lookup();
  for (let k = 0; k < h.length; k++) out[k] = t[h[k]!]!;
  return out;
}

/** One row in int8 with its own scale: v ≈ q·scale. */
export function encodeInt8Row(v: Float32Array, out: Int8Array = new Int8Array(v.length)): { q: Int8Array; scale: number } {
  let max = 0;
  for (let k = 0; k < v.length; k++) max = Math.max(max, Math.abs(v[k]!));
  const scale = max > 0 ? max / 127 : 1;
  const inv = 1 / scale;
  for (let k = 0; k < v.length; k++) out[k] = Math.round(v[k]! * inv);
  return { q: out, scale };
}

export function decodeInt8Row(q: Int8Array, scale: number, out: Float32Array = new Float32Array(q.length)): Float32Array {
  for (let k = 0; k < q.length; k++) out[k] = q[k]! * scale;
  return out;
}

/**
 * A fixed scale for int8 matrices of unit embeddings filled row by row (from the database, where the
 * maximum is not known up front): fr_feature embeddings of faces-dev peak at |v| = 0.205 (eval:precision),
 * random 512-d unit vectors at about 0.25 in a million; beyond 0.3 values clamp.
 */
export const UNIT_INT8_SCALE = 0.3 / 127;

/** An all-zero int8 matrix to fill with setRowInt8. */
export function int8Matrix(n: number, dim: number, scale = UNIT_INT8_SCALE): EmbeddingMatrix & { data: Int8Array; scale: number } {
  return { n, dim, data: new Int8Array(n * dim), scale };
}

/** Row i of an int8 matrix from a float32 vector, at the matrix's scale (clamped). */
export function setRowInt8(m: EmbeddingMatrix & { data: Int8Array }, i: number, v: Float32Array): void {
  quantizeInto(v, 0, m.data, i * m.dim, m.dim, m.scale ?? 1 / 127);
}

/**
 * A float32 matrix as int8 with one scale for every row (max |v| over the whole matrix / 127, unless
 * given; values beyond a given scale are clamped). One scale keeps sums of rows exact integers, which
 * average linkage relies on; on unit vectors of 512 dims it costs about 1e-3 of cosine.
 */
export function quantizeMatrixInt8(data: Float32Array, n: number, dim: number, opts: { scale?: number } = {}): EmbeddingMatrix & { data: Int8Array; scale: number } {
  const len = n * dim;
  let scale = opts.scale;
  if (scale === undefined) {
    let max = 0;
    for (let k = 0; k < len; k++) {
      const a = Math.abs(data[k]!);
      if (a > max) max = a;
    }
    scale = max > 0 ? max / 127 : 1 / 127;
  }
  const out = new Int8Array(len);
  quantizeInto(data, 0, out, 0, len, scale);
  return { n, dim, data: out, scale };
}

/** Quantise `len` floats from `src[so]` into `dst[do]` at a fixed scale, clamping to ±127. */
export function quantizeInto(src: Float32Array, so: number, dst: Int8Array, dstOffset: number, len: number, scale: number): void {
  const inv = 1 / scale;
  for (let k = 0; k < len; k++) {
    const q = Math.round(src[so + k]! * inv);
    dst[dstOffset + k] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
}

/** Bytes one embedding of `dim` values takes in `format`. Distinct for every dim > 4, so blobs self-describe. */
export function encodedBytes(format: EmbeddingFormat, dim: number): number {
  return format === 'f32' ? dim * 4 : format === 'f16' ? dim * 2 : dim + 4;
}

/** An embedding as a storable blob: f32 and f16 little-endian; i8 is a float32 scale then the int8 values. */
export function encodeEmbedding(v: Float32Array, format: EmbeddingFormat): Uint8Array {
  const dim = v.length;
  const out = new Uint8Array(encodedBytes(format, dim));
  const view = new DataView(out.buffer);
  if (format === 'f32') for (let k = 0; k < dim; k++) view.setFloat32(k * 4, v[k]!, true);
  else if (format === 'f16') for (let k = 0; k < dim; k++) view.setUint16(k * 2, f16Bits(v[k]!), true);
  else {
    const { scale } = encodeInt8Row(v, new Int8Array(out.buffer, 4, dim));
    view.setFloat32(0, scale, true);
  }
  return out;
}

/** Which format a blob of `bytes` bytes holding `dim` values is in. */
export function formatOf(bytes: number, dim: number): EmbeddingFormat {
  for (const f of ['f32', 'f16', 'i8'] as const) if (encodedBytes(f, dim) === bytes) return f;
  throw new RangeError(`a blob of ${bytes} bytes is no embedding of ${dim} values`);
}

/** A blob from encodeEmbedding (any format) back to float32. */
export function decodeEmbedding(blob: Uint8Array, dim: number, out: Float32Array = new Float32Array(dim)): Float32Array {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const format = formatOf(blob.byteLength, dim);
  if (format === 'f32') for (let k = 0; k < dim; k++) out[k] = view.getFloat32(k * 4, true);
  else if (format === 'f16') {
    const t = f16Lookup();
    for (let k = 0; k < dim; k++) out[k] = t[view.getUint16(k * 2, true)]!;
  } else {
    const scale = view.getFloat32(0, true);
    for (let k = 0; k < dim; k++) out[k] = view.getInt8(4 + k) * scale;
  }
  return out;
}
