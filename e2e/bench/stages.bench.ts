// npm run bench:stages [-- --photos N] [--set lfw] — each import stage in isolation on N photos (one
// thread, CPU ms per photo), every measured alternative beside the one the pipeline uses. The photos:
// the 12-MP bench set (default), or with --set lfw every so many of faces-dev + faces-scale-dev (the
// small-photo import, bench:import --set lfw).
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SHARED_DATA } from '../../electron/core/testing/fixtures.ts';
import { make12mpSet } from './make-12mp-set.ts';
import { chosenSum, measureStages, stageTools, STAGES } from './stages.ts';
import { spreadSample } from './lfw-set.ts';

const { values } = parseArgs({ options: { photos: { type: 'string', default: '16' }, set: { type: 'string', default: '200' } } });
const count = Number(values.photos);
const lfw = values.set === 'lfw';
const files = lfw
  ? await spreadSample([join(SHARED_DATA, 'faces-dev'), join(SHARED_DATA, 'faces-scale-dev')], count)
  : (await make12mpSet(tmpdir(), Number(values.set))).slice(0, count).map((p) => p.file);
const tools = await stageTools(true);
try {
  const { results, faces } = await measureStages(files, tools, lfw ? 3 : 1);
  const what = lfw ? 'LFW-sized photos (faces-dev + faces-scale-dev)' : 'photos of 4000×3000';
  console.log(`${files.length} ${what}, ${faces} faces (${(faces / files.length).toFixed(1)} a photo); CPU ms per photo, one thread (wall ms in brackets)`);
  for (const stage of STAGES) {
    const rows = results.filter((r) => r.variant.stage === stage);
    const best = Math.min(...rows.map((r) => r.cpuMs));
    for (const r of rows) {
      const mark = `${r.variant.chosen ? 'used' : '    '} ${r.cpuMs === best && rows.length > 1 ? 'best' : '    '}`;
      console.log(`  ${stage.padEnd(7)} ${mark} ${r.cpuMs.toFixed(2).padStart(7)} (${r.wallMs.toFixed(2).padStart(6)})  ${r.variant.name}`);
    }
  }
  const sum = chosenSum(results);
  const cores = availableParallelism();
  console.log(`pipeline as used: ${sum.toFixed(1)} CPU ms a photo, a limit of ${((cores * 1000) / sum).toFixed(2)} photos/s on ${cores} cores`);
} finally {
  await tools.release();
}
