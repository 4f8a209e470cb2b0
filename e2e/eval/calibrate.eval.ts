// npm run eval:calibrate [-- --data DIR] — fit the similarity → confidence mapping of
// electron/core/people/confidence.ts on faces-dev, and print the similarity at chosen false-accept rates.
// Class-balanced logistic regression on (cosine similarity → same person), one feature, Newton steps.
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { KindredCore } from '../../electron/core/app.ts';
import { FACES_DEV } from '../../electron/core/testing/fixtures.ts';
import { dot } from '../../electron/core/people/vectors.ts';
import { confidenceOf } from '../../electron/core/people/confidence.ts';
import { importIntoFreshCatalogue } from '../support/import-folder.ts';
import { centralFaces } from './central-faces.ts';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const core = values.data ? new KindredCore({ dataDir: values.data }) : (await importIntoFreshCatalogue([FACES_DEV], { quiet: true })).core;
try {
  const { faces } = await centralFaces(core, (p) => basename(dirname(p)));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) (faces[i]!.label === faces[j]!.label ? genuine : impostor).push(dot(faces[i]!.embedding, faces[j]!.embedding));
  }
  const [a, b] = fitLogistic(genuine, impostor);
  const at = (far: number) => [...impostor].sort((x, y) => y - x)[Math.max(0, Math.floor(far * impostor.length) - 1)]!;
  const f4 = (x: number) => x.toFixed(4);
  console.log(`pairs: ${genuine.length} genuine, ${impostor.length} impostor`);
  console.log(`fit: confidence = 1 / (1 + exp(-(${f4(a)} * similarity + ${f4(b)}))), 0.5 at similarity ${f4(-b / a)}`);
  for (const far of [1e-2, 1e-3, 1e-4]) {
    const s = at(far);
    console.log(`FAR ${far}: similarity ${f4(s)}, TAR ${f4(genuine.filter((g) => g > s).length / genuine.length)}, current mapping gives confidence ${f4(confidenceOf(s))}`);
  }
  const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(`mean similarity: genuine ${f4(meanOf(genuine))}, impostor ${f4(meanOf(impostor))}`);
} finally {
  await core.close();
}

function fitLogistic(pos: number[], neg: number[]): [number, number] {
  const wp = 0.5 / pos.length;
  const wn = 0.5 / neg.length;
  let a = 10;
  let b = -4;
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    const step = (x: number, y: number, w: number) => {
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const r = (p - y) * w;
      const h = p * (1 - p) * w;
      ga += r * x; gb += r; haa += h * x * x; hab += h * x; hbb += h;
    };
    for (const x of pos) step(x, 1, wp);
    for (const x of neg) step(x, 0, wn);
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return [a, b];
}
