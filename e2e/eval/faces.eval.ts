// npm run eval:faces — import ../shared/data/faces-dev through the real pipeline and measure recognition
// (verification ROC AUC, TAR at FAR 1e-3) and the people it produced (BCubed, pairwise F) against the
// folder labels. Prints; asserts nothing.
import { basename, dirname } from 'node:path';
import { FACES_DEV } from '../../electron/core/testing/fixtures.ts';
import { importIntoFreshCatalogue } from '../support/import-folder.ts';
import { centralFaces, predictedClusters } from './central-faces.ts';
import { bcubed, pairwiseF, rocAuc, tarAtFar } from './metrics.ts';
import { dot } from '../../electron/core/people/vectors.ts';

const { core, job, wallMs, dataDir } = await importIntoFreshCatalogue([FACES_DEV]);
try {
  const { faces, missed } = await centralFaces(core, (p) => basename(dirname(p)));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) {
      (faces[i]!.label === faces[j]!.label ? genuine : impostor).push(dot(faces[i]!.embedding, faces[j]!.embedding));
    }
  }
  const truth = faces.map((f) => f.label);
  const predicted = predictedClusters(faces);
  const b = bcubed(predicted, truth);
  const pw = pairwiseF(predicted, truth);
  const people = new Set(faces.map((f) => f.personId).filter(Boolean)).size;
  const p = job.progress;
  const f3 = (x: number) => x.toFixed(3);
  console.log(`faces-dev import: ${p.files_done} files, ${p.faces} faces, ${p.files_skipped} skipped, ${p.duplicates} duplicates in ${(wallMs / 1000).toFixed(1)} s`);
  console.log(`images without a detected face: ${missed.length}${missed.length ? ` (${missed.slice(0, 5).map((m) => basename(m)).join(', ')}${missed.length > 5 ? ', …' : ''})` : ''}`);
  console.log(`central faces evaluated: ${faces.length}, identities: ${new Set(truth).size}, genuine pairs: ${genuine.length}, impostor pairs: ${impostor.length}`);
  console.log(`verification: ROC AUC ${rocAuc(genuine, impostor).toFixed(4)}, TAR@FAR1e-3 ${f3(tarAtFar(genuine, impostor, 1e-3))}, TAR@FAR1e-4 ${f3(tarAtFar(genuine, impostor, 1e-4))}`);
  console.log(`people: ${people} people among the central faces, ${predicted.filter((x) => x.startsWith('loner:')).length} unassigned`);
  console.log(`BCubed: precision ${f3(b.precision)}, recall ${f3(b.recall)}, F ${f3(b.f)}`);
  console.log(`pairwise: precision ${f3(pw.precision)}, recall ${f3(pw.recall)}, F ${f3(pw.f)}`);
  console.log(`catalogue: ${dataDir}`);
} finally {
  await core.close();
}
