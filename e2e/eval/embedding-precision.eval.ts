// npm run eval:precision — what storing face embeddings in fewer bytes costs in recognition accuracy.
// Imports ../shared/data/faces-dev through the real pipeline, takes one labelled face per image (the
// central one, as eval:faces does), and scores every pair of faces with the embeddings as computed
// (f32) and after a round trip through each compact encoding of embedding-quant.ts: verification
// ROC AUC and TAR at FAR 1e-3 / 1e-4, and how far the cosines moved. Prints; asserts nothing.
import { basename, dirname } from 'node:path';
import { FACES_DEV } from '../../electron/core/testing/fixtures.ts';
import { decodeEmbedding, encodeEmbedding, encodedBytes, quantizeMatrixInt8 } from '../../electron/core/people/embedding-quant.ts';
import { dot, rowF32 } from '../../electron/core/people/vectors.ts';
import { importIntoFreshCatalogue } from '../support/import-folder.ts';
import { centralFaces } from './central-faces.ts';
import { rocAuc, tarAtFar } from './metrics.ts';

const { core, wallMs } = await importIntoFreshCatalogue([FACES_DEV], { quiet: true });
try {
  const { faces } = await centralFaces(core, (p) => basename(dirname(p)));
  const n = faces.length;
  const dim = faces[0]!.embedding.length;
  const f32 = new Float32Array(n * dim);
  faces.forEach((f, i) => f32.set(f.embedding, i * dim));
  let maxAbs = 0;
  for (const v of f32) maxAbs = Math.max(maxAbs, Math.abs(v));
  console.log(`faces-dev: ${n} central faces of ${new Set(faces.map((f) => f.label)).size} identities, ${dim}-d, imported in ${(wallMs / 1000).toFixed(0)} s; max |component| ${maxAbs.toFixed(3)}`);

  const roundTrip = (format: 'f32' | 'f16' | 'i8') => faces.map((f) => decodeEmbedding(encodeEmbedding(f.embedding, format), dim));
  const global = quantizeMatrixInt8(f32, n, dim);
  const variants: Array<{ name: string; bytes: number; rows: Float32Array[] }> = [
    { name: 'f32', bytes: encodedBytes('f32', dim), rows: roundTrip('f32') },
    { name: 'f16', bytes: encodedBytes('f16', dim), rows: roundTrip('f16') },
    { name: 'i8 per-row scale', bytes: encodedBytes('i8', dim), rows: roundTrip('i8') },
    { name: 'i8 one scale (in-memory matrix)', bytes: dim, rows: faces.map((_, i) => rowF32(global, i)) },
  ];

  const reference: number[] = [];
  console.log(`\n${'format'.padEnd(34)} bytes    ROC AUC  TAR@FAR1e-3  TAR@FAR1e-4   max|Δcos|  mean|Δcos|`);
  for (const v of variants) {
    const genuine: number[] = [];
    const impostor: number[] = [];
    let maxD = 0, sumD = 0, pairs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = dot(v.rows[i]!, v.rows[j]!);
        if (v.name === 'f32') reference.push(s);
        const d = Math.abs(s - reference[pairs]!);
        maxD = Math.max(maxD, d);
        sumD += d;
        pairs++;
        (faces[i]!.label === faces[j]!.label ? genuine : impostor).push(s);
      }
    }
    const f = (x: number, digits: number, width: number) => x.toFixed(digits).padStart(width);
    console.log(`${v.name.padEnd(34)} ${String(v.bytes).padStart(5)} ${f(rocAuc(genuine, impostor), 6, 10)} ${f(tarAtFar(genuine, impostor, 1e-3), 4, 12)} ${f(tarAtFar(genuine, impostor, 1e-4), 4, 12)}   ${maxD.toExponential(2).padStart(9)}  ${(sumD / pairs).toExponential(2).padStart(9)}`);
  }
  console.log(`\n(${reference.length} pairs; genuine = same folder label)`);
} finally {
  await core.close();
}
