import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT_INT8_SCALE, decodeEmbedding, decodeF16, decodeInt8Row, encodeEmbedding, encodeF16, encodeInt8Row, encodedBytes, f16Bits, f16Value, formatOf, int8Matrix, quantizeMatrixInt8, setRowInt8 } from './embedding-quant.ts';
import { gaussian, randomUnit, rng } from './synthetic.ts';
import { dot, dotRow, dotRowRow, rowF32 } from './vectors.ts';

const units = (count: number, dim: number, seed: number) => {
  const normal = gaussian(rng(seed));
  return Array.from({ length: count }, () => randomUnit(dim, normal));
};

test('f16 bits are IEEE half precision, rounding to nearest even', () => {
  const cases: Array<[number, number]> = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff], // largest finite
    [65520, 0x7c00], // rounds up to Infinity
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -25, 0x0000], // half of it: ties to even, zero
    [1 + 2 ** -11, 0x3c00], // tie between 1 and 1+2^-10: even is 1
    [1 + 3 * 2 ** -11, 0x3c02], // tie: even is 1+2^-9
    [0.1, 0x2e66],
  ];
  for (const [x, bits] of cases) assert.equal(f16Bits(x), bits, `f16Bits(${x})`);
  assert.ok(Number.isNaN(f16Value(f16Bits(NaN))));
  for (let h = 0; h < 0x7c00; h++) assert.equal(f16Bits(f16Value(h)), h, `half ${h.toString(16)} round-trips`);
});

test('f16 round trip of unit vectors: relative error ≤ 2^-11, cosine moves < 1e-3', () => {
  const [a, b] = units(2, 512, 1);
  const da = decodeF16(encodeF16(a!));
  const db = decodeF16(encodeF16(b!));
  for (let k = 0; k < 512; k++) {
    const x = a![k]!;
    assert.ok(Math.abs(da[k]! - x) <= Math.max(Math.abs(x) * 2 ** -11, 2 ** -25), `component ${k}: ${x} → ${da[k]}`);
  }
  assert.ok(Math.abs(dot(da, db) - dot(a!, b!)) < 1e-3);
});

function roundTrip(v: Float32Array): Float32Array {
  const { q, scale } = encodeInt8Row(v);
  return decodeInt8Row(q, scale);
}

test('int8 with a scale per row: error ≤ half a step, cosine moves < 5e-3', () => {
  const rows = units(50, 512, 2);
  for (const v of rows) {
    const { q, scale } = encodeInt8Row(v);
    assert.equal(Math.max(...Array.from(q, Math.abs)), 127, 'the largest component uses the whole range');
    const back = decodeInt8Row(q, scale);
    for (let k = 0; k < 512; k++) assert.ok(Math.abs(back[k]! - v[k]!) <= scale / 2 + 1e-7);
  }
  for (let i = 1; i < rows.length; i++) {
    const a = roundTrip(rows[i - 1]!);
    const b = roundTrip(rows[i]!);
    assert.ok(Math.abs(dot(a, b) - dot(rows[i - 1]!, rows[i]!)) < 5e-3);
  }
});

test('blobs say which format they are in, and decode in each', () => {
  const [v] = units(1, 512, 3);
  assert.deepEqual(['f32', 'f16', 'i8'].map((f) => encodedBytes(f as 'f32', 512)), [2048, 1024, 516]);
  for (const [format, tolerance] of [['f32', 0], ['f16', 2 ** -11], ['i8', 0.005]] as const) {
    const blob = encodeEmbedding(v!, format);
    assert.equal(blob.byteLength, encodedBytes(format, 512));
    assert.equal(formatOf(blob.byteLength, 512), format);
    // Decode from an unaligned view, as a blob inside a larger buffer would be.
    const host = new Uint8Array(blob.byteLength + 3);
    host.set(blob, 3);
    const back = decodeEmbedding(host.subarray(3), 512);
    for (let k = 0; k < 512; k++) assert.ok(Math.abs(back[k]! - v![k]!) <= tolerance, `${format} component ${k}`);
  }
  assert.throws(() => formatOf(100, 512), RangeError);
});

test('an int8 matrix with one scale: rows within half a step, dots within 2e-3, clamped beyond a given scale', () => {
  const rows = units(40, 512, 4);
  const f32 = new Float32Array(40 * 512);
  rows.forEach((r, i) => f32.set(r, i * 512));
  const m = quantizeMatrixInt8(f32, 40, 512);
  for (let i = 0; i < 40; i++) {
    const back = rowF32(m, i);
    for (let k = 0; k < 512; k++) assert.ok(Math.abs(back[k]! - rows[i]![k]!) <= m.scale / 2 + 1e-7);
    assert.ok(Math.abs(dotRow(m, i, rows[(i + 1) % 40]!) - dot(rows[i]!, rows[(i + 1) % 40]!)) < 2e-3);
    assert.ok(Math.abs(dotRowRow(m, i, (i + 7) % 40) - dot(rows[i]!, rows[(i + 7) % 40]!)) < 2e-3);
  }
  const clamped = quantizeMatrixInt8(Float32Array.of(0.5, -0.5, 0.01, 0), 1, 4, { scale: 0.1 / 127 });
  assert.deepEqual(Array.from(clamped.data), [127, -127, 13, 0]);
});

test('an int8 matrix filled row by row at the fixed unit scale matches one quantised at once', () => {
  const rows = units(20, 512, 5);
  const m = int8Matrix(20, 512);
  rows.forEach((r, i) => setRowInt8(m, i, r));
  const f32 = new Float32Array(20 * 512);
  rows.forEach((r, i) => f32.set(r, i * 512));
  assert.deepEqual(m.data, quantizeMatrixInt8(f32, 20, 512, { scale: UNIT_INT8_SCALE }).data);
  for (let i = 1; i < 20; i++) assert.ok(Math.abs(dotRowRow(m, i - 1, i) - dot(rows[i - 1]!, rows[i]!)) < 3e-3);
});
