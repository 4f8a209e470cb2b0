// npm run bench:stages [-- --photos N] — each import stage in isolation on N of the 12-MP bench photos
// (one thread, CPU ms per photo), every measured alternative beside the one the pipeline uses.
import { availableParallelism, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { make12mpSet } from './make-12mp-set.ts';
import { chosenSum, measureStages, stageTools, STAGES } from './stages.ts';

const { values } = parseArgs({ options: { photos: { type: 'string', default: '16' }, set: { type: 'string', default: '200' } } });
const photos = (await make12mpSet(tmpdir(), Number(values.set))).slice(0, Number(values.photos));
const tools = await stageTools(true);
try {
  const { results, faces } = await measureStages(photos.map((p) => p.file), tools);
  console.log(`${photos.length} photos of 4000×3000, ${faces} faces (${(faces / photos.length).toFixed(1)} a photo); CPU ms per photo, one thread (wall ms in brackets)`);
  for (const stage of STAGES) {
    const rows = results.filter((r) => r.variant.stage === stage);
    const best = Math.min(...rows.map((r) => r.cpuMs));
    for (const r of rows) {
      const mark = `${r.variant.chosen ? 'used' : '    '} ${r.cpuMs === best && rows.length > 1 ? 'best' : '    '}`;
      console.log(`  ${stage.padEnd(7)} ${mark} ${r.cpuMs.toFixed(1).padStart(7)} (${r.wallMs.toFixed(1).padStart(6)})  ${r.variant.name}`);
    }
  }
  const sum = chosenSum(results);
  const cores = availableParallelism();
  console.log(`pipeline as used: ${sum.toFixed(1)} CPU ms a photo, a limit of ${((cores * 1000) / sum).toFixed(2)} photos/s on ${cores} cores`);
} finally {
  await tools.release();
}
