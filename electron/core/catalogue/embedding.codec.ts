/** Embeddings are stored as little-endian float32 blobs; every supported platform is little-endian. */
export function encodeEmbedding(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function decodeEmbedding(blob: Uint8Array): Float32Array {
  // Copy: a Buffer from SQLite need not be 4-byte aligned.
  const out = new Float32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/** Decode straight into a row of a packed matrix, avoiding one allocation per face. */
export function decodeInto(blob: Uint8Array, target: Float32Array, row: number, dim: number): void {
  new Uint8Array(target.buffer, target.byteOffset + row * dim * 4, dim * 4).set(blob.subarray(0, dim * 4));
}
