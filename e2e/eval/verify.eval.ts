// npm run eval:verify [-- --set scale|dev] [--cache DIR] [--fresh] [--per-fold N] — face verification as LFW's View 2 measures it:
// ten folds of 300 same-person and 300 different-person pairs built from the set's labels (pairs.ts),
// each fold scored at the threshold chosen on the other nine. Compares alignment with the detector's
// landmarks, with refined landmarks (a second look at the face at 200 px, as analysis does), and the mean
// of the refined crop's and its mirror image's embeddings (flip augmentation), with the time per face of each.
// A photo where no face was found scores -1 against everything (its pairs count as "different").
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dotRows } from '../../electron/core/people/vectors.ts';
import { faceVectors } from './face-vectors.ts';
import { facesDevLabels, facesScaleDevLabels } from './faces-dev.ts';
import { foldAccuracy, viewTwoFolds } from './pairs.ts';

const { values } = parseArgs({ options: { set: { type: 'string', default: 'scale' }, cache: { type: 'string', default: join(tmpdir(), 'kindred-face-vectors') }, 'per-fold': { type: 'string' }, fresh: { type: 'boolean', default: false } } });
const rows = values.set === 'dev' ? facesDevLabels() : facesScaleDevLabels();
// Times come from the run that computed the vectors: --fresh measures them again (run it under `quiet`).
const v = await faceVectors(rows, join(values.cache, `${values.set}.f32`), { fresh: values.fresh });
const n = rows.length;
const found = v.found.filter(Boolean).length;
const flipped = new Float32Array(n * 512);
for (let i = 0; i < n; i++) {
  let norm = 0;
  for (let k = 0; k < 512; k++) norm += (flipped[i * 512 + k] = v.plain[i * 512 + k]! + v.mirrored[i * 512 + k]!) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < 512; k++) flipped[i * 512 + k]! /= norm;
}
// faces-dev caps identities at 15 photos: too few same-person pairs for 300 a fold.
const folds = viewTwoFolds(v.labels, { perFold: Number(values['per-fold'] ?? (values.set === 'dev' ? 100 : 300)) });
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const ms = (x: number) => `${(x / found).toFixed(1)} ms`;
console.log(`${values.set === 'dev' ? 'faces-dev' : 'faces-scale-dev'}: ${n} photos, ${n - found} without a face; ${folds.length} folds × ${folds[0]!.same.length} same + ${folds[0]!.different.length} different pairs`);
for (const [name, m, perFace] of [
  ['detector landmarks', v.detected, v.ms.align + v.ms.embed],
  ['refined landmarks', v.plain, v.ms.refine + v.ms.align + v.ms.embed],
  ['refined + mirror', flipped, v.ms.refine + v.ms.align + v.ms.embed + v.ms.mirrorEmbed],
] as const) {
  const acc = foldAccuracy(folds, (a, b) => (v.found[a] && v.found[b] ? dotRows(m, a, m, b, 512) : -1));
  const t = acc.thresholds.reduce((x, y) => x + y, 0) / acc.thresholds.length;
  console.log(`${name.padEnd(20)} 10-fold accuracy ${pct(acc.mean)} ± ${pct(acc.std)} (mean threshold ${t.toFixed(3)}), refine + align + embed ${ms(perFace)} per face`);
}
console.log(`detect ${(v.ms.detect / n).toFixed(1)} ms per photo, quality measures ${ms(v.ms.measure)} per face`);
