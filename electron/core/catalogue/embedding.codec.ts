import { decodeEmbedding as decodeAny, encodeEmbedding as encodeAs } from '../people/embedding-quant.ts';

/** Every embedding Kindred makes is 512-d (fr_feature). */
export const EMBEDDING_DIM = 512;

/**
 * Embeddings are stored as little-endian float16: half of float32, and on faces-dev's 625k pairs the
 * same ROC AUC (0.999918) and TAR at FAR 1e-3 / 1e-4 (0.9907 / 0.9692) with cosines moved by at most
 * 7e-5 (`npm run eval:precision`). Blobs self-describe by length, so float32 rows from older
 * catalogues still read.
 */
export function encodeEmbedding(v: Float32Array): Buffer {
  const bytes = encodeAs(v, 'f16');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeEmbedding(blob: Uint8Array, dim = EMBEDDING_DIM): Float32Array {
  return decodeAny(blob, dim);
}

/** Decode straight into a row of a packed matrix, avoiding one allocation per face. */
export function decodeInto(blob: Uint8Array, target: Float32Array, row: number, dim: number): void {
  decodeAny(blob, dim, target.subarray(row * dim, (row + 1) * dim));
}
